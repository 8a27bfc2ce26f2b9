"""Replies: render a Turkish template pair (text + HTML twin) into a threaded EmailMessage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape


@dataclass(frozen=True)
class Rendered:
    """A rendered template: subject line, plain text, and HTML (None if no twin)."""

    subject: str
    text: str
    html: str | None


def template_environment(templates_dir: Path) -> Environment:
    """Jinja2 with StrictUndefined, autoescape for .html, and the Turkish filters replies use."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = paragraphs
    return env


def paragraphs(rendered: str) -> list[Markup]:
    """A rendered text template's body as HTML paragraphs (Subject line dropped, escaped)."""
    body = rendered.split("\n", 1)[1] if rendered.startswith("Subject:") else rendered
    blocks = [b.strip("\n") for b in body.split("\n\n") if b.strip()]
    return [Markup("<br>\n").join(escape(line) for line in b.splitlines()) for b in blocks]


def _split_subject(rendered: str, name: str) -> tuple[str, str]:
    """Take the mandatory first line `Subject: …` off a rendered template."""
    first, _, rest = rendered.partition("\n")
    if not first.startswith("Subject:"):
        raise ValueError(f"template {name} must start with a 'Subject: …' line")
    return first[len("Subject:"):].strip(), rest.lstrip("\n")


def render(env: Environment, name: str, context: dict) -> Rendered:
    """Render `<name>.txt` and, if present, its `<name>.html` twin."""
    subject, text = _split_subject(env.get_template(f"{name}.txt").render(context), name)
    html = None
    if f"{name}.html" in env.list_templates(extensions=("html",)):
        html = env.get_template(f"{name}.html").render(context)
        if html.startswith("Subject:"):
            html = html.split("\n", 1)[1].lstrip("\n")
    return Rendered(subject=subject, text=text, html=html)


def compose_reply(
    rendered: Rendered,
    *,
    sender: Address,
    to: str,
    now: datetime,
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
) -> EmailMessage:
    """A complete auto-reply (RFC 3834 headers, threading, fixed Message-ID)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = rendered.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(idstring="mailbot", domain=sender.domain or "localhost")
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = " ".join((*references, in_reply_to)[-10:])
    msg.set_content(rendered.text)
    if rendered.html is not None:
        msg.add_alternative(rendered.html, subtype="html")
    return msg
