"""What a decision is made from: the parsed message, its read attachments, what the DB knows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.tr import tckimlik

from mailbot.checks import PriorReceipt
from mailbot.documents.model import DocumentKind, Form, ReadDocument, Receipt
from mailbot.domain import Inbound
from mailbot.match import Candidate

_ELEVEN_DIGITS = re.compile(r"(?<!\d)[1-9]\d{10}(?!\d)")


@dataclass(frozen=True)
class ReadAttachment:
    """One attachment and what the reader made of it."""

    filename: str
    sha256: str
    document: ReadDocument


@dataclass(frozen=True)
class Evidence:
    """Everything the decision looks at; built at the edge, judged by pure code."""

    inbound: Inbound
    attachments: tuple[ReadAttachment, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    prior: tuple[PriorReceipt, ...] = ()
    replies_today: int = 0  # replies already sent to this sender today (loop safety)

    def receipts(self) -> list[tuple[ReadAttachment, Receipt]]:
        """Attachments read as receipts, each file once."""
        return [(a, a.document.receipt) for a in self._unique()
                if a.document.kind is DocumentKind.RECEIPT and a.document.receipt is not None]

    def forms(self) -> list[tuple[ReadAttachment, Form]]:
        """Attachments read as forms, each file once."""
        return [(a, a.document.form) for a in self._unique()
                if a.document.kind is DocumentKind.FORM and a.document.form is not None]

    def _unique(self) -> list[ReadAttachment]:
        seen: set[str] = set()
        unique = []
        for attachment in self.attachments:
            if attachment.sha256 not in seen:
                seen.add(attachment.sha256)
                unique.append(attachment)
        return unique

    def claimed_tckns(self) -> tuple[str, ...]:
        """TCKNs the sender wrote themselves (form, message text), not the receipts'."""
        found = [f.tckn for _, f in self.forms() if f.tckn]
        found += [n for n in _ELEVEN_DIGITS.findall(self.inbound.text) if tckimlik.is_valid(n)]
        return tuple(dict.fromkeys(found))

    def tckns(self) -> tuple[str, ...]:
        """Checksum-valid TCKNs from the forms, the receipts and the message text."""
        found = [f.tckn for _, f in self.forms() if f.tckn]
        found += [r.tckn for _, r in self.receipts() if r.tckn]
        found += [n for n in _ELEVEN_DIGITS.findall(self.inbound.text) if tckimlik.is_valid(n)]
        return tuple(dict.fromkeys(found))

    def names(self) -> tuple[str, ...]:
        """Applicant names: the form's, then the receipts' payers, then the sender's."""
        found = [f.full_name for _, f in self.forms() if f.full_name]
        found += [r.payer_name for _, r in self.receipts() if r.payer_name]
        if self.inbound.from_name:
            found.append(self.inbound.from_name)
        return tuple(dict.fromkeys(found))
