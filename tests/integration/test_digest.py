"""A day at the desk through the real loop, then the officers' digest: once, complete, masked."""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailbot import process
from mailbot.app import App
from mailbot.digest import send_digest
from mailbot.digest_render import ISTANBUL
from mailbot.jobs import digest_job, poll_job
from mailbot.models import DigestRun, Outbox
from mailbot.settings import PROJECT_ROOT
from mailbot.text import mask_tckn
from tests.integration.loop_support import Clock, ledger_rows, make_app, settings_for
from tests.support.mail import (
    auto_reply_mail,
    custom_form_mail,
    custom_receipt_mail,
    dsn_mail,
    question_mail,
)
from tests.support.people import make_tckn
from tests.unit.test_digest import _digest_outbox, fill_day, make_offline_app

TZ = timezone(timedelta(hours=3))
WHEN = datetime(2024, 3, 14, 9, 0, tzinfo=TZ)
OFFICER = "sinop.yetkili@saglik.gov.tr"
PAYEE = "TR890001200969400005000041"
YEARLY = "0 7 1 1 *"  # one period a year: no period boundary falls inside a test run
RNG = random.Random(2026)
AYSE = ("Ayşe Gül Yılmaz", make_tckn(RNG), "ayse.yilmaz@example.org")
OMER = ("Ömer Çelik", make_tckn(RNG), "omer.celik@example.org")
SUKRU = ("Şükrü Işık", make_tckn(RNG), "sukru.isik@example.org")
ZEYNEP = ("Zeynep Kaya", make_tckn(RNG), "zeynep.kaya@example.org")


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    text = (PROJECT_ROOT / "rules" / "sinop.toml").read_text(encoding="utf-8")
    path = tmp_path / "sinop.toml"
    path.write_text(text.replace('officers = ["sinop.sbs@saglik.gov.tr"]',
                                 f'officers = ["{OFFICER}"]'), encoding="utf-8")
    return path


def _receipt(person: tuple[str, str, str], at: datetime, **changes: str) -> bytes:
    name, tckn, sender = person
    return custom_receipt_mail(name=name, tckn=tckn, sender=sender, when=at, iban=PAYEE,
                               reference=str(RNG.randint(10**9, 10**10 - 1)), **changes)


