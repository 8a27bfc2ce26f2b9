"""Push intake: wait in IMAP IDLE and wake the poll on new mail; reconnect with capped backoff."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from mailbot.mail.imap import ImapAccount, Mailbox, MailboxError

log = logging.getLogger(__name__)
RENEW_SECONDS = 25 * 60  # re-issue IDLE well before the 29-minute limit (RFC 2177)
STEP_SECONDS = 2.0  # how often the stop flag is looked at
SILENCE_SECONDS = 5 * 60  # Dovecot says "* OK Still here" every 2 min: silence means a dead link
BACKOFF_FIRST, BACKOFF_CAP = 1.0, 300.0


class IdleWatcher:
    """A thread that calls `on_mail` whenever the server announces new mail (and on connect)."""

    def __init__(self, account: ImapAccount, on_mail: Callable[[], None],
                 stop: threading.Event, renew_seconds: float = RENEW_SECONDS) -> None:
        self.account = account
        self.on_mail = on_mail
        self.stop = stop
        self.renew_seconds = renew_seconds
        self.thread = threading.Thread(target=self.run, name="imap-idle", daemon=True)

    def start(self) -> IdleWatcher:
        """Start watching in the background."""
        self.thread.start()
        return self

    def run(self) -> None:
        """Watch until stopped; an outage is logged and retried with capped backoff."""
        delay = BACKOFF_FIRST
        while not self.stop.is_set():
            try:
                self._watch()
                delay = BACKOFF_FIRST
            except MailboxError as error:
                log.warning("IDLE connection lost (%s); reconnecting in %.0f s", error, delay)
                self.stop.wait(delay)
                delay = min(delay * 2, BACKOFF_CAP)

    def _watch(self) -> None:
        """One connection: catch up, then IDLE in rounds shorter than the server's limit."""
        with Mailbox(self.account) as mailbox:
            if "IDLE" not in mailbox.capabilities:
                log.warning("server has no IDLE; relying on the poll interval")
                self.stop.wait()
                return
            log.info("IDLE on %s", self.account.location)
            self.on_mail()  # mail that arrived while we were away
            while not self.stop.is_set():
                if self._idle_round(mailbox):
                    self.on_mail()

    def _idle_round(self, mailbox: Mailbox) -> bool:
        """IDLE until new mail, the renew time or stop; True if mail arrived."""
        mailbox.idle_start()
        started = heard = time.monotonic()
        try:
            while not self.stop.is_set() and time.monotonic() - started < self.renew_seconds:
                responses = mailbox.idle_poll(STEP_SECONDS)
                if responses:
                    heard = time.monotonic()
                if any(b"EXISTS" in r or b"RECENT" in r for r in responses):
                    return True
                if time.monotonic() - heard > SILENCE_SECONDS:
                    raise MailboxError("IMAP IDLE: the server has been silent too long")
        finally:
            mailbox.idle_stop()
        return False
