"""A private Dovecot IMAP server on 127.0.0.1 for tests, benchmarks and `mailbot demo`."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from mailbot.testing import imapops
from mailbot.testing.dovecot_config import (
    Identity,
    choose_root,
    render_config,
    write_passwd,
)
from mailbot.testing.processes import deathsig_prefix, free_port, stop_tree

DEBIAN_PACKAGE = "dovecot-imapd"
_SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
_RUNNING: set[Dovecot] = set()


def _binary(name: str) -> str | None:
    """Path of a Dovecot program, also when sbin is not on PATH (ordinary users)."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(_SBIN))


def dovecot_available() -> bool:
    """True if the Dovecot binaries (Debian package dovecot-imapd) are installed."""
    return _binary("dovecot") is not None and _binary("doveadm") is not None


class DovecotError(RuntimeError):
    """The private Dovecot could not be started or driven; the message says why."""


class Dovecot:
    """Dovecot in `workdir` on a free loopback port; plain IMAP with passwd-file users."""

    host = "127.0.0.1"

    def __init__(self, workdir: Path, users: dict[str, str] | None = None) -> None:
        self.workdir = Path(workdir)
        self.users = dict(users or {"desk": "secret"})
        self.port = 0
        self.root: Path | None = None
        self._private_root = False
        self._proc: subprocess.Popen | None = None

    # lifecycle -----------------------------------------------------------------------------

    def start(self) -> Dovecot:
        """Write the config, launch the master, return once it greets (DovecotError if not)."""
        if not dovecot_available():
            raise DovecotError(f"Dovecot is not installed: apt-get install {DEBIAN_PACKAGE}")
        if self._proc is not None:
            return self
        self.root, self._private_root = choose_root(self.workdir)
        if self._private_root:
            self._link_private_root()
        identity = Identity.current()
        mail_root = self.root / "mail"
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(exist_ok=True)
        write_passwd(self.root / "passwd", self.users, identity, mail_root)
        for user in self.users:
            (mail_root / user).mkdir(exist_ok=True)
            os.chown(mail_root / user, identity.mail_uid, identity.mail_gid)
        self._launch(identity, new_port=True)
        return self

    def stop(self) -> None:
        """Stop the master and every process it started; a private temp root is removed (its
        log copied to `workdir`)."""
        self._stop_master()
        if self._private_root and self.root is not None:
            with contextlib.suppress(OSError):  # keep the log where the caller looks
                shutil.copyfile(self.root / "dovecot.log", self.workdir / "dovecot.log")
            shutil.rmtree(self.root, ignore_errors=True)
            (self.workdir / "dovecot-root").unlink(missing_ok=True)
            self.root, self._private_root = None, False

    def restart(self) -> None:
        """Stop and start the master on the same port, keeping all mail."""
        self._stop_master()
        self._launch(Identity.current(), new_port=False)

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    @property
    def config_path(self) -> Path:
        """The private dovecot.conf (exists once started)."""
        return self._require_root() / "dovecot.conf"

    @property
    def log_path(self) -> Path:
        """The server's log file."""
        return self._require_root() / "dovecot.log"

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server log, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except (OSError, DovecotError):
            return "(no log)"

    # mailbox helpers (plain imaplib, read-only where they only look) ------------------------

    def append(self, user: str, raw: bytes, folder: str = "INBOX", flags: str = "") -> None:
        """APPEND one message (creating `folder` if needed); `flags` like "\\\\Seen \\\\Flagged"."""
        with self._session(user) as client:
            imapops.append(client, raw, folder, flags)

    def append_many(self, user: str, raws: Iterable[bytes], folder: str = "INBOX",
                    flags: str = "") -> int:
        """APPEND many messages on one session (~6x faster than `append` in a loop); count."""
        count = 0
        with self._session(user) as client:
            for raw in raws:
                imapops.append(client, raw, folder, flags)
                count += 1
        return count

    def uids(self, user: str, folder: str = "INBOX") -> list[int]:
        """The UIDs in `folder`, ascending."""
        with self._session(user) as client:
            return imapops.uids(client, folder)

    def fetch_raw(self, user: str, folder: str = "INBOX") -> dict[int, bytes]:
        """UID → raw message bytes, fetched with BODY.PEEK[] (nothing is marked seen)."""
        with self._session(user) as client:
            return imapops.fetch_raw(client, folder)

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, set[str]]:
        """UID → set of flags such as {"\\\\Seen"}."""
        with self._session(user) as client:
            return imapops.flags(client, folder)

    def folders(self, user: str) -> list[str]:
        """All selectable folder names of `user`, sorted."""
        with self._session(user) as client:
            return imapops.folders(client)

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """The folder's current UIDVALIDITY."""
        with self._session(user) as client:
            return imapops.uidvalidity(client, folder)

    def reset_uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Give `folder` a new, larger UIDVALIDITY keeping its messages; return the new value."""
        new = max(int(time.time()), self.uidvalidity(user, folder) + 1)
        self._doveadm("mailbox", "update", "--uid-validity", str(new), "-u", user, folder)
        return new

    # internals -----------------------------------------------------------------------------

    def _session(self, user: str):
        if self._proc is None:
            raise DovecotError("Dovecot is not running: call start() first")
        return imapops.session(self.host, self.port, user, self.users[user])

    def _require_root(self) -> Path:
        if self.root is None:
            raise DovecotError("Dovecot has not been started")
        return self.root

    def _link_private_root(self) -> None:
        """Leave a pointer in `workdir` to the private root (for a person reading logs)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        link = self.workdir / "dovecot-root"
        link.unlink(missing_ok=True)
        link.symlink_to(self._require_root())

    def _launch(self, identity: Identity, new_port: bool) -> None:
        """Start the master (retrying on a port taken in the meantime) and wait for it."""
        root = self._require_root()
        for _attempt in range(5):
            if new_port or not self.port:
                self.port = free_port()
            (root / "dovecot.conf").write_text(render_config(root, self.port, identity))
            with (root / "dovecot.stderr").open("wb") as stderr:
                self._proc = subprocess.Popen(
                    [*deathsig_prefix(), _binary("dovecot") or "dovecot", "-F",
                     "-c", str(root / "dovecot.conf")],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                    close_fds=True)
            _RUNNING.add(self)
            if self._wait_for_greeting(timeout=10.0):
                return
            busy = "Address already in use" in self._failure_text()
            self._stop_master()
            if not busy:
                break
            time.sleep(0.2)
        raise DovecotError(f"Dovecot did not start on 127.0.0.1:{self.port}:\n"
                           f"{self._failure_text()}")

    def _wait_for_greeting(self, timeout: float) -> bool:
        """Poll until the server sends `* OK` or the master exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                return False
            try:
                with socket.create_connection((self.host, self.port), timeout=1.0) as sock:
                    if sock.recv(64).startswith(b"* OK"):
                        return True
            except OSError:
                pass
            time.sleep(0.01)
        return False

    def _failure_text(self) -> str:
        stderr = self._require_root() / "dovecot.stderr"
        errors = stderr.read_text(errors="replace").strip() if stderr.exists() else ""
        return f"{errors}\n{self.log_tail()}".strip()

    def _stop_master(self) -> None:
        if self._proc is not None:
            stop_tree(self._proc)
            self._proc = None
        _RUNNING.discard(self)

    def _doveadm(self, *args: str) -> str:
        """Run doveadm against this instance's private config (never /etc/dovecot)."""
        command = [_binary("doveadm") or "doveadm", "-c", str(self.config_path), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
        if done.returncode != 0:
            raise DovecotError(f"{' '.join(args)} failed ({done.returncode}): "
                               f"{done.stderr.strip()}")
        return done.stdout


@atexit.register
def _stop_all() -> None:
    """Never leave a daemon behind when the interpreter exits."""
    for server in list(_RUNNING):
        server.stop()
