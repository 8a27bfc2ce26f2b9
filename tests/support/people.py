"""Synthetic people for fixtures: checksum-valid TCKNs and TR IBANs, invented names."""

from __future__ import annotations

import random

from stdnum import iban as iban_check
from stdnum.tr import tckimlik


def make_tckn(rng: random.Random) -> str:
    """A random TCKN that passes the checksum (never a real person's on purpose)."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    odd, even = sum(digits[0:9:2]), sum(digits[1:8:2])
    digits.append((odd * 7 - even) % 10)
    digits.append(sum(digits) % 10)
    number = "".join(map(str, digits))
    assert tckimlik.is_valid(number)
    return number


def make_iban(rng: random.Random, bank_code: str = "00012") -> str:
    """A random TR IBAN for `bank_code` with correct mod-97 check digits."""
    account = "".join(str(rng.randint(0, 9)) for _ in range(16))
    bban = f"{bank_code}0{account}"
    numeric = int("".join(str(int(ch, 36)) for ch in bban + "TR00"))
    number = f"TR{98 - numeric % 97:02d}{bban}"
    assert iban_check.is_valid(number)
    return number
