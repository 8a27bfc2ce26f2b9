"""IMAP edge (the only imap-tools importer): peek-fetch in batches, UIDVALIDITY, safe moves."""

from __future__ import annotations

import contextlib
import imaplib
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError
from imap_tools.message import MailMessage
from imap_tools.utils import encode_folder

from mailbot.mail.smtp import is_loopback
from mailbot.settings import ConfigError, Settings


class MailboxError(Exception):
    """The mailbox could not be reached or refused a command (an outage, not a bug)."""


@dataclass(frozen=True)
class FetchedMail:
    """One message as fetched: its UID and its exact bytes."""

    uid: int
    raw: bytes


class _RawMail(MailMessage):
    """A fetched message kept as raw bytes: parsing is mailbot's job, not imap-tools'."""

    def __init__(self, fetch_data: list) -> None:
        raw, uid_data, flag_data = self._get_message_data_parts(fetch_data)
        self._raw_uid_data = uid_data
        self._raw_flag_data = flag_data
        self.raw = raw


_ERRORS = (ImapToolsError, imaplib.IMAP4.error, OSError, TimeoutError, ssl.SSLError, EOFError)


@dataclass(frozen=True)
class ImapAccount:
    """Connection settings of the desk's mailbox."""

    host: str
    port: int
    security: str
    user: str
    password: str
    timeout: float
    folder: str = "INBOX"

    @classmethod
    def from_settings(cls, settings: Settings) -> ImapAccount:
        """Build from settings; plain IMAP is allowed on loopback only."""
        settings.require("imap_host", "imap_user", "imap_password")
        host = settings.imap_host or ""
        if settings.imap_security == "plain" and not is_loopback(host):
            raise ConfigError("MAILBOT_IMAP_SECURITY=plain is only allowed for a loopback host")
        port = settings.imap_port or (993 if settings.imap_security == "tls" else 143)
        return cls(host, port, settings.imap_security, settings.imap_user or "",
                   settings.imap_password.get_secret_value(), settings.imap_timeout,
                   settings.inbox_folder)

    @property
    def location(self) -> str:
        """The ledger's name for the polled folder: user@host:port/folder."""
        return f"{self.user}@{self.host}:{self.port}/{self.folder}"


class Mailbox:
    """An open session on the polled folder; use as a context manager."""

    def __init__(self, account: ImapAccount) -> None:
        self.account = account
        self._box: MailBox | None = None
        self._capabilities: frozenset[str] = frozenset()

    def __enter__(self) -> Mailbox:
        acct = self.account
        classes = {"tls": MailBox, "starttls": MailBoxStartTls, "plain": MailBoxUnencrypted}
        try:
            box = classes[acct.security](acct.host, acct.port, timeout=acct.timeout)
            box.email_message_class = _RawMail
            box.login(acct.user, acct.password, initial_folder=acct.folder)
        except _ERRORS as error:
            raise MailboxError(f"IMAP {acct.host}:{acct.port}: {error}") from error
        self._box = box
        self._capabilities = self._fresh_capabilities()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._box is not None:
            with contextlib.suppress(_ERRORS):
                self._box.logout()
            self._box = None

    @property
    def box(self) -> MailBox:
        """The live imap-tools session."""
        if self._box is None:
            raise MailboxError("mailbox is not open")
        return self._box

    def _call(self, what: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one IMAP command, mapping every protocol or socket error to MailboxError."""
        try:
            return func(*args, **kwargs)
        except _ERRORS as error:
            raise MailboxError(f"IMAP {what}: {error}") from error

    def _fresh_capabilities(self) -> frozenset[str]:
        """Capabilities after login (imaplib keeps only the pre-login greeting's list)."""
        typ, data = self._call("CAPABILITY", self.box.client.capability)
        words = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
        return frozenset(words.upper().split()) if typ == "OK" else frozenset()

    def uidvalidity(self) -> int:
        """The polled folder's current UIDVALIDITY."""
        status = self._call("STATUS", self.box.folder.status, self.account.folder, ["UIDVALIDITY"])
        return int(status["UIDVALIDITY"])

    def uids(self) -> list[int]:
        """UIDs of the messages in the polled folder, oldest first (no text filters)."""
        found = self._call("UID SEARCH", self.box.uids, "UNDELETED", charset=None)
        return sorted(int(uid) for uid in found)

    def fetch(self, uids: list[int], batch: int) -> Iterator[FetchedMail]:
        """Exact bytes of `uids` with BODY.PEEK (nothing is marked seen), `batch` per command."""
        for start in range(0, len(uids), batch):
            chunk = [str(uid) for uid in uids[start:start + batch]]
            messages = self._call("UID FETCH", lambda c=chunk: list(self.box.fetch(
                uid_list=c, mark_seen=False, bulk=len(c) if len(c) >= 2 else True)))
            for message in messages:
                if message.uid is not None:
                    yield FetchedMail(uid=int(message.uid), raw=message.raw)

    def ensure_folders(self, names: Iterable[str]) -> None:
        """Create any of `names` that does not exist yet."""
        existing = {f.name for f in self._call("LIST", self.box.folder.list)}
        for name in names:
            if name not in existing:
                self._call("CREATE", self.box.folder.create, name)

    def move(self, uids: list[int], folder: str) -> None:
        """Move `uids` to `folder` without ever expunging any other message."""
        if not uids:
            return
        uid_set = ",".join(str(uid) for uid in uids)
        client = self.box.client
        if "MOVE" in self._capabilities:
            self._ok("UID MOVE", client.uid, "MOVE", uid_set, encode_folder(folder))
            return
        self._ok("UID COPY", client.uid, "COPY", uid_set, encode_folder(folder))
        self._ok("UID STORE", client.uid, "STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
        if "UIDPLUS" in self._capabilities:
            self._ok("UID EXPUNGE", client.uid, "EXPUNGE", uid_set)
        # without UIDPLUS the copies stay flagged \Deleted in INBOX: a plain EXPUNGE would
        # also remove other clients' deleted mail, so it is left to the server's own cleanup.

    def _ok(self, what: str, func: Callable[..., Any], *args: Any) -> None:
        """Run a raw command and insist on an OK reply."""
        typ, data = self._call(what, func, *args)
        if typ != "OK":
            raise MailboxError(f"IMAP {what}: {typ} {data!r}")

    @property
    def capabilities(self) -> frozenset[str]:
        """The server's capabilities after login."""
        return self._capabilities

    def idle_start(self) -> None:
        """Enter IDLE on the polled folder."""
        self._call("IDLE", self.box.idle.start)

    def idle_poll(self, timeout: float) -> list[bytes]:
        """Untagged responses that arrived within `timeout` seconds (empty list: none)."""
        started = time.monotonic()
        responses = self._call("IDLE poll", self.box.idle.poll, timeout=timeout)
        early = time.monotonic() - started < timeout / 2
        if any(r == b"" for r in responses) or (not responses and early and self._at_eof()):
            raise MailboxError("IMAP IDLE: connection closed by the server")
        return responses

    def _at_eof(self) -> bool:
        """Whether the server closed the connection (imap-tools' poll hides the EOF)."""
        sock = self.box.client.sock
        old = sock.gettimeout()
        try:
            sock.settimeout(0)
            return sock.recv(1, socket.MSG_PEEK) == b""
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True
        finally:
            sock.settimeout(old)

    def idle_stop(self) -> None:
        """Leave IDLE (DONE)."""
        self._call("IDLE DONE", self.box.idle.stop)

    def noop(self) -> None:
        """A NOOP: proves the connection is alive."""
        self._ok("NOOP", self.box.client.noop)
