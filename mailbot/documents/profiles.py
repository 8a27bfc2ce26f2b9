"""Bank receipt profiles (rules/banks/*.toml), merged over generic.toml, invoice2data style."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mailbot.documents.layout import fold
from mailbot.text import collapse_spaces

FIELDS = (
    "payer_name", "recipient_name", "recipient_iban", "payer_iban", "party_name", "party_iban",
    "amount", "date", "description", "reference",
)
_ALLOWED_TOP = {"bank", "fields", "sections", "ignore", "options"}
_ALLOWED_BANK = {"id", "name", "keywords", "exclude_keywords", "iban_bank_code", "priority",
                 "signals"}


class ProfileError(ValueError):
    """A bank profile that does not validate (unknown key, wrong type)."""


@dataclass(frozen=True)
class BankProfile:
    """One issuer's receipt knowledge; label lists are folded and in priority order."""

    id: str
    name: str
    keywords: tuple[str, ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    iban_bank_code: str | None = None
    priority: int = 0
    signals: tuple[str, ...] = ()  # the bank's own label phrases (see banks.signalled_bank)
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    payer_sections: tuple[str, ...] = ()
    recipient_sections: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()
    in_values: tuple[str, ...] = ()  # ignored label words that also end a value ("ücret")
    options: dict[str, object] = field(default_factory=dict)


def banks_dir() -> Path:
    """rules/banks of the repository, or $MAILBOT_RULES_DIR/banks."""
    base = os.environ.get("MAILBOT_RULES_DIR")
    root = Path(base) if base else Path(__file__).resolve().parents[2] / "rules"
    return root / "banks"


def _keys(values: object, where: str) -> tuple[str, ...]:
    """A list of strings, folded for matching."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ProfileError(f"{where}: expected a list of strings")
    return tuple(collapse_spaces(fold(v)) for v in values)


def _raw_profile(path: Path) -> dict:
    """Read one TOML file and check its top-level keys."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    unknown = set(raw) - _ALLOWED_TOP
    if unknown:
        raise ProfileError(f"{path.name}: unknown keys {sorted(unknown)}")
    unknown_bank = set(raw.get("bank", {})) - _ALLOWED_BANK
    if unknown_bank:
        raise ProfileError(f"{path.name}: unknown [bank] keys {sorted(unknown_bank)}")
    unknown_fields = set(raw.get("fields", {})) - set(FIELDS)
    if unknown_fields:
        raise ProfileError(f"{path.name}: unknown fields {sorted(unknown_fields)}")
    return raw


def _merge(raw: dict, generic: dict | None, name: str) -> BankProfile:
    """A profile whose lists are the bank's entries first, then the generic ones."""
    def listed(section: str, key: str) -> tuple[str, ...]:
        own = _keys(raw.get(section, {}).get(key, []), f"{name} {section}.{key}")
        base = () if generic is None else _keys(generic.get(section, {}).get(key, []), "generic")
        return tuple(dict.fromkeys(own + base))

    labels = {}
    for field_name in FIELDS:
        own = raw.get("fields", {}).get(field_name, {})
        base = {} if generic is None else generic.get("fields", {}).get(field_name, {})
        own_labels = _keys(own.get("labels", []), f"{name} fields.{field_name}")
        base_labels = _keys(base.get("labels", []), "generic")
        labels[field_name] = tuple(dict.fromkeys(own_labels + base_labels))
    bank = raw.get("bank", {})
    options = dict({} if generic is None else generic.get("options", {}))
    options.update(raw.get("options", {}))
    return BankProfile(
        id=bank.get("id", name), name=bank.get("name", name),
        keywords=_keys(bank.get("keywords", []), f"{name} bank.keywords"),
        exclude_keywords=_keys(bank.get("exclude_keywords", []), f"{name} exclude"),
        iban_bank_code=bank.get("iban_bank_code"), priority=int(bank.get("priority", 0)),
        signals=_keys(bank.get("signals", []), f"{name} bank.signals"), labels=labels,
        payer_sections=listed("sections", "payer"),
        recipient_sections=listed("sections", "recipient"),
        ignore=listed("ignore", "labels"), not_names=listed("ignore", "names"),
        in_values=listed("ignore", "in_values"), options=options,
    )


@lru_cache(maxsize=4)
def load_profiles(directory: Path | None = None) -> tuple[BankProfile, tuple[BankProfile, ...]]:
    """(generic profile, bank profiles merged over it) from a rules/banks folder."""
    folder = directory or banks_dir()
    generic_raw = _raw_profile(folder / "generic.toml")
    generic = _merge(generic_raw, None, "generic")
    banks = tuple(
        _merge(_raw_profile(path), generic_raw, path.stem)
        for path in sorted(folder.glob("*.toml")) if path.stem != "generic"
    )
    return generic, banks
