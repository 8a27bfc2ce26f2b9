"""Load the form label maps in rules/forms/*.toml into folded, comparable phrases."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mailbot.text import fold_key

RULES_DIR = Path(__file__).resolve().parents[2] / "rules" / "forms"
VALUE_FIELDS = ("full_name", "tckn", "title", "institution", "email", "phone", "date")
REQUESTS = ("lost", "stolen", "fault")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SECTIONS = {"name", "title_keywords", "labels", "options", "option_stems", "marks", "acroform",
             "email_domains"}


def squash(text: str) -> str:
    """Fold `text` (Turkish case, ASCII) and keep only letters and digits: a label key."""
    return _NOT_ALNUM.sub("", fold_key(text))


@dataclass(frozen=True)
class FormRules:
    """One form's label map: every phrase already squashed (see `squash`)."""

    name: str
    title_keywords: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]  # field -> label keys
    options: dict[str, tuple[str, ...]]  # lost/stolen/fault/yes/no -> option keys
    option_stems: dict[str, tuple[str, ...]]  # lost/stolen/fault -> stems of one-word choices
    ticked_marks: frozenset[str]
    empty_marks: frozenset[str]
    acroform: dict[str, tuple[str, ...]]  # field or option -> AcroForm name keys
    email_domains: frozenset[str] = frozenset()  # common domains: an OCR'd near miss is a slip


def _squashed(values: list[str]) -> tuple[str, ...]:
    keys = {squash(value) for value in values}
    return tuple(sorted((k for k in keys if k), key=len, reverse=True))


def _mapping(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {field: _squashed(values) for field, values in table.items()}


def parse_rules(data: dict) -> FormRules:
    """Build FormRules from one parsed TOML document; unknown sections are errors."""
    unknown = set(data) - _SECTIONS
    if unknown:
        raise ValueError(f"unknown keys in form rules: {sorted(unknown)}")
    marks = data.get("marks", {})
    return FormRules(
        name=data["name"],
        title_keywords=_squashed(data.get("title_keywords", [])),
        labels=_mapping(data["labels"]),
        options=_mapping(data["options"]),
        option_stems=_mapping(data.get("option_stems", {})),
        ticked_marks=frozenset(m.strip() for m in marks.get("ticked", [])),
        empty_marks=frozenset(m.strip() for m in marks.get("empty", [])),
        acroform=_mapping(data.get("acroform", {})),
        email_domains=frozenset(d.strip().lower() for d in data.get("email_domains", [])),
    )


@cache
def load_form_rules(directory: Path = RULES_DIR) -> tuple[FormRules, ...]:
    """Every form rule file in `directory`, sorted by file name."""
    files = sorted(directory.glob("*.toml"))
    return tuple(parse_rules(tomllib.loads(path.read_text(encoding="utf-8"))) for path in files)


def default_rules() -> FormRules:
    """The e-imza lost/stolen/broken form's rules (the first rule file)."""
    rules = load_form_rules()
    if not rules:
        raise FileNotFoundError(f"no form rules in {RULES_DIR}")
    return rules[0]
