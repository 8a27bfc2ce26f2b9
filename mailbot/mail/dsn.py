"""Delivery status notifications (RFC 3464): which of our messages bounced, to whom, why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class BounceReport:
    """One failed recipient of one of our messages."""

    original_message_id: str | None
    recipient: str | None
    status: str | None
    diagnostic: str | None


def _field(block: Message, name: str) -> str | None:
    value = block.get(name)
    return " ".join(str(value).split()) if value else None


def _original_id(msg: Message) -> str | None:
    """The Message-ID of the returned message (its headers or the whole message)."""
    for part in msg.walk():
        kind = part.get_content_type()
        if kind == "text/rfc822-headers":
            payload = part.get_payload(decode=True) or b""
            found = re.search(rb"^Message-ID:\s*(<[^>]+>)", payload, re.IGNORECASE | re.MULTILINE)
            if found:
                return found.group(1).decode(errors="replace")
        if kind == "message/rfc822" and part.is_multipart():
            inner = part.get_payload(0)
            found = _MSGID.search(str(inner.get("Message-ID", "")))
            if found:
                return found.group(0)
    return None


def parse_dsn(msg: Message) -> tuple[BounceReport, ...]:
    """Failed recipients of a multipart/report DSN; () for anything else."""
    if msg.get_content_type() != "multipart/report":
        return ()
    original = _original_id(msg)
    reports = []
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload() if part.is_multipart() else []
        for block in blocks[1:]:  # the first block is per-message, then one per recipient
            action = (_field(block, "Action") or "").lower()
            if action and action != "failed":
                continue
            recipient = _field(block, "Final-Recipient") or _field(block, "Original-Recipient")
            reports.append(BounceReport(
                original, recipient.split(";", 1)[-1].strip() if recipient else None,
                _field(block, "Status"), _field(block, "Diagnostic-Code")))
    return tuple(reports)
