"""Directorate rules: shipped files load, the minimal file is valid, errors name key and line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mailbot.rules import LostStolenRoute, RulesError, load_rules
from mailbot.settings import PROJECT_ROOT

MINIMAL = """[directorate]
name = "Tekirdağ İl Sağlık Müdürlüğü"
mailbox = "tekirdag.sbs@saglik.gov.tr"
[payee]
name = "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ"
iban = "TR640001200930400005000016"
[[tariff]]            # one per price change
from = 2021-01-01
nes = "147.50"        # 3-year certificate
reader = "70.80"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["tekirdag", "sinop"])
def test_shipped_rules_load(name: str) -> None:
    rules = load_rules(PROJECT_ROOT / "rules" / f"{name}.toml")
    assert rules.payee.iban.startswith("TR") and len(rules.payee.iban) == 26
    assert rules.tariff_on(date(2024, 3, 14)).nes == Decimal("780.00")


def test_minimal_file_is_valid_with_defaults(tmp_path: Path) -> None:
    rules = load_rules(_write(tmp_path, MINIMAL))
    assert rules.lost_stolen.route == LostStolenRoute.OFFICER_APPROVAL
    assert rules.tariff_on(date(2021, 5, 1)).reader == Decimal("70.80")
    assert rules.tariff_on(date(2020, 12, 31)) is None


def test_unknown_key_names_file_key_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace('reader = "70.80"', 'reader = "70.80"\nreadr = "1"'))
    with pytest.raises(RulesError, match=r"d\.toml:11: tariff\.readr: Extra inputs"):
        load_rules(path)


def test_bad_iban_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace("TR640001200930400005000016",
                                            "TR640001200930400005000017"))
    with pytest.raises(RulesError, match=r"d\.toml:6: payee\.iban"):
        load_rules(path)


def test_bad_amount_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace('nes = "147.50"', 'nes = "cok"'))
    with pytest.raises(RulesError, match=r"tariff\.nes"):
        load_rules(path)
