"""Write the demo's sample mail to data/samples/ (run: python -m tests.support.make_samples)."""

from __future__ import annotations

import random
import sys
from datetime import datetime
from pathlib import Path

from tests.support.mail import (
    TZ,
    auto_reply_mail,
    broken_mime_mail,
    form_mail,
    question_mail,
    receipt_mail,
)

SAMPLES = (
    ("01-ilk-basvuru-dekont.eml", receipt_mail),
    ("02-kayip-kart-formu.eml", form_mail),
    ("03-soru.eml", question_mail),
    ("04-otomatik-yanit.eml", auto_reply_mail),
    ("05-bozuk-mime.eml", broken_mime_mail),
    ("06-yenileme-dekont.eml", receipt_mail),
)


def write_samples(folder: Path, seed: int = 2026) -> list[Path]:
    """Write every sample .eml into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for index, (name, build) in enumerate(SAMPLES):
        path = folder / name
        path.write_bytes(build(rng, datetime(2026, 11, 20, 9, 5 * index, tzinfo=TZ)))
        written.append(path)
    return written


if __name__ == "__main__":
    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "data/samples")):
        print(written)
