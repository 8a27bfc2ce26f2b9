"""The decision on one message (pure, clock passed in): run every check, then decide once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from mailbot import checks
from mailbot.documents.model import DocumentKind, Form, Receipt, Unreadable
from mailbot.domain import CaseKind, Decision, Finding, Folder, Inbound, Outcome, Reply, Status
from mailbot.evidence import Evidence, ReadAttachment
from mailbot.match import Match, MatchKind, case_token_in, match
from mailbot.rules import LostStolenRoute, Rules
from mailbot.text import collapse_spaces

ISTANBUL = ZoneInfo("Europe/Istanbul")
SUBJECT_LIMIT = 120
SENDER_MUST_FIX = frozenset({
    "payee-iban-mismatch", "fee-mismatch", "description-missing-tckn", "tckn-invalid",
    "receipt-duplicate", "receipt-reused", "form-missing-email", "form-missing-tckn",
    "form-invalid-tckn", "form-missing-request", "form-missing-name", "document-unreadable",
    "document-encrypted",
})
OFFICER_MUST_LOOK = frozenset({
    "document-unrecognised", "match-ambiguous", "form-unreadable-fields", "payee-iban-unread",
    "amount-unread", "amount-unsure", "tckn-unsure", "no-attachment", "no-sender",
})
# The self-service answer uses no field of the form (it goes to the sender, the same for
# every form): fields left unread need no officer on that route.
SELF_SERVICE_UNNEEDED = frozenset({"form-unreadable-fields"})
STATUS_OF = {
    Outcome.ACCEPTED: Status.PAYMENT_VERIFIED, Outcome.AWAITING_APPROVAL: Status.AWAITING_APPROVAL,
    Outcome.REJECTED: Status.NEEDS_FIX, Outcome.NEEDS_OFFICER: Status.NEEDS_OFFICER,
}
TEMPLATE_OF = {
    Outcome.ACCEPTED: "applicant/accepted",
    Outcome.AWAITING_APPROVAL: "applicant/awaiting-approval",
    Outcome.REJECTED: "applicant/rejected",
    Outcome.NEEDS_OFFICER: "applicant/acknowledgement",
}


@dataclass(frozen=True)
class CaseUpdate:
    """The application this message opens or moves: existing token (or None: open one)."""

    token: str | None
    kind: CaseKind
    status: Status
    full_name: str | None = None
    tckn: str | None = None
    email: str | None = None
    institution: str | None = None
    title: str | None = None
    phone: str | None = None
    card_reader: bool | None = None


@dataclass(frozen=True)
class Verdict:
    """A Decision plus the case change and the receipts to put on file."""

    decision: Decision
    case: CaseUpdate | None = None
    receipts: tuple[tuple[str, object, bool], ...] = ()  # (file sha256, Receipt, accepted)
    command: object | None = None  # an authenticated officer command to carry out
    documents: tuple = ()  # the ReadAttachments the verdict was made from (set by the edge)


def decide_command(command: object, case_token: str, authenticated: bool) -> Verdict:
    """An officer's ONAY/RET mail: carried out only when the trusted server vouched for From."""
    if not authenticated:
        finding = Finding("officer-command-refused", f"{case_token}: no trusted DKIM/DMARC pass")
        return Verdict(Decision(Outcome.NEEDS_OFFICER, Folder.REVIEW, (finding,)))
    finding = Finding("officer-command", case_token)
    return Verdict(Decision(Outcome.ACCEPTED, Folder.PROCESSED, (finding,)), command=command)


def decide(ev: Evidence, rules: Rules, now: datetime) -> Verdict:
    """Judge one message: collect every finding, then choose one outcome."""
    inbound = ev.inbound
    if inbound.auto_reason is not None:
        findings = [Finding("auto-submitted", inbound.auto_reason)]
        findings += [Finding("reply-bounced", f"{b.recipient or '?'} {b.status or ''}".strip())
                     for b in inbound.bounces]
        return Verdict(Decision(Outcome.IGNORED, Folder.REVIEW, tuple(findings)))
    if inbound.reply_address is None:
        finding = Finding("no-sender", "no usable From or Reply-To address")
        return Verdict(Decision(Outcome.NEEDS_OFFICER, Folder.REVIEW, (finding,)))
    found = _match(ev)
    findings = _all_findings(ev, rules, found)
    outcome, extra = _outcome(ev, rules, findings, now)
    if extra:  # the self-service answer: nothing unread on the form is left to an officer
        findings = tuple(f for f in findings if f.code not in SELF_SERVICE_UNNEEDED)
    findings = findings + extra
    reused = any(f.code == "receipt-reused" for f in findings)
    case = None if reused else _case_update(ev, found, outcome, extra)  # not the owner's case
    replies = (_reply(ev, rules, outcome, findings, now, extra),)
    if ev.replies_today >= rules.limits.replies_per_sender_per_day:  # loop safety
        findings += (Finding("reply-limit", f"{ev.replies_today} replies today"),)
        replies = ()
    folder = Folder.PROCESSED if outcome in (Outcome.ACCEPTED, Outcome.REJECTED) else Folder.REVIEW
    receipt_ok = outcome is Outcome.ACCEPTED
    on_file = tuple((a.sha256, r, receipt_ok) for a, r in ev.receipts())
    return Verdict(Decision(outcome, folder, findings, replies), case, on_file)


