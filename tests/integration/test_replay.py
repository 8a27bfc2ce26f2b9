"""`mailbot replay`: archived mail judged as of its Date, in order; nothing is ever sent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select

from mailbot.db import make_engine
from mailbot.models import Outbox
from mailbot.settings import PROJECT_ROOT
from tests.integration.test_scenarios import AYSE, SUKRU, WHEN, _receipt
from tests.support.mail import custom_form_mail, question_mail


def test_replay_judges_in_order_and_sends_nothing(tmp_path: Path) -> None:
    import random

    name, tckn, sender = SUKRU
    mails = {"1-dekont.eml": _receipt(AYSE), "2-ayni-dekont.eml": _receipt(AYSE),
             "3-form.eml": custom_form_mail(name=name, tckn=tckn, sender=sender,
                                            form_email=sender, when=WHEN),
             "4-soru.eml": question_mail(random.Random(1), WHEN)}
    files = []
    for file_name, raw in mails.items():
        (tmp_path / file_name).write_bytes(raw)
        files.append(str(tmp_path / file_name))
    db = f"sqlite:///{tmp_path / 'kept.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "mailbot.cli", "replay", "--rules",
         str(PROJECT_ROOT / "rules" / "sinop.toml"), "--db", db, "--json", *files],
        capture_output=True, timeout=300, env={"PATH": "/usr/bin:/bin",
                                               "MAILBOT_CONFIG": str(tmp_path / "no.toml")})
    assert done.returncode == 0, done.stderr.decode()
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [(r["outcome"], r["findings"]) for r in results] == [
        ("accepted", []), ("rejected", ["receipt-duplicate"]), ("awaiting-approval", []),
        ("needs-officer", ["no-attachment"])]
    assert results[0]["case"] == results[1]["case"] and results[0]["case"].startswith("EIMZA-2024-")
    assert results[0]["replies"][0]["to"] == AYSE[2]
    with Session(make_engine(db)) as session:
        statuses = {row.status for row in session.exec(select(Outbox))}
    assert statuses == {"replay"}  # a daemon on this database would send none of them
