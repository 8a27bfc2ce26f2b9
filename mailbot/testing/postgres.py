"""A throwaway PostgreSQL cluster on a free loopback port (initdb + pg_ctl), for tests."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

DEBIAN_PACKAGE = "postgresql"


def _bin_dir() -> Path | None:
    """The newest PostgreSQL server binaries Debian installed."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent if versions else None


def postgres_available() -> bool:
    """Whether initdb and pg_ctl are installed."""
    return _bin_dir() is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """initdb in a private directory, started on 127.0.0.1; `url` for SQLAlchemy (psycopg)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mailbot-pg-"))
        self.port = _free_port()
        self._user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self._bin = _bin_dir()

    @property
    def url(self) -> str:
        """A SQLAlchemy URL for the `mailbot` database."""
        return f"postgresql+psycopg://{self._user}@127.0.0.1:{self.port}/mailbot"

    def _run(self, *args: str) -> None:
        command = [str(self._bin / args[0]), *args[1:]]
        if os.geteuid() == 0:  # the server refuses to run as root
            command = ["runuser", "-u", self._user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> Postgres:
        """initdb, start, create the database; returns once it accepts connections."""
        os.chmod(self.root, 0o755)
        data = self.root / "data"
        data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, self._user)
            shutil.chown(data, self._user)
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", self._user, "--no-sync")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "log"),
                  "-w", "start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self._user,
                  "mailbot")
        return self

    def stop(self) -> None:
        """Stop the server and remove its files."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Postgres:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