def run_day(app: App, dovecot, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every outcome, a bounce of the rejection we sent, then a poisoned message (shunted)."""
    day = [
        _receipt(AYSE, WHEN),
        _receipt(OMER, WHEN + timedelta(minutes=20), amount="900,00"),
        custom_form_mail(name=SUKRU[0], tckn=SUKRU[1], sender=SUKRU[2],
                         form_email="s.isik@example.net", when=WHEN + timedelta(minutes=40)),
        question_mail(random.Random(3), WHEN + timedelta(hours=1)),
        auto_reply_mail(random.Random(4), WHEN + timedelta(hours=2)),
    ]
    for raw in day:
        clock.advance(minutes=30)
        dovecot.append("desk", raw)
        assert poll_job(app) is not None
    clock.advance(minutes=30)
    with Session(app.engine) as session:
        rejection = session.exec(select(Outbox).where(Outbox.to_address == OMER[2])).one()
    dovecot.append("desk", dsn_mail(rejection.message_id, OMER[2]))
    assert poll_job(app) is not None
    clock.advance(minutes=30)
    dovecot.append("desk", _receipt(ZEYNEP, WHEN + timedelta(hours=3)))

    def poisoned(app: App, inbound):
        raise RuntimeError(f"reader crashed on TCKN {ZEYNEP[1]}")

    with monkeypatch.context() as patched:
        patched.setattr(process, "judge", poisoned)
        assert poll_job(app) is not None
    outcomes = sorted((row.outcome, row.status) for row in ledger_rows(app))
    assert outcomes == [("accepted", "done"), ("awaiting-approval", "done"),
                        ("failed", "shunted"), ("ignored", "done"), ("ignored", "done"),
                        ("needs-officer", "done"),
                        ("rejected", "done")]


def _cli_env(app: App, dovecot, smtp_sink, rules_file: Path, tmp_path: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAILBOT_")}
    for key, value in settings_for(dovecot.port, smtp_sink.port, app.settings.data_dir).items():
        env[f"MAILBOT_{key.upper()}"] = str(value)
    env.update(MAILBOT_RULES_FILE=str(rules_file), MAILBOT_DIGEST_CRON=YEARLY,
               MAILBOT_CONFIG=str(tmp_path / "none.toml"), MAILBOT_LOG_LEVEL="WARNING")
    return env


def expected_period() -> str:
    now = datetime.now(ISTANBUL)
    year = now.year if now >= datetime(now.year, 1, 1, 7, tzinfo=ISTANBUL) else now.year - 1
    return f"{year}-01-01T07:00+03:00"


def _digests(smtp_sink) -> list:
    return [m.message() for m in smtp_sink.messages if OFFICER in m.rcpt_tos]


def _counts(text: str) -> dict[str, int]:
    block = text.split("SAYILAR", 1)[1].split("\n\n", 1)[0]
    return {m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^ +(.+?) +(\d+)$", block,
                                                                        re.MULTILINE)}


def test_a_day_of_mail_gives_exactly_one_digest(dovecot, smtp_sink, tmp_path: Path,
                                                rules_file: Path, monkeypatch) -> None:
    clock = Clock()
    clock.now = WHEN.astimezone(TZ)
    mail_app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock,
                        rules_file=rules_file, max_attempts=1, digest_cron=YEARLY)
    run_day(mail_app, dovecot, clock, monkeypatch)
    replies = len(smtp_sink.messages)
    # The digest side runs on the real clock, like the two `mailbot digest` processes.
    digest_app = App.build(mail_app.settings)
    env = _cli_env(mail_app, dovecot, smtp_sink, rules_file, tmp_path)
    command = [sys.executable, "-m", "mailbot.cli", "digest"]
    racers = [subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    statuses = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        assert out.startswith(f"digest {expected_period()}: ")
        statuses.append(out.split(": ", 1)[1].split()[0])
    assert sorted(statuses) == ["already-sent", "queued"]  # the two processes: one wins
    statuses = [digest_job(digest_app).status for _ in range(2)]
    assert statuses == ["already-sent", "already-sent"]  # in-process, twice: already done

    (digest,) = _digests(smtp_sink)
    assert len(smtp_sink.messages) == replies + 1
    check_digest(digest)
    with Session(digest_app.engine) as session:
        (run,) = session.exec(select(DigestRun)).all()
    assert run.period_key == expected_period() and run.outbox_id is not None


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium once; its standard output."""
    done = subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_digest_html_renders_in_chromium(tmp_path: Path) -> None:
    """The HTML part, opened by a real browser: parsed, laid out, painted; kept as docs/."""
    if shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed (Debian package chromium)")
    from PIL import Image

    app = make_offline_app(tmp_path)
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    assert send_digest(app).status == "queued"
    message = message_from_bytes(_digest_outbox(app)[0].raw, policy=policy.default)
    page = tmp_path / "digest.html"
    page.write_text(message.get_body(("html",)).get_content(), encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    for words in ("Onayınızı bekleyenler", "EIMZA-2026-0002", "Yanıtımız ulaşmayanlar"):
        assert words in dom
    png = tmp_path / "digest.png"
    chromium(tmp_path / "profile", f"--screenshot={png}", "--window-size=1000,1400",
             page.as_uri())
    image = Image.open(png).convert("RGB")
    assert image.size == (1000, 1400)
    colours = {colour for _, colour in image.getcolors(1000 * 1400)}
    assert (0x12, 0x35, 0x5B) in colours  # the header bar was painted
    assert (0x1D, 0x5F, 0xBF) in colours  # and the "awaiting approval" tile
    if os.environ.get("MAILBOT_UPDATE_DOCS"):
        shutil.copyfile(png, PROJECT_ROOT / "docs" / "digest.png")


def check_digest(digest) -> None:
    """Right counts, every part, each case with a masked TCKN and never a full one."""
    assert digest["Auto-Submitted"] == "auto-generated"
    assert digest["X-Mailbot-Digest"] == expected_period()
    text = digest.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = digest.get_body(("html",)).get_content()
    (attachment,) = list(digest.iter_attachments())
    assert attachment.get_content_type() == "text/csv"
    table = list(csv.reader(io.StringIO(attachment.get_content().lstrip("\ufeff")),
                            delimiter=";"))
    assert _counts(text) == {"Kabul edildi": 1, "Onayınızı bekliyor": 1, "Reddedildi": 1,
                             "İncelemenizi bekliyor": 1, "Yanıtlanmadı": 2,
                             "Hata / karantina": 1, "Yanıtımız ulaşmadı": 1}
    assert "7 yeni ileti, 1 onayınızı bekliyor" in digest["Subject"]
    assert len(table) == 8 and sorted(row[4] for row in table[1:]) == sorted(
        ["Kabul edildi", "Onayınızı bekliyor", "Reddedildi", "İncelemenizi bekliyor",
         "Yanıtlanmadı", "Yanıtlanmadı", "Hata / karantina"])
    bounced = text.split("YANITIMIZ ULAŞMAYANLAR", 1)[1].split("KABUL EDİLENLER", 1)[0]
    assert OMER[2] in bounced and "5.1.1" in bounced and mask_tckn(OMER[1]) in bounced
    waiting = text.split("ONAYINIZI BEKLEYENLER", 1)[1].split("REDDEDİLENLER", 1)[0]
    assert "Şükrü Işık" in waiting and mask_tckn(SUKRU[1]) in waiting
    assert re.search(r"\[EIMZA-\d{4}-\d+\] Şükrü Işık", waiting)
    assert "Ödenen tutar" in text and "900,00 TL" in html  # the rejection, explained
    assert "karantinada" in text and mask_tckn(ZEYNEP[1]) in text
    for part in (text, html, attachment.get_content(), str(digest["Subject"])):
        for person in (AYSE, OMER, SUKRU, ZEYNEP):
            assert person[1] not in part
    for person in (AYSE, OMER, SUKRU):
        assert mask_tckn(person[1]) in html
