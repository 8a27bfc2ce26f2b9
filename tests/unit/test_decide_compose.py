"""Decision for the foundation loop, and the reply it composes."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.headerregistry import Address

import pytest

from mailbot.decide import decide as decide_verdict
from mailbot.decide import safe_subject
from mailbot.domain import Folder, Outcome
from mailbot.evidence import Evidence
from mailbot.mail.compose import compose_reply, render, template_environment
from mailbot.mail.parse import parse_message
from mailbot.rules import load_rules
from mailbot.settings import PROJECT_ROOT
from tests.support.mail import TZ, auto_reply_mail, question_mail, receipt_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
RULES = load_rules(PROJECT_ROOT / "rules" / "tekirdag.toml")


def decide(inbound, now, _directorate):
    return decide_verdict(Evidence(inbound), RULES, now).decision


def test_person_gets_acknowledgement_and_goes_to_review() -> None:
    inbound = parse_message(receipt_mail(random.Random(3), WHEN))
    decision = decide(inbound, NOW, "Tekirdağ İl Sağlık Müdürlüğü")
    assert decision.outcome == Outcome.NEEDS_OFFICER
    assert decision.folder == Folder.REVIEW
    assert [r.to for r in decision.replies] == [inbound.from_address]
    assert decision.replies[0].context["attachments"] == ["dekont.pdf"]
    assert "no-attachment" not in [f.code for f in decision.findings]


def test_auto_reply_is_never_answered() -> None:
    decision = decide(parse_message(auto_reply_mail(random.Random(3), WHEN)), NOW, "X")
    assert decision.outcome == Outcome.IGNORED
    assert decision.replies == ()
    assert [f.code for f in decision.findings] == ["auto-submitted"]


def test_question_without_attachment_is_noted() -> None:
    decision = decide(parse_message(question_mail(random.Random(3), WHEN)), NOW, "X")
    assert "no-attachment" in [f.code for f in decision.findings]
    assert len(decision.replies) == 1


def test_subject_is_one_bounded_line() -> None:
    assert safe_subject("a\r\nBcc: evil@example.org") == "a Bcc: evil@example.org"
    assert len(safe_subject("x" * 500)) == 120


def test_reply_is_threaded_turkish_and_marked_auto() -> None:
    inbound = parse_message(receipt_mail(random.Random(3), WHEN))
    reply = decide(inbound, NOW, "Tekirdağ İl Sağlık Müdürlüğü").replies[0]
    env = template_environment(PROJECT_ROOT / "templates")
    message = compose_reply(render(env, reply.template, reply.context),
                            sender=Address("E-imza", "tekirdag.sbs", "saglik.gov.tr"),
                            to=reply.to, now=NOW, in_reply_to=inbound.message_id)
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Auto-Submitted"] == "auto-replied"
    assert parsed["In-Reply-To"] == inbound.message_id
    assert inbound.message_id in parsed["References"]
    assert parsed["Subject"].startswith("Başvurunuz alındı")
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "dekont.pdf" in text and "dekont.pdf" in html
    assert "20.11.2026 09:00" in text
    assert "Tekirdağ İl Sağlık Müdürlüğü" in text


def test_html_twin_escapes_user_text() -> None:
    env = template_environment(PROJECT_ROOT / "templates")
    rendered = render(env, "applicant/acknowledgement",
                      {"name": "<script>x</script>", "subject": "s", "received_at": "t",
                       "attachments": [], "directorate": "D", "case": None})
    assert "<script>" not in (rendered.html or "")
    assert "<script>" in rendered.text


def test_missing_template_variable_is_an_error() -> None:
    env = template_environment(PROJECT_ROOT / "templates")
    with pytest.raises(Exception, match="undefined"):
        render(env, "applicant/acknowledgement", {"name": "x"})
