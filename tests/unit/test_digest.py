"""Officer digest on a fabricated ledger (SQLite file, no servers): sections, masking, once."""

from __future__ import annotations

import csv
import io
import json
import random
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailbot import digest
from mailbot.app import App
from mailbot.db import session_scope, upgrade
from mailbot.digest import preview_digest, send_digest
from mailbot.models import Application, Bounce, DigestRun, Outbox, Processed
from mailbot.settings import PROJECT_ROOT, load_settings
from mailbot.text import mask_tckn
from tests.support.people import make_tckn

RNG = random.Random(606)
AYSE, SUKRU, OMER = (make_tckn(RNG) for _ in range(3))
OFFICERS = ("a.yetkili@saglik.gov.tr", "b.yetkili@saglik.gov.tr")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def app(tmp_path: Path) -> App:
    return make_offline_app(tmp_path)


def make_offline_app(tmp_path: Path) -> App:
    """An App on a private SQLite file with two officers and no mail servers."""
    text = (PROJECT_ROOT / "rules" / "sinop.toml").read_text(encoding="utf-8")
    text = text.replace('officers = ["sinop.sbs@saglik.gov.tr"]', f"officers = {list(OFFICERS)}")
    rules = tmp_path / "sinop.toml"
    rules.write_text(text.replace("'", '"'), encoding="utf-8")
    settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'm.db'}",
                             rules_file=rules, mailbox_address="sinop.sbs@saglik.gov.tr")
    upgrade(settings.db_url)
    # Friday 20 November 2026, 11:00 in Istanbul: the period is that morning's 08:30.
    return App.build(settings, Clock(datetime(2026, 11, 20, 8, 0, tzinfo=UTC)))


def _case(session: Session, token: str, tckn: str, name: str, kind: str, status: str) -> int:
    case = Application(case_token=token, kind=kind, status=status, full_name=name, tckn=tckn)
    session.add(case)
    session.flush()
    return case.id


def _mail(session: Session, uid: int, at: datetime, outcome: str, *, case: int | None = None,
          findings: tuple = (), status: str = "done", error: str | None = None,
          subject: str = "E-imza dekont", sender: str | None = None) -> int:
    row = Processed(mailbox="desk@imap", uidvalidity=1, uid=uid, raw_sha256=f"{uid:064d}",
                    status=status, outcome=outcome, application_id=case, subject=subject,
                    sender=sender or f"hekim{uid}@example.org", error=error,
                    attempts=3 if error else 0,
                    findings=json.dumps([{"code": c, "detail": d} for c, d in findings]),
                    processed_at=at)
    session.add(row)
    session.flush()
    return row.id


def fill_day(app: App, day: datetime) -> None:
    """A morning at the desk: every outcome once, a shunted message, a bounced reply."""
    with session_scope(app.engine) as s:
        ayse = _case(s, "EIMZA-2026-0001", AYSE, "Ayşe Gül Yılmaz", "first", "payment-verified")
        sukru = _case(s, "EIMZA-2026-0002", SUKRU, "Şükrü Işık", "lost", "awaiting-approval")
        omer = _case(s, "EIMZA-2026-0003", OMER, "Ömer Çelik", "renewal", "needs-fix")
        _mail(s, 1, day, "accepted", case=ayse, sender="ayse.yilmaz@example.org")
        _mail(s, 2, day + timedelta(minutes=5), "awaiting-approval", case=sukru,
              subject="e-imza kayıp formu", sender="sukru.isik@example.org")
        rejected = _mail(s, 3, day + timedelta(minutes=9), "rejected", case=omer,
                         sender="omer.celik@example.org",
                         findings=(("fee-mismatch", "beklenen 780,00 TL; dekontta 900,00 TL"),
                                   ("description-missing-tckn", f"OMER CELIK {OMER[:5]}")))
        _mail(s, 4, day + timedelta(minutes=12), "needs-officer",
              findings=(("no-attachment", ""),), subject="Soru: e-imza yenileme",
              sender="zeynep.gunes@example.org")
        _mail(s, 5, day + timedelta(minutes=15), "ignored", subject="Otomatik yanıt: İzindeyim",
              findings=(("auto-submitted", "auto-replied"),), sender="oguz.kilic@example.org")
        _mail(s, 6, day + timedelta(minutes=20), "failed", status="shunted",
              sender="umran.sahin@example.org",
              error=f"Traceback ...\nValueError: cannot read TCKN {AYSE}")
        reply = Outbox(message_id="<r1@x>", processed_id=rejected,
                       to_address="omer.celik@example.org",
                       subject="[EIMZA-2026-0003] Başvurunuzda düzeltilmesi gereken bilgiler var",
                       raw=b"x", status="sent")
        s.add(reply)
        s.flush()
        report = _mail(s, 8, day + timedelta(minutes=30), "ignored", subject="Undelivered Mail",
                       findings=(("auto-submitted", "auto-replied"),
                                 ("reply-bounced", "omer.celik@example.org 5.1.1")),
                       sender="mailer-daemon@mx.example.org")
        s.add(Bounce(processed_id=report, outbox_id=reply.id, application_id=omer,
                     recipient="omer.celik@example.org", status="5.1.1",
                     diagnostic="550 5.1.1 user unknown", created_at=day + timedelta(minutes=30)))