def _match(ev: Evidence) -> Match:
    """The application this message belongs to, if any."""
    token = case_token_in(ev.inbound.subject)
    return match(list(ev.candidates), token=token, tckns=ev.tckns(), names=ev.names(),
                 sender=ev.inbound.from_address)


def _all_findings(ev: Evidence, rules: Rules, found: Match) -> tuple[Finding, ...]:
    """Every finding of every check on every document."""
    findings: list[Finding | None] = []
    if not ev.inbound.attachments:
        findings.append(Finding("no-attachment"))
    for attachment in ev.attachments:
        findings.append(_document_finding(attachment.document.kind, attachment.document.failure,
                                          attachment.filename))
    claimant = checks.Claimant(ev.claimed_tckns(), ev.inbound.from_address)
    for attachment, receipt in ev.receipts():
        if receipt.amount is None and receipt.recipient_iban is None:  # nothing to go on
            findings.append(Finding("document-unrecognised", attachment.filename))
            continue
        if receipt.recipient_iban is None and checks.payee_iban_in_text(
                attachment.document.text, rules.payee.iban):
            receipt = replace(receipt, recipient_iban=rules.payee.iban)
            findings.append(Finding("payee-iban-repaired", attachment.filename))
        findings += _receipt_findings(receipt, attachment, rules, claimant, ev.prior)
    for _, form in ev.forms():
        findings += _form_findings(form)
    if ev.inbound.defects:
        findings.append(Finding("mime-defects", ", ".join(ev.inbound.defects)))
    if found.kind is MatchKind.AMBIGUOUS:
        tokens = ", ".join(c.case_token for c in found.found)
        findings.append(Finding("match-ambiguous", tokens))
    return tuple(dict.fromkeys(f for f in findings if f is not None))


def _receipt_findings(receipt: Receipt, attachment: ReadAttachment, rules: Rules,
                      claimant: checks.Claimant,
                      prior: tuple[checks.PriorReceipt, ...]) -> list[Finding | None]:
    """A receipt's findings; a partly read receipt is not rejected for what was not read."""
    sha = attachment.sha256
    unsure = checks.amount_unsure(receipt, rules, attachment.document.scanned)
    unread = [checks.payee_iban_unread(receipt), checks.amount_unread(receipt), unsure]
    fee = None if unsure else checks.fee_mismatch(receipt, rules)
    found = [
        *unread, checks.payee_iban_mismatch(receipt, rules), fee,
        checks.tckn_invalid(receipt), checks.tckn_unsure(receipt),
        checks.receipt_duplicate(receipt, sha, claimant, prior),
        checks.receipt_reused(receipt, sha, claimant, prior),
    ]
    if not any(unread) and receipt.description is not None:
        found.append(checks.description_missing_tckn(receipt))
    return found


def _form_findings(form: Form) -> list[Finding | None]:
    """A form's findings; unread ink in a decisive field sends it to the officer, never back
    as missing; unread details only note themselves for the officer."""
    details = checks.form_details_unread(form)
    unreadable = checks.form_unreadable_fields(form)
    if unreadable is not None:
        return [unreadable, details]
    return [checks.form_missing_name(form), checks.form_missing_email(form),
            checks.form_missing_tckn(form), checks.form_invalid_tckn(form),
            checks.form_missing_request(form), details]


def _document_finding(kind: DocumentKind, failure: Unreadable | None,
                      filename: str) -> Finding | None:
    """An attachment that is not a readable receipt or form."""
    if kind is DocumentKind.UNREADABLE:
        code = "document-encrypted" if failure is Unreadable.ENCRYPTED else "document-unreadable"
        return Finding(code, filename)
    if kind is DocumentKind.OTHER:
        return Finding("document-unrecognised", filename)
    return None


