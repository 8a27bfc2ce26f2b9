"""Raw RFC 5322 bytes → a frozen Inbound, tolerant of broken MIME, charsets and headers."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from mailbot.domain import Attachment, Inbound
from mailbot.mail.autoreply import auto_reason
from mailbot.mail.dsn import parse_dsn

_FALLBACK_CHARSETS = ("utf-8", "cp1254", "iso-8859-9", "latin-1")
_TAGS = re.compile(r"<[^>]+>")
_MSGID = re.compile(r"<[^<>\s]+>")


def parse_message(raw: bytes) -> Inbound:
    """Parse `raw` into an Inbound; never raises for malformed mail."""
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    sender_name, sender = _first_address(msg, "From")
    _, reply_to = _first_address(msg, "Reply-To")
    body_part = _body_part(msg)
    return Inbound(
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        message_id=_message_id(_header(msg, "Message-ID")),
        subject=_header(msg, "Subject").strip(),
        from_address=sender,
        from_name=sender_name,
        reply_to=reply_to,
        to=tuple(addr for _, addr in _addresses(msg, "To") if addr),
        date=_date(_header(msg, "Date")),
        text=_part_text(body_part) if body_part is not None else "",
        attachments=tuple(_attachments(msg, body_part)),
        references=tuple(_MSGID.findall(_header(msg, "References") + " "
                                        + _header(msg, "In-Reply-To"))),
        auto_reason=auto_reason(msg, sender or ""),
        defects=tuple(sorted({type(d).__name__ for part in msg.walk() for d in part.defects})),
        auth_results=_all_values(msg, "Authentication-Results"),
        bounces=_bounces(msg),
    )


def _bounces(msg: Message) -> tuple:
    """Failed recipients, if this is a DSN (a broken report is not a crash)."""
    try:
        return parse_dsn(msg)
    except Exception:
        return ()


def _all_values(msg: Message, name: str) -> tuple[str, ...]:
    """Every value of a repeated header, in order (topmost first)."""
    try:
        return tuple(" ".join(str(v).split()) for v in msg.get_all(name, []))
    except Exception:
        return ()


def message_id_of(raw: bytes) -> str | None:
    """The Message-ID from the header block only (cheap: no body parsing)."""
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw)
    return _message_id(str(headers.get("Message-ID", "")))


def _header(msg: Message, name: str) -> str:
    """A header's decoded value, or '' when absent or undecodable."""
    try:
        value = msg.get(name)
    except Exception:  # a malformed header the policy cannot parse
        value = msg.get_all(name, failobj=[""])[0] if hasattr(msg, "get_all") else ""
    return str(value) if value is not None else ""


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs of an address header."""
    try:
        values = [str(v) for v in msg.get_all(name, [])]
    except Exception:
        return []
    return [(n.strip(), a.strip().lower()) for n, a in getaddresses(values) if "@" in a]


def _first_address(msg: Message, name: str) -> tuple[str, str | None]:
    """The first address of a header, or ('', None)."""
    found = _addresses(msg, name)
    return found[0] if found else ("", None)


def _message_id(value: str) -> str | None:
    """The Message-ID in angle brackets, or None."""
    found = _MSGID.search(value)
    return found.group(0) if found else None  # never free text: it goes into reply headers


def _date(value: str) -> datetime | None:
    """The Date header as an aware datetime, or None when missing or unparseable."""
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed is None or parsed.tzinfo else None


def _body_part(msg: Message) -> Message | None:
    """The part holding the readable body (plain text preferred)."""
    try:
        if isinstance(msg, EmailMessage):
            return msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        pass
    for part in msg.walk():
        if part.get_content_maintype() == "text" and not part.get_filename():
            return part
    return None


def _decode_payload(part: Message) -> bytes:
    """The transfer-decoded bytes of a part (broken base64 gives what can be saved)."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "replace") if isinstance(raw, str) else b""
    return payload


def _part_text(part: Message) -> str:
    """A text part as str, trying its charset then common Turkish fallbacks."""
    data = _decode_payload(part)
    charsets = [part.get_content_charset() or "", *_FALLBACK_CHARSETS]
    text = None
    for charset in filter(None, charsets):
        try:
            text = data.decode(charset)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    text = text if text is not None else data.decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        text = html.unescape(_TAGS.sub(" ", text))
    return text.replace("\r\n", "\n")


def _attachments(msg: Message, body_part: Message | None) -> Iterator[Attachment]:
    """Every leaf part that is a file (named, or not text), except the body."""
    for index, part in enumerate(msg.walk()):
        if part.is_multipart() or part is body_part or part.get_content_maintype() == "multipart":
            continue
        try:
            filename = part.get_filename()
        except Exception:
            filename = None
        if not filename and part.get_content_maintype() in ("text", "message"):
            continue
        name = filename or f"part-{index}.{part.get_content_subtype()}"
        yield Attachment(filename=name, content_type=part.get_content_type(),
                         data=_decode_payload(part))
