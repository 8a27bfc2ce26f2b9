"""Settings errors name the setting; TCKNs are masked in text and logs."""

from __future__ import annotations

import logging

import pytest

from mailbot.logs import MaskingFilter
from mailbot.outbox import backoff
from mailbot.settings import ConfigError, load_settings
from mailbot.text import ascii_fold, fold_key, mask_tckn, mask_tckns_in


def test_missing_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAILBOT_IMAP_HOST", raising=False)
    settings = load_settings()
    with pytest.raises(ConfigError, match="MAILBOT_IMAP_HOST"):
        settings.require("imap_host")


def test_bad_value_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_POLL_INTERVAL", "often")
    with pytest.raises(ConfigError, match="MAILBOT_POLL_INTERVAL"):
        load_settings()


def test_toml_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text('imap_host = "mail.example.org"\npoll_interval = 90\n')
    monkeypatch.setenv("MAILBOT_CONFIG", str(config))
    monkeypatch.setenv("MAILBOT_POLL_INTERVAL", "120")
    settings = load_settings()
    assert settings.imap_host == "mail.example.org"
    assert settings.poll_interval == 120  # the environment wins over the file


def test_unknown_toml_key_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text('imap_hots = "typo"\n')
    monkeypatch.setenv("MAILBOT_CONFIG", str(config))
    with pytest.raises(ConfigError, match="IMAP_HOTS"):
        load_settings()


def test_masking() -> None:
    assert mask_tckn("12345678950") == "123******50"
    assert mask_tckns_in("TC 12345678950, tel 05321112233") == "TC 123******50, tel 05321112233"


def test_log_filter_masks_arguments() -> None:
    record = logging.LogRecord("x", logging.INFO, "f", 1, "tckn=%s", ("12345678950",), None)
    MaskingFilter().filter(record)
    assert record.getMessage() == "tckn=123******50"


def test_turkish_folding() -> None:
    assert ascii_fold("ŞÜKRÜ IŞIK") == "SUKRU ISIK"
    assert fold_key("  İSMAİL   Işık ") == fold_key("ismail isik")


def test_backoff_grows_and_is_capped() -> None:
    delays = [backoff(n).total_seconds() for n in range(1, 10)]
    assert delays[:3] == [60, 120, 240]
    assert max(delays) == 3600
