"""Sandboxed extraction: each file is read in a recycled child process with time and memory limits.

A child is forked from a warm fork server and kept for the next file (so pdfplumber is
imported once, and the per-file overhead is one pipe round trip). A child that overruns its
wall-clock timeout is killed; one that dies or runs out of memory is replaced. The address
space limit (RLIMIT_AS) is set in the child before every file.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from multiprocessing.connection import Connection

from mailbot.documents.model import Extraction, Unreadable

MAX_BYTES = 50 * 1024 * 1024  # larger attachments are refused before any parsing
_JOBS_PER_CHILD = 200  # recycle children to bound slow leaks in the parsers
_POOL_SIZE = int(os.environ.get("MAILBOT_READER_WORKERS", "1"))
_PRELOAD = ["mailbot.documents.pipeline"]


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
    """One child process serving extraction requests over a pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()
        self.conn: Connection = parent_end
        self.jobs = 0

    @property
    def alive(self) -> bool:
        """True while the child can take another file."""
        return self.process.is_alive() and self.jobs < _JOBS_PER_CHILD

    def run(self, request: tuple, timeout: float, filename: str) -> Extraction:
        """Send one file, wait at most `timeout` seconds for its Extraction."""
        self.jobs += 1
        started = time.monotonic()
        try:
            if not self._send(request, timeout):
                self.stop()
                return Extraction(failure=Unreadable.TIMEOUT,
                                  detail=f"{filename or 'file'}: reader did not take it")
            if not self.conn.poll(max(0.0, timeout - (time.monotonic() - started))):
                self.stop()
                return Extraction(failure=Unreadable.TIMEOUT,
                                  detail=f"{filename or 'file'}: over {timeout:g} s")
            result = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            return self._died(filename)
        if not isinstance(result, Extraction):
            self.stop()
            return Extraction(failure=Unreadable.CORRUPT, detail=str(result))
        if result.failure is Unreadable.TOO_LARGE:
            self.stop()  # a child that hit its memory limit is not trusted again
        return result

    def _send(self, request: tuple, timeout: float) -> bool:
        """Send without blocking forever on a child that stopped reading (thread + join)."""
        errors: list[BaseException] = []

        def send() -> None:
            try:
                self.conn.send(request)
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

    def _died(self, filename: str) -> Extraction:
        """The child vanished mid-file: a kill by the kernel means memory, else a crash."""
        self.process.join(1)
        code = self.process.exitcode
        self.stop()
        if code == -signal.SIGKILL:
            return Extraction(failure=Unreadable.TOO_LARGE, detail="reader killed (memory)")
        return Extraction(failure=Unreadable.CORRUPT,
                          detail=f"{filename or 'file'}: reader crashed (exit {code})")

    def stop(self) -> None:
        """Kill the child and close the pipe."""
        self.jobs = _JOBS_PER_CHILD
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2)
        self.conn.close()


class _Pool:
    """A small set of idle workers; callers borrow one per file (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.idle: list[_Worker] = []
        self.slots = threading.BoundedSemaphore(self.size)
        self.lock = threading.Lock()
        self.context: multiprocessing.context.BaseContext | None = None

    def acquire(self) -> _Worker:
        """An idle live worker, or a new one."""
        self.slots.acquire()
        with self.lock:
            while self.idle:
                worker = self.idle.pop()
                if worker.alive:
                    return worker
                worker.stop()
            return _Worker(self._context())

    def release(self, worker: _Worker) -> None:
        """Give a worker back (dead ones are dropped)."""
        with self.lock:
            if worker.alive:
                self.idle.append(worker)
            else:
                worker.stop()
        self.slots.release()

    def _context(self) -> multiprocessing.context.BaseContext:
        """A fork-server context preloaded with the parsers (spawn where there is none)."""
        if self.context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                self.context = multiprocessing.get_context("forkserver")
                self.context.set_forkserver_preload(_PRELOAD)
            else:
                self.context = multiprocessing.get_context("spawn")
        return self.context

    def shutdown(self) -> None:
        """Stop every idle worker."""
        with self.lock:
            for worker in self.idle:
                worker.stop()
            self.idle.clear()


_POOL = _Pool(_POOL_SIZE)


def shutdown() -> None:
    """Stop the idle child processes (they are also daemonic and die with the parent)."""
    _POOL.shutdown()


def _serve(conn: Connection) -> None:
    """Child main loop: receive (data, ocr, memory_mb), send back an Extraction."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from mailbot.documents.pipeline import extract_bytes

    while True:
        try:
            data, ocr, memory_mb = conn.recv()
        except (EOFError, OSError):
            return
        _limit_memory(memory_mb)
        try:
            result = extract_bytes(data, ocr=ocr)
        except MemoryError:
            result = Extraction(failure=Unreadable.TOO_LARGE, detail="memory limit reached")
        del data
        try:
            conn.send(result)
        except MemoryError:
            conn.send(Extraction(failure=Unreadable.TOO_LARGE, detail="result too large"))
        if result.failure is Unreadable.TOO_LARGE:
            return


def _limit_memory(memory_mb: int) -> None:
    """Set the soft address-space limit of this child (the hard limit is left alone)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
