"""Process helpers for the private servers: free ports, descendants by pid, a careful stop."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path


def free_port() -> int:
    """A loopback TCP port that was free a moment ago (bind to port 0, read it, close)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name, or None if the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def start_time(pid: int) -> str | None:
    """The kernel's start time of `pid` (to tell a process from a later one reusing its pid)."""
    fields = _stat_fields(pid)
    return fields[19] if fields else None


def descendants(pid: int) -> dict[int, str]:
    """Every live descendant of `pid`, mapped to its start time."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if (started := start_time(child)) is not None:
                found[child] = started
                todo.append(child)
    return found


def alive(pid: int, started: str) -> bool:
    """True if `pid` is still the process that had start time `started` and not a zombie."""
    fields = _stat_fields(pid)
    return fields is not None and fields[19] == started and fields[0] != "Z"


def stop_tree(proc: subprocess.Popen, term_grace: float = 0.2, grace: float = 5.0) -> None:
    """SIGTERM a master we started; SIGKILL it after `term_grace` (Dovecot's orderly shutdown
    idles ~1 s); then wait for its children to follow, SIGKILLing any that stay."""
    if proc.poll() is not None:
        return
    family = descendants(proc.pid)
    proc.terminate()
    try:
        proc.wait(term_grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(grace)
    _signal_family(family, signal.SIGTERM)  # sessions of connected clients outlive a killed master
    deadline = time.monotonic() + grace
    while any(alive(pid, started) for pid, started in family.items()):
        if time.monotonic() > deadline:
            _signal_family(family, signal.SIGKILL)
            break
        time.sleep(0.005)


def _signal_family(family: dict[int, str], signum: int) -> None:
    """Send `signum` to each process of `family` that is still the one we recorded."""
    for pid, started in family.items():
        if alive(pid, started):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)


def deathsig_prefix() -> list[str]:
    """`setpriv --pdeathsig TERM` when started from the main thread: if this Python process
    dies without cleaning up, the kernel stops the server (PDEATHSIG follows the forking
    thread, so it is not used from other threads)."""
    setpriv = shutil.which("setpriv")
    if setpriv and threading.current_thread() is threading.main_thread():
        return [setpriv, "--pdeathsig", "TERM"]
    return []
