"""Composition root: builds the engine, templates, clock, mailbox account and SMTP sender."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address

from jinja2 import Environment
from sqlalchemy.engine import Engine

from mailbot.db import make_engine
from mailbot.domain import Folder
from mailbot.mail.compose import template_environment
from mailbot.mail.imap import ImapAccount
from mailbot.mail.smtp import SmtpSender
from mailbot.rules import Rules, load_rules
from mailbot.settings import Settings

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


@dataclass
class App:
    """Everything a job needs, built once from settings."""

    settings: Settings
    engine: Engine
    templates: Environment
    rules: Rules
    clock: Clock = system_clock
    stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(cls, settings: Settings, clock: Clock = system_clock) -> App:
        """Wire the parts from settings (no network is touched here)."""
        return cls(settings, make_engine(settings.db_url),
                   template_environment(settings.templates_dir), load_rules(settings.rules_file),
                   clock)

    def account(self) -> ImapAccount:
        """The polled mailbox (raises ConfigError when IMAP settings are missing)."""
        return ImapAccount.from_settings(self.settings)

    def smtp(self) -> SmtpSender:
        """The outgoing server (raises ConfigError when SMTP settings are missing)."""
        return SmtpSender.from_settings(self.settings)

    def sender_address(self) -> Address:
        """The From: of replies."""
        self.settings.require("mailbox_address")
        local, _, domain = (self.settings.mailbox_address or "").partition("@")
        return Address(self.settings.mailbox_name, local, domain)

    def folder_name(self, folder: Folder | str) -> str:
        """The real IMAP folder for a logical destination."""
        names = {
            Folder.PROCESSED: self.settings.processed_folder,
            Folder.REVIEW: self.settings.review_folder,
            Folder.FAILED: self.settings.failed_folder,
        }
        return names[Folder(folder)]
