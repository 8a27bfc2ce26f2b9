"""Stdlib imaplib operations the test servers offer for set-up and assertions (read-only peeks)."""

from __future__ import annotations

import imaplib
import re
from collections.abc import Iterator
from contextlib import contextmanager

_UID = re.compile(rb"\bUID (\d+)")
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_LIST_NAME = re.compile(rb'\((?P<attrs>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$')


class ImapCommandError(RuntimeError):
    """An IMAP command the helper sent was refused."""


@contextmanager
def session(host: str, port: int, user: str, password: str,
            timeout: float = 10.0) -> Iterator[imaplib.IMAP4]:
    """A logged-in imaplib connection, logged out (or dropped) on exit."""
    client = imaplib.IMAP4(host, port, timeout=timeout)
    try:
        client.login(user, password)
        yield client
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            client.shutdown()


def quote(folder: str) -> str:
    """A folder name as an IMAP quoted string (imaplib sends arguments verbatim)."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check(result: tuple[str, list], what: str) -> list:
    """The data of an OK reply, or ImapCommandError with the server's words."""
    status, data = result
    if status != "OK":
        raise ImapCommandError(f"{what}: {status} {data!r}")
    return data


def append(client: imaplib.IMAP4, raw: bytes, folder: str, flags: str) -> None:
    """APPEND `raw` to `folder`, creating the folder when the server asks for it (TRYCREATE)."""
    flag_list = f"({flags})" if flags else None
    status, data = client.append(quote(folder), flag_list, None, raw)
    if status != "OK" and b"TRYCREATE" in b" ".join(d for d in data if isinstance(d, bytes)):
        check(client.create(quote(folder)), f"CREATE {folder}")
        status, data = client.append(quote(folder), flag_list, None, raw)
    check((status, data), f"APPEND {folder}")


def examine(client: imaplib.IMAP4, folder: str) -> int:
    """Select `folder` read-only (nothing is marked seen); return its message count."""
    data = check(client.select(quote(folder), readonly=True), f"EXAMINE {folder}")
    return int(data[0] or 0)


def uids(client: imaplib.IMAP4, folder: str) -> list[int]:
    """All UIDs in `folder`, ascending."""
    examine(client, folder)
    data = check(client.uid("SEARCH", None, "ALL"), "UID SEARCH")
    return sorted(int(uid) for uid in (data[0] or b"").split())


def _fetch(client: imaplib.IMAP4, folder: str, items: str) -> list:
    """UID FETCH 1:* `items` on `folder` examined read-only ([] when the folder is empty)."""
    if examine(client, folder) == 0:
        return []
    return check(client.uid("FETCH", "1:*", items), f"UID FETCH {items}")


def fetch_raw(client: imaplib.IMAP4, folder: str) -> dict[int, bytes]:
    """UID → the message bytes exactly as stored, fetched with BODY.PEEK[]."""
    found: dict[int, bytes] = {}
    for item in _fetch(client, folder, "(UID BODY.PEEK[])"):
        if isinstance(item, tuple) and (match := _UID.search(item[0])):
            found[int(match.group(1))] = item[1]
    return found


def flags(client: imaplib.IMAP4, folder: str) -> dict[int, set[str]]:
    """UID → its flags (without the session-bound \\Recent)."""
    found: dict[int, set[str]] = {}
    for item in _fetch(client, folder, "(UID FLAGS)"):
        line = item[0] if isinstance(item, tuple) else item
        uid, flag_text = _UID.search(line), _FLAGS.search(line)
        if uid and flag_text:
            names = set(flag_text.group(1).decode().split()) - {"\\Recent"}
            found[int(uid.group(1))] = names
    return found


def folders(client: imaplib.IMAP4) -> list[str]:
    """Every selectable folder name, as LIST returns it (quotes removed)."""
    names = []
    for line in check(client.list(), "LIST"):
        match = _LIST_NAME.match(line or b"")
        if match and b"\\Noselect" not in match.group("attrs"):
            name = match.group("name").decode()
            if name.startswith('"'):
                name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            names.append(name)
    return sorted(names)


def uidvalidity(client: imaplib.IMAP4, folder: str) -> int:
    """The folder's UIDVALIDITY from STATUS."""
    data = check(client.status(quote(folder), "(UIDVALIDITY)"), f"STATUS {folder}")
    match = _UIDVALIDITY.search(data[0])
    if not match:
        raise ImapCommandError(f"STATUS {folder}: no UIDVALIDITY in {data!r}")
    return int(match.group(1))
