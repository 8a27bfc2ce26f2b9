"""The officer digest in words: Turkish labels, finding explanations, template context, CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment

from mailbot.digest_data import OUTCOME_ORDER, DigestData, Item
from mailbot.domain import Finding
from mailbot.rules import Rules

ISTANBUL = ZoneInfo("Europe/Istanbul")
OUTCOME_LABELS = {
    "accepted": "Kabul edildi",
    "awaiting-approval": "Onayınızı bekliyor",
    "rejected": "Reddedildi",
    "needs-officer": "İncelemenizi bekliyor",
    "ignored": "Yanıtlanmadı",
    "failed": "Hata / karantina",
    "bounced": "Yanıtımız ulaşmadı",
}
KIND_LABELS = {
    "first": "İlk başvuru", "renewal": "Süre uzatımı", "reader": "Kart okuyucu",
    "lost": "Kayıp kart", "stolen": "Çalıntı kart", "fault": "Arızalı kart",
    "unknown": "Türü belirsiz",
}
STATUS_LABELS = {
    "received": "Alındı", "needs-fix": "Düzeltme bekleniyor",
    "needs-officer": "Yetkili incelemesinde", "payment-verified": "Ödeme doğrulandı",
    "awaiting-approval": "Onay bekliyor", "approved": "Onaylandı", "rejected": "Reddedildi",
    "redirected": "KamuSM'ye yönlendirildi", "closed": "Kapandı",
}
# Codes the applicants' explanations (templates/applicant/_explain.txt) do not cover, worded
# for the officer; every other code is explained by that macro.
OFFICER_NOTES = {
    "no-attachment": "E-postada ek yok (soru ya da serbest metin olabilir).",
    "payee-iban-unread": "Dekonttaki alıcı IBAN okunamadı; dekontu kontrol ediniz.",
    "amount-unread": "Dekonttaki tutar veya ödeme tarihi okunamadı.",
    "amount-unsure": "Taranmış dekonttaki tutar bir ücrete uymuyor ama bir okuma hatası "
                     "olabilir; dekontu kontrol ediniz",
    "tckn-unsure": "Taranmış dekontun açıklamasındaki T.C. kimlik numarası doğrulanamadı "
                   "(bir rakam yanlış okunmuş olabilir); görüntüden okuyunuz",
    "description-missing-purpose": "Dekont açıklamasında ödemenin e-imza (NES) için "
                                   "yapıldığını gösteren bir ifade yok.",
    "form-unreadable-fields": "Formdaki bazı alanlar okunamadı",
    "form-details-unread": "Formdaki bazı ayrıntılar okunamadı; formdan okuyunuz",
    "match-ambiguous": "İleti birden çok başvuruyla eşleşebiliyor",
    "mime-defects": "İletinin yapısı bozuk (MIME hataları)",
    "auto-submitted": "Otomatik gönderilmiş ileti (izin yanıtı, liste veya teslim raporu); "
                      "yanıt verilmedi",
    "no-sender": "Gönderen adresi okunamadı; yanıt verilemedi.",
    "reply-bounced": "Yanıtımızın teslim edilemediğini bildiren rapor; ilgili vakaya işlendi",
    "reply-limit": "Bu adrese bugün gönderilebilecek yanıt sınırı doldu; yanıt gönderilmedi",
    "duplicate-delivery": "Aynı ileti ikinci kez geldi; yeniden yanıtlanmadı",
    "officer-command": "Yetkili onay/ret komutu işlendi",
    "officer-command-refused": "Yetkili adına gelen komut reddedildi: gönderenin kimliği "
                               "doğrulanamadı (DKIM/DMARC geçmedi)",
}


def istanbul(moment: datetime) -> str:
    """A moment as officers read it: `20.11.2026 08:30` in Istanbul time."""
    return moment.astimezone(ISTANBUL).strftime("%d.%m.%Y %H:%M")


def explainer(env: Environment, rules: Rules):
    """A function Finding → one Turkish sentence, reusing the applicants' explanations."""
    macros = env.get_template("applicant/_explain.txt").make_module({
        "payee_name": rules.payee.name, "payee_iban": rules.payee.iban,
        "required_description": rules.description.required or "",
    })

    def explain(finding: Finding) -> str:
        note = OFFICER_NOTES.get(finding.code)
        if note is None:
            return str(macros.explain(finding)).strip()
        return f"{note} ({finding.detail})." if finding.detail else note.rstrip(".") + "."
    return explain