def _outcome(ev: Evidence, rules: Rules, findings: tuple[Finding, ...],
             now: datetime) -> tuple[Outcome, tuple[Finding, ...]]:
    """One outcome from all findings: sender's fixes first, then the officer, then success."""
    codes = {f.code for f in findings}
    if codes & SENDER_MUST_FIX:
        return Outcome.REJECTED, ()
    officer = codes & OFFICER_MUST_LOOK - SELF_SERVICE_UNNEEDED
    if ev.forms() and not officer and _self_service(rules, now):
        return Outcome.REJECTED, (Finding("lost-stolen-self-service", rules.lost_stolen.link),)
    if codes & OFFICER_MUST_LOOK or not (ev.forms() or ev.receipts()):
        return Outcome.NEEDS_OFFICER, ()
    if ev.forms():
        return Outcome.AWAITING_APPROVAL, ()
    return Outcome.ACCEPTED, ()


def _self_service(rules: Rules, now: datetime) -> bool:
    """Whether lost/stolen requests go to KamuSM's own services on this date."""
    lost = rules.lost_stolen
    today = now.astimezone(ISTANBUL).date()
    return lost.route is LostStolenRoute.KAMUSM_PERSONAL and (
        lost.since is None or today >= lost.since)


def _case_kind(ev: Evidence) -> CaseKind:
    """The kind of case the documents show."""
    for _, form in ev.forms():
        if form.request in ("lost", "stolen", "fault"):
            return CaseKind(form.request)
    text = collapse_spaces(f"{ev.inbound.subject} {ev.inbound.text}").lower()
    if "yenile" in text or "uzatım" in text or "uzatim" in text:
        return CaseKind.RENEWAL
    if ev.receipts():
        return CaseKind.FIRST if "ilk" in text else CaseKind.UNKNOWN
    return CaseKind.UNKNOWN


def _case_update(ev: Evidence, found: Match, outcome: Outcome,
                 extra: tuple[Finding, ...]) -> CaseUpdate | None:
    """Open or move an application when the message carries documents or matched one."""
    existing = found.application
    if existing is None and not (ev.forms() or ev.receipts()):
        return None
    if found.kind is MatchKind.AMBIGUOUS:
        return None
    status = Status.REDIRECTED if extra else STATUS_OF.get(outcome, Status.NEEDS_OFFICER)
    form = ev.forms()[0][1] if ev.forms() else None
    payer = ev.receipts()[0][1].payer_name if ev.receipts() else None
    return CaseUpdate(
        token=existing.case_token if existing else None, kind=_case_kind(ev), status=status,
        full_name=((form.full_name if form else None) or payer or ev.inbound.from_name
                   or "")[:200] or None,
        tckn=next(iter(ev.tckns()), None), email=form.email if form else None,
        institution=form.institution if form else None, title=form.title if form else None,
        phone=form.phone if form else None, card_reader=form.card_reader if form else None,
    )


def _reply(ev: Evidence, rules: Rules, outcome: Outcome, findings: tuple[Finding, ...],
           now: datetime, extra: tuple[Finding, ...]) -> Reply:
    """The one reply to the sender."""
    template = "applicant/lost-stolen-kamusm" if extra else TEMPLATE_OF[outcome]
    context = acknowledgement_context(ev.inbound, now, rules.directorate.name)
    to_fix = [f for f in findings if f.code in SENDER_MUST_FIX or f in extra]
    context.update(
        findings=[{"code": f.code, "detail": f.detail} for f in to_fix],
        payee_name=rules.payee.name, payee_iban=rules.payee.iban,
        required_description=rules.description.required or "",
        link=rules.lost_stolen.link,
    )
    return Reply(template=template, to=ev.inbound.reply_address or "", context=context)


def acknowledgement_context(inbound: Inbound, now: datetime, directorate: str) -> dict:
    """What every applicant template is told."""
    received = (inbound.date or now).astimezone(ISTANBUL)
    return {
        "name": collapse_spaces(inbound.from_name) or None,
        "subject": safe_subject(inbound.subject),
        "received_at": received.strftime("%d.%m.%Y %H:%M"),
        "attachments": [a.filename for a in inbound.attachments],
        "directorate": directorate,
        "case": None,
    }


def safe_subject(subject: str) -> str:
    """A subject fit to quote in a reply header: one line, bounded length."""
    line = collapse_spaces(subject.replace("\r", " ").replace("\n", " "))
    return line if len(line) <= SUBJECT_LIMIT else line[: SUBJECT_LIMIT - 1] + "…"
