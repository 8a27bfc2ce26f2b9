"""An in-process SMTP sink (aiosmtpd) on loopback that records mail and fails on request."""

from __future__ import annotations

import errno
import threading
import time
from collections import deque
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from types import TracebackType

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from mailbot.testing.processes import free_port

_STAGES = ("RCPT", "DATA")


@dataclass(frozen=True)
class ReceivedMail:
    """One message the sink accepted with 250."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    message_id: str | None

    def message(self) -> EmailMessage:
        """The message parsed with the modern email policy."""
        return BytesParser(policy=policy.default).parsebytes(self.data)  # type: ignore[return-value]


def _message_id(data: bytes) -> str | None:
    """The Message-ID header, stripped, or None."""
    value = BytesHeaderParser().parsebytes(data).get("Message-ID")
    return str(value).strip() if value else None


class _Handler:
    """aiosmtpd hooks: scripted failures and drops first, otherwise record and say 250."""

    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, mail_options: list[str]) -> str:
        if self.sink.credentials and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if reply := self.sink._take_failure("RCPT"):
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.sink._take_drop():
            if server.transport is not None:
                server.transport.abort()  # no reply at all: the client sees the line die
            return "421 4.4.2 connection dropped by test"
        if reply := self.sink._take_failure("DATA"):
            return reply
        number = self.sink._record(envelope)
        return f"250 2.0.0 OK queued as {number}"


class SmtpSink:
    """aiosmtpd `Controller` on 127.0.0.1 and a free port, in a thread of this process."""

    host = "127.0.0.1"

    def __init__(self, save_dir: Path | None = None,
                 credentials: dict[str, str] | None = None) -> None:
        self.save_dir = save_dir
        self.credentials = credentials
        self.port = 0
        self.messages: list[ReceivedMail] = []
        self._failures: dict[str, deque[str]] = {stage: deque() for stage in _STAGES}
        self._drops = 0
        self._changed = threading.Condition()
        self._controller: Controller | None = None

    def start(self) -> SmtpSink:
        """Start serving; returns once the server answers (retries a port taken meanwhile)."""
        for _attempt in range(5):
            self.port = free_port()
            controller = Controller(_Handler(self), hostname=self.host, port=self.port,
                                    server_hostname="sink.localhost", enable_SMTPUTF8=True,
                                    **self._auth_options())
            try:
                controller.start()
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                continue
            self._controller = controller
            return self
        raise RuntimeError("SmtpSink: no free loopback port after 5 attempts")

    def stop(self) -> None:
        """Stop the server thread (idempotent)."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def fail_next(self, *replies: str, stage: str = "DATA") -> None:
        """The next `stage` commands (DATA, or RCPT) get these replies in order, then 250."""
        if stage not in _STAGES:
            raise ValueError(f"stage must be one of {_STAGES}")
        with self._changed:
            self._failures[stage].extend(replies)

    def drop_next(self, count: int = 1) -> None:
        """Close the connection abruptly, without a reply, on the next `count` DATA commands."""
        with self._changed:
            self._drops += count

    def reset(self) -> None:
        """Forget received mail and pending failures."""
        with self._changed:
            self.messages.clear()
            for queue in self._failures.values():
                queue.clear()
            self._drops = 0

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """All received mail once at least `count` arrived; TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"SmtpSink: {len(self.messages)} of {count} messages "
                                       f"arrived within {timeout} s")
                self._changed.wait(left)
            return list(self.messages)

    # called from the server thread ---------------------------------------------------------

    def _take_failure(self, stage: str) -> str | None:
        with self._changed:
            queue = self._failures[stage]
            return queue.popleft() if queue else None

    def _take_drop(self) -> bool:
        with self._changed:
            if self._drops:
                self._drops -= 1
                return True
            return False

    def _record(self, envelope: Envelope) -> int:
        data = envelope.original_content or b""
        mail = ReceivedMail(str(envelope.mail_from), list(envelope.rcpt_tos), data,
                            _message_id(data))
        with self._changed:
            self.messages.append(mail)
            number = len(self.messages)
            if self.save_dir is not None:
                self.save_dir.mkdir(parents=True, exist_ok=True)
                (self.save_dir / f"{number}.eml").write_bytes(data)
            self._changed.notify_all()
        return number

    def _auth_options(self) -> dict:
        """AUTH PLAIN/LOGIN without TLS (loopback only) when credentials are given."""
        if not self.credentials:
            return {}
        return {"authenticator": self._authenticate, "auth_require_tls": False}

    def _authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                      mechanism: str, auth_data: object) -> AuthResult:
        if isinstance(auth_data, LoginPassword) and self.credentials:
            user, password = auth_data.login.decode(), auth_data.password.decode()
            if self.credentials.get(user) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)
