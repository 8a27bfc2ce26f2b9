"""Settings from MAILBOT_* environment variables and an optional mailbot.toml file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
Security = Literal["tls", "starttls", "plain"]


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and how to set it."""


def config_file() -> Path:
    """The optional TOML settings file: $MAILBOT_CONFIG, else ./mailbot.toml."""
    return Path(os.environ.get("MAILBOT_CONFIG", "mailbot.toml"))


class Settings(BaseSettings):
    """Every knob: MAILBOT_<NAME> in the environment, or <name> in mailbot.toml."""

    model_config = SettingsConfigDict(env_prefix="MAILBOT_", extra="forbid")

    # The desk's mailbox
    imap_host: str | None = Field(None, description="IMAP server host name")
    imap_port: int | None = Field(None, description="IMAP port (993 for tls, else 143)")
    imap_security: Security = Field("tls", description="tls, starttls, or plain (loopback only)")
    imap_user: str | None = Field(None, description="IMAP login name")
    imap_password: SecretStr | None = Field(None, description="IMAP password")
    imap_timeout: float = Field(30.0, description="IMAP socket timeout, seconds")
    inbox_folder: str = Field("INBOX", description="folder polled for new mail")
    processed_folder: str = Field("Processed", description="folder for handled mail")
    review_folder: str = Field("Review", description="folder for mail an officer must read")
    failed_folder: str = Field("Failed", description="folder for mail that failed 3 times")
    fetch_batch: int = Field(50, ge=1, le=1000, description="messages fetched per IMAP command")
    # Outgoing mail
    smtp_host: str | None = Field(None, description="SMTP server host name")
    smtp_port: int | None = Field(None, description="SMTP port (465 for tls, else 587)")
    smtp_security: Security = Field("starttls", description="tls, starttls, plain (loopback)")
    smtp_user: str | None = Field(None, description="SMTP login name (none: no AUTH)")
    smtp_password: SecretStr | None = Field(None, description="SMTP password")
    smtp_timeout: float = Field(30.0, description="SMTP timeout, seconds")
    mailbox_address: str | None = Field(None, description="the desk's address, From: of replies")
    mailbox_name: str = Field("E-imza Masası", description="display name of replies' From:")
    # Where things live
    data_dir: Path = Field(PROJECT_ROOT / "data", description="database, locks, stored files")
    database_url: str | None = Field(None, description="SQLAlchemy URL (default SQLite)")
    templates_dir: Path = Field(PROJECT_ROOT / "templates", description="Jinja2 reply templates")
    rules_file: Path = Field(PROJECT_ROOT / "rules" / "tekirdag.toml",
                             description="this directorate's rules file")
    secret_keys: SecretStr | None = Field(
        None, description="Fernet key(s), comma-separated, newest first (passwords at rest)")
    # The loop
    poll_interval: int = Field(60, ge=5, description="seconds between polls of the mailbox")
    idle: bool = Field(True, description="IMAP IDLE push intake (the poll stays as fallback)")
    outbox_interval: int = Field(30, ge=5, description="seconds between outbox flushes")
    max_attempts: int = Field(3, ge=1, description="failed tries before mail goes to Failed")
    digest_cron: str = Field("30 8 * * mon-fri",
                             description="officer digest schedule (cron, Europe/Istanbul)")
    digest_skip_empty: bool = Field(False, description="send no digest when nothing is new")
    store_attachments: bool = Field(True, description="keep attachments under data_dir")
    send_retry_hours: float = Field(72.0, gt=0, description="give up on a 4xx-deferred reply after")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING, ERROR")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Init arguments win, then the environment, then mailbot.toml."""
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)

    @property
    def db_url(self) -> str:
        """The database URL in use."""
        return self.database_url or f"sqlite:///{self.data_dir / 'mailbot.db'}"

    def require(self, *names: str) -> None:
        """Raise ConfigError naming every setting in `names` that is unset."""
        missing = [name for name in names if getattr(self, name) in (None, "")]
        if missing:
            listed = ", ".join(f"MAILBOT_{name.upper()}" for name in missing)
            raise ConfigError(
                f"missing setting(s): {listed} (set them in the environment "
                f"or as {', '.join(missing)} in {config_file()})"
            )


def load_settings(**overrides: object) -> Settings:
    """Load settings, turning validation errors into one readable ConfigError."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"])
            lines.append(f"MAILBOT_{name.upper()}: {problem['msg']}")
        raise ConfigError("bad setting(s): " + "; ".join(lines)) from None
