"""Synthetic people for fixtures: checksum-valid TCKNs and TR IBANs (python-stdnum)."""

from __future__ import annotations

import random

from stdnum import iban as stdnum_iban

from tests.corpus.people import make_tckn

__all__ = ["make_iban", "make_tckn"]


def make_iban(rng: random.Random, bank_code: str = "00012") -> str:
    """A random TR IBAN for a 5-digit `bank_code` (the corpus's make_iban takes a bank slug)."""
    account = "".join(str(rng.randint(0, 9)) for _ in range(16))
    draft = f"TR00{bank_code}0{account}"
    return stdnum_iban.validate(draft[:2] + stdnum_iban.calc_check_digits(draft) + draft[4:])
