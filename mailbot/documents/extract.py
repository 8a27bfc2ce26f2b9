"""Sandboxed extraction: each file is read in a recycled child process with time and memory limits.

A child (`python -m mailbot.documents.pipeline`) is started once and kept for the next file,
so the parsers are imported once and the per-file overhead is one pipe round trip. A child
that overruns its wall-clock timeout is killed; one that dies or runs out of memory is
replaced. The child sets its own address-space limit (RLIMIT_AS) before every file. Replies
are unpickled with an allow-list of the document value types only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from mailbot.documents import frames
from mailbot.documents.model import Extraction, Unreadable

MAX_BYTES = 50 * 1024 * 1024  # larger attachments are refused before any parsing
_JOBS_PER_CHILD = 200  # recycle children to bound slow leaks in the parsers
_POOL_SIZE = int(os.environ.get("MAILBOT_READER_WORKERS", "1"))


def extract(data: bytes, filename: str = "", *, timeout: float = 60.0,
            memory_mb: int = 1024, ocr: bool = True) -> Extraction:
    """Read a file's bytes in a sandboxed child; never raises for hostile input.

    The type is sniffed from the bytes; `filename` is only used in failure details.
    """
    if not data:
        return Extraction(failure=Unreadable.EMPTY, detail="zero bytes")
    if len(data) > MAX_BYTES:
        return Extraction(failure=Unreadable.TOO_LARGE, detail=f"{len(data)} bytes")
    worker = _POOL.acquire()
    try:
        return worker.run((data, ocr, memory_mb), timeout, filename)
    finally:
        _POOL.release(worker)


class _Worker:
    """One child process (`python -m mailbot.documents.pipeline`) serving files over pipes."""

    def __init__(self) -> None:
        env = dict(os.environ, OMP_THREAD_LIMIT="1", OPENBLAS_NUM_THREADS="1")
        root = str(Path(__file__).resolve().parents[2])  # mailbot importable in the child
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        self.process = subprocess.Popen(
            # -P: the working directory is not on the child's path, so it imports this
            # mailbot (PYTHONPATH), not whatever package of that name the cwd holds
            [sys.executable, "-P", "-m", "mailbot.documents.pipeline"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True,
        )
        self.jobs = 0

    @property
    def alive(self) -> bool:
        """True while the child can take another file."""
        return self.process.poll() is None and self.jobs < _JOBS_PER_CHILD

    def run(self, request: tuple, timeout: float, filename: str) -> Extraction:
        """Send one file, wait at most `timeout` seconds for its Extraction."""
        self.jobs += 1
        deadline = time.monotonic() + timeout
        name = filename or "file"
        try:
            if not self._send(frames.encode(request), timeout):
                self.stop()
                return Extraction(failure=Unreadable.TIMEOUT, detail=f"{name}: not taken in time")
            payload = frames.read_frame(self.process.stdout.fileno(), deadline)
        except TimeoutError:
            self.stop()
            return Extraction(failure=Unreadable.TIMEOUT, detail=f"{name}: over {timeout:g} s")
        except (EOFError, OSError):
            return self._died(name)
        result = frames.decode_extraction(payload)
        if result is None:
            self.stop()
            return Extraction(failure=Unreadable.CORRUPT, detail=f"{name}: bad reply")
        if result.failure is Unreadable.TOO_LARGE:
            self.stop()  # a child that hit its memory limit is not trusted again
        return result

    def _send(self, payload: bytes, timeout: float) -> bool:
        """Write without blocking forever on a child that stopped reading (thread + join)."""
        errors: list[BaseException] = []

        def send() -> None:
            try:
                self.process.stdin.write(payload)
                self.process.stdin.flush()
            except (OSError, ValueError) as exc:
                errors.append(exc)

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        sender.join(timeout)
        if sender.is_alive():
            return False
        if errors:
            raise BrokenPipeError(str(errors[0]))
        return True

    def _died(self, name: str) -> Extraction:
        """The child vanished mid-file: a kill by the kernel means memory, else a crash."""
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            code = None
        self.stop()
        if code == -signal.SIGKILL:
            return Extraction(failure=Unreadable.TOO_LARGE, detail="reader killed (memory)")
        return Extraction(failure=Unreadable.CORRUPT, detail=f"{name}: reader crashed ({code})")

    def stop(self) -> None:
        """Kill the child and close its pipes."""
        self.jobs = _JOBS_PER_CHILD
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(2)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()


class _Pool:
    """A small set of idle workers; callers borrow one per file (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.idle: list[_Worker] = []
        self.slots = threading.BoundedSemaphore(self.size)
        self.lock = threading.Lock()

    def acquire(self) -> _Worker:
        """An idle live worker, or a new one."""
        self.slots.acquire()
        with self.lock:
            while self.idle:
                worker = self.idle.pop()
                if worker.alive:
                    return worker
                worker.stop()
            return _Worker()

    def release(self, worker: _Worker) -> None:
        """Give a worker back (dead ones are dropped)."""
        with self.lock:
            if worker.alive:
                self.idle.append(worker)
            else:
                worker.stop()
        self.slots.release()

    def shutdown(self) -> None:
        """Stop every idle worker."""
        with self.lock:
            for worker in self.idle:
                worker.stop()
            self.idle.clear()


_POOL = _Pool(_POOL_SIZE)


def set_workers(count: int) -> None:
    """Allow up to `count` files to be read at once (each in its own child)."""
    global _POOL
    old, _POOL = _POOL, _Pool(count)
    old.shutdown()


def shutdown() -> None:
    """Stop the idle child processes (they are also daemonic and die with the parent)."""
    _POOL.shutdown()