def _digest_outbox(app: App) -> list[Outbox]:
    with Session(app.engine) as session:
        return list(session.exec(select(Outbox).where(Outbox.processed_id.is_(None))))


def _parts(row: Outbox) -> tuple[str, str, str]:
    from email import message_from_bytes, policy

    message = message_from_bytes(row.raw, policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    (attachment,) = list(message.iter_attachments())
    return text, html, attachment.get_content()


def test_digest_lists_every_section_with_masked_tckns(app: App) -> None:
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    result = send_digest(app)
    assert result.status == "queued" and result.period.key == "2026-11-20T08:30+03:00"
    assert result.counts == {"accepted": 1, "awaiting-approval": 1, "rejected": 1,
                             "needs-officer": 1, "ignored": 2, "failed": 1, "bounced": 1}
    rows = _digest_outbox(app)
    assert sorted(r.to_address for r in rows) == sorted(OFFICERS)
    text, html, table = _parts(rows[0])
    for part in (text, html, table):
        for tckn in (AYSE, SUKRU, OMER):
            assert tckn not in part
        assert mask_tckn(SUKRU) in part and "EIMZA-2026-0002" in part
    assert "780,00 TL" in text and "KamuSM ücret tarifesine uymuyor" in text  # explained
    assert "karantinada (Failed" in text and "cannot read TCKN" in text
    assert "teslim edilemediğini bildiren rapor" in text
    assert "550 5.1.1 user unknown" in html and "ONAYINIZI BEKLEYENLER (1 yeni" in text
    assert text.index("ONAYINIZI") < text.index("REDDEDİLENLER") < text.index("HATALAR")


def test_csv_has_every_case_and_no_formula_cells(app: App) -> None:
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    with session_scope(app.engine) as s:
        _mail(s, 7, datetime(2026, 11, 19, 8, 0, tzinfo=UTC), "needs-officer",
              subject="=cmd|' /C calc'!A0 <script>alert(1)</script>")
    send_digest(app)
    _, html, table = _parts(_digest_outbox(app)[0])
    assert "<script>" not in html and "&lt;script&gt;alert(1)" in html
    assert table.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(table[1:]), delimiter=";"))
    assert rows[0][:2] == ["Zaman", "Vaka"] and len(rows) == 9
    assert {r[6] for r in rows[1:4]} == {mask_tckn(t) for t in (AYSE, SUKRU, OMER)}
    subjects = [r[8] for r in rows[1:]]
    assert "'=cmd|' /C calc'!A0 <script>alert(1)</script>" in subjects


