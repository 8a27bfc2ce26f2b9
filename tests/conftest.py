"""Shared fixtures: a private Dovecot IMAP server and an aiosmtpd sink, both on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot.testing.dovecot import DEBIAN_PACKAGE, Dovecot, dovecot_available
from mailbot.testing.smtpsink import SmtpSink


@pytest.fixture
def dovecot(tmp_path: Path) -> Iterator[Dovecot]:
    """A fresh Dovecot with user desk/secret, stopped after the test."""
    if not dovecot_available():
        pytest.skip(f"Dovecot is not installed (Debian package {DEBIAN_PACKAGE})")
    with Dovecot(tmp_path / "imap") as server:
        yield server


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A fresh aiosmtpd sink recording every accepted message."""
    with SmtpSink() as sink:
        yield sink
