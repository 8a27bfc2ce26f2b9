"""Length-prefixed pickle frames between the reader and its child, decoded with an allow-list."""

from __future__ import annotations

import io
import os
import pickle
import select
import struct
import time

from mailbot.documents import model

_HEADER = struct.Struct("!Q")
_MAX_FRAME = 512 * 1024 * 1024
_ALLOWED = {
    ("mailbot.documents.model", name)
    for name in ("Extraction", "Page", "Word", "FormField", "Unreadable")
}


def encode(value: object) -> bytes:
    """One frame: 8-byte big-endian length, then the pickle."""
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(body)) + body


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    """Read exactly `size` bytes; TimeoutError past `deadline`, EOFError when the pipe closes."""
    chunks: list[bytes] = []
    missing = size
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, deadline: float | None = None) -> bytes:
    """The body of the next frame on `fd`."""
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    if size > _MAX_FRAME:
        raise EOFError("frame too large")
    return _read_exact(fd, size, deadline)


class _Restricted(pickle.Unpickler):
    """Unpickles only the document value types (a compromised child cannot run code here)."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in _ALLOWED:
            return getattr(model, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def decode_extraction(body: bytes) -> model.Extraction | None:
    """An Extraction from a child's frame, or None when it is anything else."""
    try:
        value = _Restricted(io.BytesIO(body)).load()
    except Exception:
        return None
    return value if isinstance(value, model.Extraction) else None
