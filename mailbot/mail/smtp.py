"""SMTP edge (aiosmtplib, the only importer): deliver raw messages, classify failures."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import aiosmtplib

from mailbot.settings import ConfigError, Settings


class TemporarySendError(Exception):
    """4xx replies, timeouts, refused or dropped connections: try again later."""


class PermanentSendError(Exception):
    """5xx replies: the server will never take this message."""


def is_loopback(host: str) -> bool:
    """True when `host` resolves only to loopback addresses."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


@dataclass(frozen=True)
class SmtpSender:
    """Connection settings for the outgoing server."""

    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    timeout: float

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpSender:
        """Build from settings; plain SMTP is allowed on loopback only."""
        settings.require("smtp_host", "mailbox_address")
        host = settings.smtp_host or ""
        if settings.smtp_security == "plain" and not is_loopback(host):
            raise ConfigError("MAILBOT_SMTP_SECURITY=plain is only allowed for a loopback host")
        default_port = 465 if settings.smtp_security == "tls" else 587
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(host, settings.smtp_port or default_port, settings.smtp_security,
                   settings.smtp_user, password, settings.smtp_timeout)

    def client(self) -> aiosmtplib.SMTP:
        """A not-yet-connected aiosmtplib client."""
        return aiosmtplib.SMTP(
            hostname=self.host, port=self.port, timeout=self.timeout,
            use_tls=self.security == "tls", start_tls=self.security == "starttls",
            username=self.user, password=self.password,
        )


async def deliver(client: aiosmtplib.SMTP, raw: bytes, mail_from: str, rcpt: str) -> str:
    """Send one message on a (re)connected client; return the server's 250 reply text.

    After any failure the connection is dropped, so the next message starts clean.
    """
    if not client.is_connected:
        try:  # connecting and logging in: a failure here is ours or the server's, not the row's
            await client.connect()
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            client.close()
            raise TemporarySendError(f"connect/login: {type(error).__name__}: {error}") from error
    try:
        _, reply = await client.sendmail(mail_from, [rcpt], raw)
        return reply
    except aiosmtplib.SMTPSenderRefused as error:  # MAIL FROM refused: a set-up problem
        client.close()
        raise TemporarySendError(f"{error.code} {error.message}") from error
    except aiosmtplib.SMTPRecipientsRefused as error:
        client.close()
        raise _classified(error.recipients[0].code, error.recipients[0].message) from error
    except aiosmtplib.SMTPResponseException as error:
        client.close()
        raise _classified(error.code, error.message) from error
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        client.close()
        raise TemporarySendError(f"{type(error).__name__}: {error}") from error
    except UnicodeError as error:  # a non-ASCII address and no SMTPUTF8 at the server
        client.close()
        raise PermanentSendError(f"address cannot be sent without SMTPUTF8: {error}") from error


def _classified(code: int, message: str) -> Exception:
    """A 5xx reply is permanent; anything else (4xx, odd codes) is temporary."""
    text = f"{code} {message}".strip()
    return PermanentSendError(text) if 500 <= code < 600 else TemporarySendError(text)
