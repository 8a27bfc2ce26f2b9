"""Turkish amounts in words, as banks print them ("YALNIZ BİNSEKSEN TL SIFIR KR.")."""

from __future__ import annotations

from decimal import Decimal

_ONES = ("", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")
_TENS = ("", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else ("yüz" if hundreds == 1 else _ONES[hundreds] + "yüz")
    return head + _TENS[rest // 10] + _ONES[rest % 10]


def number_words(n: int) -> str:
    """0 <= n < 1 000 000 in Turkish words, written together: 1080 -> 'binseksen'."""
    if n == 0:
        return "sıfır"
    thousands, rest = divmod(n, 1000)
    head = (
        "" if thousands == 0 else ("bin" if thousands == 1 else _below_thousand(thousands) + "bin")
    )
    return head + _below_thousand(rest)


def amount_words(amount: Decimal) -> str:
    """'218.30' -> 'ikiyüzonsekiz TL otuz Kr.'"""
    lira = int(amount)
    kurus = int((amount - lira) * 100)
    return f"{number_words(lira)} TL {number_words(kurus)} Kr."
