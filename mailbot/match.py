"""Matching a message's documents to an application (pure): token, TCKN, name, sender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mailbot.text import fold_key

CASE_TOKEN = re.compile(r"\[?(EIMZA-\d{4}-\d{6})\]?")


class MatchKind(StrEnum):
    """How an application was found (or why not)."""

    TOKEN = "token"
    TCKN = "tckn"
    NAME = "name"
    SENDER = "sender"
    NONE = "none"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Candidate:
    """An open application, as matching sees it."""

    case_token: str
    tckn: str | None
    full_name: str | None
    email: str | None


@dataclass(frozen=True)
class Match:
    """The outcome of matching: how, and the application(s) found."""

    kind: MatchKind
    found: tuple[Candidate, ...] = ()

    @property
    def application(self) -> Candidate | None:
        """The single application matched, if exactly one."""
        return self.found[0] if len(self.found) == 1 else None


def case_token_in(subject: str) -> str | None:
    """The case token (EIMZA-2026-000123) in a subject line, if any."""
    found = CASE_TOKEN.search(subject.upper())
    return found.group(1) if found else None


def name_tokens(name: str) -> frozenset[str]:
    """A name's words, Turkish-folded and ASCII-folded, order ignored."""
    return frozenset(fold_key(name).replace("-", " ").split())


def names_match(a: str, b: str) -> bool:
    """Same person's name: same words in any order, or one lacks a middle name."""
    left, right = name_tokens(a), name_tokens(b)
    if not left or not right:
        return False
    if left == right:
        return True
    shorter, longer = sorted((left, right), key=len)
    return len(shorter) >= 2 and shorter <= longer


def _decide(kind: MatchKind, found: list[Candidate]) -> Match | None:
    """One hit is a match, several are ambiguous, none lets the next rule try."""
    unique = tuple({c.case_token: c for c in found}.values())
    if len(unique) == 1:
        return Match(kind, unique)
    if len(unique) > 1:
        return Match(MatchKind.AMBIGUOUS, unique)
    return None


def match(candidates: list[Candidate], *, token: str | None = None,
          tckns: tuple[str, ...] = (), names: tuple[str, ...] = (),
          sender: str | None = None) -> Match:
    """Find the application: by case token, then TCKN, then name, then sender address."""
    rules = (
        (MatchKind.TOKEN, lambda c: token is not None and c.case_token == token),
        (MatchKind.TCKN, lambda c: c.tckn is not None and c.tckn in tckns),
        (MatchKind.NAME, lambda c: c.full_name is not None
         and any(names_match(c.full_name, n) for n in names)),
        (MatchKind.SENDER, lambda c: sender is not None and c.email is not None
         and c.email.lower() == sender.lower()),
    )
    for kind, hit in rules:
        decided = _decide(kind, [c for c in candidates if hit(c)])
        if decided is not None:
            return decided
    return Match(MatchKind.NONE)
