"""Secrets at rest: sealing, rotation to a new key, clear errors for bad keys."""

from __future__ import annotations

import pytest

from mailbot.crypto import SecretBox, generate_password, new_key
from mailbot.settings import ConfigError


def test_rotation_keeps_secrets_readable_and_moves_them_to_the_new_key() -> None:
    old, new = new_key(), new_key()
    sealed = SecretBox([old]).seal(b"parola")
    both = SecretBox([new, old])
    rotated = both.rotate(sealed)
    assert SecretBox([new]).open(rotated) == b"parola"
    with pytest.raises(ValueError, match="no configured key"):
        SecretBox([new]).open(sealed)


def test_bad_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="MAILBOT_SECRET_KEYS"):
        SecretBox(["not-a-key"])


def test_generated_passwords_differ_and_are_long_enough() -> None:
    passwords = {generate_password() for _ in range(50)}
    assert len(passwords) == 50 and all(len(p) == 12 and p.isalnum() for p in passwords)