def test_exactly_once_per_period_and_only_new_since_the_last(app: App) -> None:
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    assert send_digest(app).status == "queued"
    assert send_digest(app).status == "already-sent"
    assert len(_digest_outbox(app)) == 2  # one per officer, once
    app.clock.now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 09:00: the next period
    with session_scope(app.engine) as s:
        _mail(s, 9, datetime(2026, 11, 22, 9, 0, tzinfo=UTC), "needs-officer",
              findings=(("no-attachment", ""),))
    result = send_digest(app)
    assert result.period.key == "2026-11-23T08:30+03:00"
    assert result.counts["needs-officer"] == 1 and sum(result.counts.values()) == 1
    with Session(app.engine) as session:
        runs = list(session.exec(select(DigestRun).order_by(DigestRun.id)))
    assert runs[1].since == runs[0].until


def test_empty_period_says_nothing_new_or_is_skipped(app: App) -> None:
    assert send_digest(app).status == "queued"
    (row,) = _digest_outbox(app)[:1]
    from email import message_from_bytes, policy

    message = message_from_bytes(row.raw, policy=policy.default)
    assert "yeni bir şey yok" in message["Subject"]
    assert message.get_body(("plain",)).get_content().strip().splitlines() == [
        "Yeni bir şey yok (20.11.2026 10:59 – 20.11.2026 10:59)."]
    assert list(message.iter_attachments()) == []
    app.clock.now += timedelta(days=3)
    app.settings.digest_skip_empty = True
    assert send_digest(app).status == "skipped-empty"
    assert len(_digest_outbox(app)) == 2  # the first period's two copies only


def test_mail_settled_in_the_last_minute_waits_for_the_next_digest(app: App) -> None:
    """Another process may still be committing it: it belongs to the next period."""
    with session_scope(app.engine) as s:
        _mail(s, 1, app.clock() - timedelta(seconds=70), "accepted")
        _mail(s, 2, app.clock() - timedelta(seconds=30), "needs-officer")
    assert send_digest(app).counts["accepted"] == 1
    app.clock.now += timedelta(days=3)
    assert send_digest(app).counts == {**dict.fromkeys(
        ("accepted", "awaiting-approval", "rejected", "ignored", "failed", "bounced"), 0),
        "needs-officer": 1}


def test_a_racing_writer_loses_quietly_and_queues_nothing(app: App, monkeypatch) -> None:
    """Both pass the 'already sent?' check; the unique key lets only the first one commit."""
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    barrier = threading.Barrier(2, timeout=20)
    real_build = digest.build

    def build_then_wait(*args):
        built = real_build(*args)
        barrier.wait()
        return built

    monkeypatch.setattr(digest, "build", build_then_wait)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(send_digest(app).status))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == ["already-sent", "queued"]
    assert len(_digest_outbox(app)) == len(OFFICERS)


def test_preview_writes_html_and_records_nothing(app: App, tmp_path: Path) -> None:
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    out = tmp_path / "out.html"
    assert preview_digest(app, out).counts["rejected"] == 1
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().startswith("<!DOCTYPE html>") and "Şükrü Işık" in html
    assert OMER not in html and mask_tckn(OMER) in html
    assert _digest_outbox(app) == []
    with Session(app.engine) as session:
        assert session.exec(select(DigestRun)).first() is None


def test_no_officers_in_the_rules_records_nothing(app: App) -> None:
    nobody = app.rules.directorate.model_copy(update={"officers": ()})
    app.rules = app.rules.model_copy(update={"directorate": nobody})
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    assert send_digest(app).status == "no-officers"
    with Session(app.engine) as session:  # the next digest, once officers are set, has it all
        assert session.exec(select(DigestRun)).first() is None
    assert _digest_outbox(app) == []


def test_a_busy_day_shortens_the_accepted_list_not_the_csv(app: App) -> None:
    with session_scope(app.engine) as s:
        for uid in range(1, 31):
            _mail(s, uid, datetime(2026, 11, 19, 7, uid, tzinfo=UTC), "accepted")
    send_digest(app)
    text, html, table = _parts(_digest_outbox(app)[0])
    listed = text.split("KABUL EDİLENLER (30)", 1)[1].split("YANITLANMAYANLAR", 1)[0]
    assert listed.count("hekim") == 25 and "ve 5 tane daha" in listed
    assert "ve 5 tane daha" in html and len(table.strip().splitlines()) == 31