def _failure(item: Item) -> str:
    """What happened to a message that could not be processed, in one sentence."""
    if item.ledger_status == "shunted":
        return f"{item.attempts} denemede işlenemedi; ileti karantinada (Failed klasörü)."
    return f"{item.attempts}. deneme başarısız; bir sonraki taramada yeniden denenecek."


def _row(item: Item, explain) -> dict:
    """One listed message, ready for both templates."""
    case = item.case
    return {
        "at": istanbul(item.at), "token": case.token or "", "tckn": case.masked_tckn,
        "name": case.name or "", "kind": KIND_LABELS.get(case.kind or "", case.kind or ""),
        "status": STATUS_LABELS.get(case.status or "", case.status or ""),
        "sender": item.sender or "(gönderen yok)", "subject": item.subject or "(konu yok)",
        "reasons": [explain(f) for f in item.findings], "codes": [f.code for f in item.findings],
        "shunted": item.ledger_status == "shunted", "failure": _failure(item),
        "error": item.error or "",
    }


def digest_context(data: DigestData, rules: Rules, env: Environment, period_label: str) -> dict:
    """The variables of templates/officer/digest.txt and .html."""
    explain = explainer(env, rules)
    counts = data.counts()
    sections = {o.value: [_row(i, explain) for i in data.with_outcome(o)] for o in OUTCOME_ORDER}
    more = {key: max(len(sections[key]) - SHORT_LIST, 0) for key in SHORTENED}
    for key in SHORTENED:  # nothing to act on there: the CSV has the rest
        sections[key] = sections[key][:SHORT_LIST]
    bounces = [{"at": istanbul(b.at), "token": b.case.token or "", "tckn": b.case.masked_tckn,
                "name": b.case.name or "", "kind": "", "recipient": b.recipient or "",
                "sender": b.recipient or "",
                "status": b.status or "", "diagnostic": b.diagnostic or "",
                "subject": b.reply_subject or ""} for b in data.bounces]
    return {
        "directorate": rules.directorate.name, "period": period_label,
        "since": istanbul(data.since), "until": istanbul(data.until), "empty": data.empty,
        "total": len(data.items), "counts": counts, "labels": OUTCOME_LABELS,
        "tiles": [(key, OUTCOME_LABELS[key], counts[key]) for key in counts],
        "sections": sections, "more": more, "bounces": bounces, "waiting_total": data.waiting_total,
    }


SHORT_LIST = 25
SHORTENED = ("accepted", "ignored")
CSV_COLUMNS = ("Zaman", "Vaka", "Başvuru türü", "Vaka durumu", "Sonuç", "Ad Soyad", "TCKN",
               "Gönderen", "Konu", "Bulgular")


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (mail subjects come from outside)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def cases_csv(data: DigestData) -> str:
    """The period's messages as CSV for Excel in Turkish locale (UTF-8 BOM, `;` separated)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in data.items:
        case = item.case
        writer.writerow([_cell(v) for v in (
            istanbul(item.at), case.token or "", KIND_LABELS.get(case.kind or "", ""),
            STATUS_LABELS.get(case.status or "", case.status or ""),
            OUTCOME_LABELS.get(item.outcome, item.outcome), case.name or "", case.masked_tckn,
            item.sender or "", item.subject or "", ", ".join(f.code for f in item.findings),
        )])
    return "\ufeff" + out.getvalue()

