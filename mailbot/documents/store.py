"""Keep what was read: a Document row per attachment, the file under data_dir/attachments."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import Session

from mailbot.app import App
from mailbot.documents.reader import document_json
from mailbot.domain import Inbound
from mailbot.evidence import ReadAttachment
from mailbot.models import Document


def attachment_path(data_dir: Path, sha256: str) -> Path:
    """Where an attachment's bytes live (content-addressed)."""
    return data_dir / "attachments" / sha256[:2] / sha256


def _write_once(path: Path, data: bytes) -> None:
    """Write atomically (tmp + fsync + rename); identical content may already be there."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def store_documents(app: App, session: Session, processed_id: int, inbound: Inbound,
                    documents: Iterable[ReadAttachment]) -> None:
    """Record each read attachment (inside the message's transaction)."""
    data_by_sha = {hashlib.sha256(a.data).hexdigest(): a.data for a in inbound.attachments}
    for read in documents:
        stored = None
        if app.settings.store_attachments and read.sha256 in data_by_sha:
            path = attachment_path(app.settings.data_dir, read.sha256)
            _write_once(path, data_by_sha[read.sha256])
            stored = str(path)
        fields = document_json(read.filename, read.document)
        session.add(Document(processed_id=processed_id, filename=read.filename[:300],
                             sha256=read.sha256, kind=read.document.kind.value,
                             fields=json.dumps(fields, ensure_ascii=False), stored_path=stored,
                             created_at=app.clock()))
