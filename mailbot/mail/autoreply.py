"""RFC 3834 loop safety: recognise auto-replies, bounces, bulk and list mail (pure)."""

from __future__ import annotations

from email.message import Message

_DAEMON_LOCALPARTS = ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply")
_BULK_PRECEDENCE = ("bulk", "list", "junk", "auto_reply")
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
_SUPPRESS_VALUES = ("all", "oof", "autoreply")


def _get(msg: Message, name: str) -> str:
    """A header value lower-cased, '' when absent or unreadable."""
    try:
        return str(msg.get(name) or "").strip().lower()
    except Exception:
        return ""


def auto_reason(msg: Message, sender: str) -> str | None:
    """Why `msg` is machine mail that must never be answered, or None for a person's mail."""
    auto_submitted = _get(msg, "Auto-Submitted")
    if auto_submitted and auto_submitted != "no":
        return f"auto-submitted:{auto_submitted.split(';')[0]}"
    if msg.get_content_type() == "multipart/report" or _get(msg, "X-Failed-Recipients"):
        return "bounce"
    localpart = sender.split("@", 1)[0].lower()
    if not sender or localpart in _DAEMON_LOCALPARTS:
        return "bounce" if localpart in ("mailer-daemon", "postmaster") else "no-reply-sender"
    if _get(msg, "Return-Path") == "<>":
        return "bounce"
    if _get(msg, "Precedence") in _BULK_PRECEDENCE:
        return f"precedence:{_get(msg, 'Precedence')}"
    if _get(msg, "List-Id") or _get(msg, "List-Unsubscribe"):
        return "list"
    if any(_get(msg, name) for name in _AUTO_HEADERS):
        return "x-autoreply"
    if any(v in _get(msg, "X-Auto-Response-Suppress") for v in _SUPPRESS_VALUES):
        return "auto-response-suppress"
    return None
