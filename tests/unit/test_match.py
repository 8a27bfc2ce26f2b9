"""Matching: token, TCKN, Turkish-aware names, sender; ambiguity goes to the officer."""

from __future__ import annotations

import random

from mailbot.match import Candidate, MatchKind, case_token_in, match, names_match
from tests.support.people import make_tckn

RNG = random.Random(3)
A = Candidate("EIMZA-2026-000001", make_tckn(RNG), "Şükrü Işık", "sukru@example.org")
B = Candidate("EIMZA-2026-000002", make_tckn(RNG), "Ayşe Gül Yılmaz", "ayse@example.org")
C = Candidate("EIMZA-2026-000003", make_tckn(RNG), "Ayşe Yılmaz", "ay@example.org")


def test_names_fold_turkish_letters_case_and_order() -> None:
    assert names_match("SUKRU ISIK", "Şükrü Işık")
    assert names_match("IŞIK ŞÜKRÜ", "şükrü ışık")
    assert names_match("Ayşe Yılmaz", "AYSE GUL YILMAZ")  # missing middle name
    assert not names_match("Ayşe", "Ayşe Yılmaz")  # one word is not enough
    assert not names_match("Ayşe Kaya", "Ayşe Yılmaz")


def test_order_of_rules() -> None:
    pool = [A, B, C]
    assert match(pool, token=B.case_token, tckns=(A.tckn,)).application == B
    assert match(pool, tckns=(A.tckn,), names=("Ayşe Yılmaz",)).kind == MatchKind.TCKN
    assert match(pool, names=("SUKRU ISIK",)).application == A
    assert match(pool, sender="AYSE@example.org").application == B
    assert match(pool, names=("nobody here",)).kind == MatchKind.NONE


def test_ambiguous_name_is_reported_not_guessed() -> None:
    result = match([A, B, C], names=("AYSE YILMAZ",))
    assert result.kind == MatchKind.AMBIGUOUS and result.application is None
    assert {c.case_token for c in result.found} == {B.case_token, C.case_token}


def test_case_token_in_subject() -> None:
    assert case_token_in("Re: Başvurunuz alındı [EIMZA-2026-000123]") == "EIMZA-2026-000123"
    assert case_token_in("re: eimza-2026-000007 dekont") == "EIMZA-2026-000007"
    assert case_token_in("Dekont") is None
