"""Read a bank receipt's fields from positioned words, driven by the bank profiles (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from difflib import SequenceMatcher
from functools import cache, partial

from mailbot.documents import spelling, values
from mailbot.documents.amount_words import in_words
from mailbot.documents.banks import detect_bank, signalled_bank
from mailbot.documents.description_names import payer_respelled
from mailbot.documents.grid import Grid, Span
from mailbot.documents.labels import Hit, LabelIndex, find_hits, split_headers
from mailbot.documents.layout import Line, document_lines, fold
from mailbot.documents.model import CONFIRMED_CONF, Extraction, Receipt
from mailbot.documents.parties import assign_parties
from mailbot.documents.profiles import BankProfile, load_profiles
from mailbot.documents.prose import prose_fields, prose_payer_iban
from mailbot.text import TURKISH_LETTERS, ascii_fold, collapse_spaces

_WRAPS = {"description": 4, "payer_name": 4, "recipient_name": 4, "recipient_iban": 2,
          "payer_iban": 2}


_INDEXES: dict[int, tuple[BankProfile, LabelIndex]] = {}


def _index(profile: BankProfile) -> LabelIndex:
    """The label index of a profile (cached): field labels, section headers, ignored labels."""
    cached = _INDEXES.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    labels = dict(profile.labels)
    labels["payer_section"] = profile.payer_sections
    labels["recipient_section"] = profile.recipient_sections
    labels["ignore"] = profile.ignore
    index = LabelIndex(labels)
    _INDEXES[id(profile)] = (profile, index)
    return index


def read_receipt(extraction: Extraction,
                 profiles: tuple[BankProfile, tuple[BankProfile, ...]] | None = None) -> Receipt:
    """The receipt's fields; a value that does not parse or validate is left None.

    When the OCR made a second reading of a page, fields the first reading missed are
    taken from it (a conflict keeps the first reading's value).
    """
    first = _read_one(extraction, profiles)
    if any(page.alt_words for page in extraction.pages):
        pages = tuple(replace(p, words=p.alt_words, text=_words_text(p.alt_words))
                      if p.alt_words else p for p in extraction.pages)
        second = _read_one(replace(extraction, pages=pages), profiles)
        filled = {f.name: getattr(second, f.name) for f in fields(Receipt)
                  if getattr(first, f.name) is None and getattr(second, f.name) is not None}
        if "amount" in filled:
            filled["currency"] = "TRY"
        first = replace(first, **filled)
    return replace(first, unsure=("tckn",)) if _tckn_unsure(first, extraction) else first


def _tckn_unsure(receipt: Receipt, extraction: Extraction) -> bool:
    """Whether the description's eleven figures that fail the TCKN checksum were OCR'd
    without every crop of them reading the same (a misread digit fails the checksum too:
    an officer reads it on the picture)."""
    if not extraction.scanned or receipt.tckn is not None or not receipt.description:
        return False
    confirmed = {n for page in extraction.pages for word in page.words
                 if word.conf is not None and word.conf >= CONFIRMED_CONF
                 for n in values.broken_tckns(word.text)}
    return any(n not in confirmed for n in values.broken_tckns(receipt.description))


def _words_text(words: tuple) -> str:
    """Plain text of words (the page text of a second OCR reading)."""
    return " ".join(w.text for w in words)


def _read_one(extraction: Extraction,
              profiles: tuple[BankProfile, tuple[BankProfile, ...]] | None) -> Receipt:
    """One reading of the receipt's fields from the pages' words, by the labels of the bank
    whose name is printed on it or, where OCR could not read the name, of the bank its payer's
    IBAN or its own label phrases tell (Ziraat's "Alıcı Hesap" is the payee's name; for
    another bank it is an IBAN)."""
    generic, banks = profiles or load_profiles()
    lines = document_lines(extraction)
    issuer = detect_bank(lines, banks)
    receipt, told = _read_by(extraction, lines, issuer, generic, banks)
    if issuer is None and told is not None:
        receipt, _ = _read_by(extraction, lines, told, generic, banks)
    return receipt


def _read_by(extraction: Extraction, lines: list[Line], issuer: BankProfile | None,
             generic: BankProfile, banks: tuple[BankProfile, ...]
             ) -> tuple[Receipt, BankProfile | None]:
    """The receipt read by the issuer's labels (generic ones where it is unknown), and the
    bank the reading tells."""
    profile = issuer or generic
    lines = split_headers(lines, _index(profile))
    hits = find_hits(lines, _index(profile))
    grid = Grid(lines, hits, profile.in_values)
    hits = hits + assign_parties(hits, grid)
    read = _FieldReader(grid, hits, profile)
    description = read.first("description", _description)
    payer_iban = read.first("payer_iban", values.first_iban) or (
        prose_payer_iban(extraction.pages[0].text) if extraction.pages else None)
    payee_iban = partial(values.recipient_iban, scanned=extraction.scanned)
    recipient_iban = read.first("recipient_iban", payee_iban) or _lone_iban(extraction, payer_iban)
    if issuer is None and payer_iban:
        issuer = next((b for b in banks if b.iban_bank_code == payer_iban[4:9]), None)
    issuer = issuer or signalled_bank(lines, banks)
    parse_amount = values.parse_printed_amount if extraction.scanned else values.parse_amount
    amount = _as_written(read.first("amount", parse_amount), extraction)
    turkish = _bank_prints_turkish(extraction)
    printed = _as_printed(turkish)
    mend = _Mender(extraction.scanned, turkish)
    payer = mend.person(read.first("payer_name", read.name))
    description = mend.description(description, payer)
    receipt = Receipt(
        bank=issuer.id if issuer else None,
        amount=amount,
        currency="TRY" if amount is not None or _in_lira(extraction) else None,
        date=read.first("date", values.parse_date) or _lone_date(extraction, hits),
        payer_name=printed(payer),
        recipient_name=printed(mend.institution(read.first("recipient_name", read.name))),
        recipient_iban=recipient_iban,
        description=printed(description),
        tckn=values.find_tckn(description) if description else _lone_tckn(extraction),
        reference=mend.reference(read.first("reference", values.parse_reference)),
    )
    return _with_prose(receipt, extraction, mend), issuer


def _kept(value: object) -> object:
    return value


def _as_written(amount: object, extraction: Extraction) -> object:
    """On a scan, the amount written out in words where the receipt has it: it survives a
    lost comma or a speck read as a digit that the figures do not."""
    if not extraction.scanned:
        return amount
    written = in_words("\n".join(page.text for page in extraction.pages))
    return written if written is not None else amount


_LIRA_MARK = re.compile(r"(?<![A-Za-z])(?:TL|TRY)(?![A-Za-z])|₺")


def _in_lira(extraction: Extraction) -> bool:
    """Page 1 names the lira (TL, TRY, ₺): the currency stands though its amount was not read."""
    return bool(extraction.pages and _LIRA_MARK.search(extraction.pages[0].text))


def _with_prose(receipt: Receipt, extraction: Extraction, mend: _Mender) -> Receipt:
    """Fill fields no label gave from sentence-style text on page 1 (names and description
    mended as a label's value would be)."""
    if not extraction.pages:
        return receipt
    found = prose_fields(extraction.pages[0].text, extraction.scanned)
    menders = {"payer_name": mend.person, "recipient_name": mend.institution,
               "description": partial(mend.description, payer=receipt.payer_name)}
    missing = {k: menders.get(k, _kept)(v) for k, v in found.items()
               if getattr(receipt, k) is None}
    if "amount" in missing:
        missing["currency"] = "TRY"
    return replace(receipt, **missing) if missing else receipt


class _FieldReader:
    """Tries each hit of a field, best label first, until a value parses."""

    def __init__(self, grid: Grid, hits: list[Hit], profile: BankProfile) -> None:
        self.grid = grid
        self.profile = profile
        self.vocabulary = _label_words(profile)
        self.compact_vocabulary = {
            "".join(ch for ch in word if ch.isalnum()) for word in self.vocabulary
        } | {"soyadunvan", "soyadunvani", "adsoyad", "isimunvan", "unvani"}
        self.by_field: dict[str, list[Hit]] = {}
        for hit in sorted(hits, key=lambda h: (h.cell.page, h.rank, h.cell.line, h.cell.x0)):
            self.by_field.setdefault(hit.field, []).append(hit)

    def first(self, field: str, parse: Callable[[str], object]) -> object | None:
        """The first parsed value over the field's hits and their candidate spans."""
        for hit in self.by_field.get(field, ()):
            for span in self.grid.value_spans(hit, run_on=field == "description"):
                value = self._parse_span(field, span, parse, hit.cell.x0)
                if value is not None:
                    return value
        return None

    def _parse_span(self, field: str, span: Span, parse: Callable[[str], object],
                    label_x0: float) -> object:
        """Parse a span alone, then with its wrapped continuation lines when the field wraps."""
        wraps = _WRAPS.get(field, 0)
        chain = self.grid.continued(span, wraps, label_x0) if wraps else [span]
        if field.endswith("iban"):
            if not values.starts_iban(chain[0].text):
                chain = chain[:1]  # a wrapped IBAN continues a line that began one
            for size in range(1, len(chain) + 1):
                parts = [s.text for s in chain[:size]]
                if size > 1:  # the wrap goes on from the IBAN, not from what OCR ran it into
                    parts[0] = _iban_part(parts[0])
                value = parse(" ".join(parts))
                if value is not None:
                    return value
            return None
        while chain and self._leftover_span(chain[0].text):
            chain = chain[1:]  # a misread second label ("AÇIKLAMA" / "DESCRİPTLON")
        if field.endswith("name") and chain:
            kept = [chain[0]]
            for more in chain[1:]:
                if not self._name_line(more.text) or (field == "payer_name"
                                                      and _institution_words(more.text)):
                    break
                kept.append(more)
            chain = kept
        return parse(_join_wrapped([s.text for s in chain])) if chain else None

    def _name_line(self, text: str) -> bool:
        """A wrapped name line: letters, no digits, not starting with a label word, and no
        word of a sentence ("Hesabınızdan yapılan HAVALE işleminin ..." under SAYIN <name>)."""
        words = fold(text).replace("/", " ").split()
        return (_name_like(text) and bool(words) and words[0] not in self.vocabulary
                and not any(_starts_small(word) for word in text.split()))

    def name(self, text: str) -> str | None:
        """A name, unless the profile says the text is never a name.

        Leading OCR debris (tokens without letters) and leftovers of a misread label
        ("UNVANI", "SOYADVUNVANI") are dropped first; a name starts with a capital.
        """
        tokens = text.split()
        while tokens and (not any(ch.isalpha() for ch in tokens[0])
                          or self._label_leftover(tokens[0])):
            tokens.pop(0)
        name = values.parse_name(" ".join(tokens))
        if name is None or collapse_spaces(fold(name)) in self.profile.not_names:
            return None
        if _starts_small(name):
            return None  # a sentence's word ("alıcı adı ile IBAN eşleşmesi" in the terms)
        return name

    def _leftover_span(self, text: str) -> bool:
        """True when a span is one label word and marks ("/ Description" after a label read
        as "JAçıklama": its first word only matched); not a transfer type the description
        goes on from ("FAST -" / "CENGİZ-ÇINAR-…")."""
        if text.rstrip().endswith(("-", "–")):
            return False
        words = [word for word in text.split() if any(ch.isalnum() for ch in word)]
        return len(words) == 1 and self._label_leftover(words[0])

    def _label_leftover(self, token: str) -> bool:
        """True when a token is (nearly) a label word, e.g. an OCR-garbled "SOYAD/UNVANI"."""
        key = "".join(ch for ch in fold(token) if ch.isalnum())
        if len(key) < 4:
            return key in self.vocabulary
        return any(SequenceMatcher(None, key, word).ratio() >= 0.8
                   for word in self.compact_vocabulary if abs(len(word) - len(key)) <= 3)


def _iban_part(text: str) -> str:
    """A line's words up to the first after its IBAN's start that cannot be part of an IBAN
    ("TRSI 0001 … 7880 (o" ran into the amount's cell beside it: "(o &600,00")."""
    words = text.split()
    start = next((i for i, word in enumerate(words) if values.starts_iban(word)), None)
    if start is None:
        return text
    for i in range(start + 1, len(words)):
        if not all(ch.isalnum() or ch in "-.|" for ch in words[i]):
            return " ".join(words[:i])
    return text


def _institution_words(text: str) -> bool:
    """Whether the text holds a word that says what kind of place an institution is
    (institutions.toml endings: "Müdürlüğü" under a payer's name is the payee's line of a
    crowded photo, no person's)."""
    kinds = _kinds_of_places()
    return any(spelling.word_key(token) in kinds for token in text.split())


@cache
def _kinds_of_places() -> frozenset[str]:
    endings = spelling.names_toml("institutions.toml").get("endings", [])
    return frozenset(spelling.word_key(word) for word in endings)


def _starts_small(name: str) -> bool:
    """Whether the name's first word of three letters or more starts with a small letter
    (a speck before it, "o T.C. SAĞLIK ...", is no word of it)."""
    word = next((w for w in name.split() if sum(ch.isalpha() for ch in w) >= 3), "")
    return next((ch for ch in word if ch.isalpha()), "A").islower()


_EXTRA_LABEL_WORDS = ("hesap", "tckn", "vkn", "no", "bilgileri", "ad", "soyad", "unvan")


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines: a line cut right after a hyphen ("ÖZTÜRK-") continues without a space."""
    text = parts[0]
    for part in parts[1:]:
        glued = text.endswith("-") and len(text) > 1 and not text[-2].isspace()
        text = f"{text}{part}" if glued else f"{text} {part}"
    return text


def _label_words(profile: BankProfile) -> frozenset[str]:
    """Every word of every label of the profile (a wrapped name never starts with one)."""
    words = set(_EXTRA_LABEL_WORDS)
    for labels in profile.labels.values():
        for label in labels:
            words.update(w.strip("():/") for w in label.split())
    words.discard("")
    return frozenset(words)


def _name_like(text: str) -> bool:
    """A wrapped name line: letters, no digits, no label punctuation."""
    return values.parse_name(text) is not None and ":" not in text and not any(
        ch.isdigit() for ch in text)


_KEPT_IN_UPPER = frozenset("çğöşüÇĞÖŞÜ")  # letters that tell Turkish print from ASCII print
_SIGNAL_WORDS = frozenset(("aciklama", "islem", "gonderen", "gonderici", "musteri", "ucreti",
                           "duzenleme", "duzenlenme", "odeme", "gonderim", "sube", "subesi"))
_ASCII_SHARE = 0.06  # without label evidence: below this share of Turkish words, ASCII print


def _bank_prints_turkish(extraction: Extraction) -> bool | None:
    """Whether the bank printed Turkish letters, on OCR'd pages: True or False as most of its
    label words that carry Ç/Ş/Ö/Ü/Ğ in Turkish ("AÇIKLAMA", "İŞLEM") were read with them or
    without; without such words, False where hardly a word has a Turkish letter; else None."""
    words = [w.text for p in extraction.pages if p.ocr for w in p.words if w.text.isalpha()]
    signals = [bool(_KEPT_IN_UPPER.intersection(w)) for w in words
               if fold(w) in _SIGNAL_WORDS]
    if signals.count(True) != signals.count(False):
        return signals.count(True) > signals.count(False)
    if signals or not words:
        return None
    share = sum(1 for w in words if TURKISH_LETTERS.intersection(w)) / len(words)
    return False if len(words) >= 15 and share < _ASCII_SHARE else None


def _as_printed(turkish: bool | None) -> Callable[[str | None], str | None]:
    """Text as the bank printed it: on OCR'd pages of an ASCII receipt, stray accents removed.

    Tesseract's Turkish model puts dots and cedillas on ASCII text now and then. Label
    words that carry Ç/Ş/Ö/Ü/Ğ in Turkish ("AÇIKLAMA", "İŞLEM") tell how the bank
    printed; without them, a receipt whose words almost never carry Turkish letters was
    printed folded to ASCII.
    """
    if turkish is not False:
        return lambda text: text
    return lambda text: None if text is None else ascii_fold(text)


class _Mender:
    """Name repairs for OCR'd receipts (spelling.py); text-layer names are kept as printed."""

    def __init__(self, ocr: bool, turkish: bool | None = None) -> None:
        self.ocr = ocr
        self.turkish = turkish  # the bank prints Turkish letters (None: cannot tell)

    def person(self, name: str | None) -> str | None:
        """A payer's name as the bank keeps it: where it prints Turkish letters, a common
        name read without its marks gets them ("KUBRA BULUT" beside "GÖNDEREN")."""
        return spelling.mend_person(name, bool(self.turkish)) if self.ocr else name

    def description(self, text: str | None, payer: str | None = None) -> str | None:
        if not self.ocr or text is None:
            return text
        text = letters_for_figures(values.tckn_gap_closed(text))
        respelled = spelling.respell_names(text, also="descriptions.toml")
        return payer_respelled(respelled, payer)

    def reference(self, token: str | None) -> str | None:
        return values.prefixed_reference(values.hex_reference(token)) if self.ocr else token

    def institution(self, name: str | None) -> str | None:
        return spelling.mend_institution(name) if self.ocr else name


_CAPITAL = "A-ZÇĞİÖŞÜ"
_ZERO_IN_CAPITALS = re.compile(
    rf"(?<![0-9])0(?=[{_CAPITAL}]{{2}})|(?<=[{_CAPITAL}])0(?=[{_CAPITAL}])")
_TC_AS_ONE = re.compile(r"(?<![\w.])1\.C\.(?=\s)")
_TC_BEFORE_NUMBER = re.compile(r"(?<![\w.])(?:1T|T1|1)C:(?=\s?\d{11})")  # "1TC:", "1C:"
_IMZA_LOST_I = re.compile(r"(?<![\w-])([Ee])-([Mm])([Zz][Aa])\b")  # "E-MZA"


def letters_for_figures(text: str) -> str:
    """An OCR'd description with the O of a word in capitals read as a zero put back
    ("24856522790-0MER AKGUL" -> "24856522790-OMER AKGUL"), T.C. read as "1.C.", TC: before
    the TCKN read as "1TC:" or "1C:", and e-imza's i lost ("E-MZA"); the TCKN's figures stay."""
    text = _TC_AS_ONE.sub("T.C.", _ZERO_IN_CAPITALS.sub("O", text))
    text = _TC_BEFORE_NUMBER.sub("TC:", text)
    return _IMZA_LOST_I.sub(lambda m: f"{m[1]}-{'I' if m[2].isupper() else 'i'}{m[2]}{m[3]}",
                            text)


def _description(text: str) -> str | None:
    """The description as printed, whitespace collapsed (three letters or digits at least)."""
    tokens = text.split()
    while tokens and len(tokens[0]) == 1 and not tokens[0].isalnum():
        tokens.pop(0)  # OCR debris of a colon or a table rule
    text = collapse_spaces(" ".join(tokens).lstrip(" :;|.,=").rstrip(" :;|"))
    return text if sum(ch.isalnum() for ch in text) >= 3 else None



def _lone_iban(extraction: Extraction, payer_iban: str | None) -> str | None:
    """When no label names the recipient's IBAN: the only valid IBAN on page 1, if not the payer's.

    On an OCR'd page a missing recipient IBAN is usually a misread one, and the lone IBAN
    left is the payer's: there only a published payee account read on the page (maybe a
    digit or two off: no bank shows an IBAN failing its checksum) is the recipient's.
    """
    if not extraction.pages:
        return None
    if extraction.pages[0].ocr:
        return _known_payee_iban(extraction.pages[0].text)
    found = values.find_ibans(extraction.pages[0].text)
    return found[0] if len(found) == 1 and found[0] != payer_iban else None


def _known_payee_iban(text: str) -> str | None:
    """The one published payee account read in the text, as printed or a slip or two off."""
    known = values.known_payee_ibans()
    printed = {iban for iban in values.find_ibans(text) if iban in known}
    if printed:
        return printed.pop() if len(printed) == 1 else None
    return values.near_known_iban(text, known)


def _lone_date(extraction: Extraction, hits: list[Hit]) -> date | None:
    """When no label gave the date (a misread 'İŞLEM TARİHİ'): the one date on page 1 that
    no ignored label gives ("YAZDIRMA TARİHİ: 17.03.2026": the day it was printed)."""
    if not extraction.pages:
        return None
    page = extraction.pages[0].number
    found = values.all_dates(extraction.pages[0].text) - {
        day for hit in hits if hit.field == "ignore" and hit.cell.page == page
        for day in values.all_dates(hit.inline)}
    return found.pop() if len(found) == 1 else None


def _lone_tckn(extraction: Extraction) -> str | None:
    """Without a description: the only checksum-valid TCKN on page 1."""
    if not extraction.pages:
        return None
    found = values.all_tckns(extraction.pages[0].text)
    return found[0] if len(found) == 1 else None
