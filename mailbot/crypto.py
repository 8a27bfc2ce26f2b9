"""Secrets at rest: Fernet encryption with key rotation (MultiFernet), keys from settings."""

from __future__ import annotations

import secrets
import string

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from mailbot.settings import ConfigError, Settings

PASSWORD_ALPHABET = string.ascii_letters + string.digits


class SecretBox:
    """Encrypts with the newest key, decrypts with any configured key."""

    def __init__(self, keys: list[str]) -> None:
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])
        except (ValueError, TypeError) as error:
            raise ConfigError(f"MAILBOT_SECRET_KEYS: not a Fernet key ({error})") from None

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        """The box for MAILBOT_SECRET_KEYS; a clear error if it is unset."""
        settings.require("secret_keys")
        keys = [k for k in settings.secret_keys.get_secret_value().split(",") if k.strip()]
        return cls(keys)

    def seal(self, data: bytes) -> bytes:
        """Encrypt."""
        return self._fernet.encrypt(data)

    def open(self, token: bytes) -> bytes:
        """Decrypt (raises ValueError for a token no configured key opens)."""
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            raise ValueError("no configured key opens this secret") from None

    def rotate(self, token: bytes) -> bytes:
        """Re-encrypt with the newest key."""
        return self._fernet.rotate(token)


def new_key() -> str:
    """A fresh Fernet key (for `mailbot keygen` and tests)."""
    return Fernet.generate_key().decode()


def generate_password(length: int = 12) -> str:
    """A random application password (letters and digits)."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))
