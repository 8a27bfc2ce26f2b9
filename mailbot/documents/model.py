"""Value types of document reading: positioned text from a file, and the documents read from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    """What a document is, as `mailbot parse` reports it."""

    RECEIPT = "receipt"
    FORM = "form"
    OTHER = "other"
    UNREADABLE = "unreadable"


class Unreadable(StrEnum):
    """Why a file could not be read at all (a named outcome, never a crash)."""

    ENCRYPTED = "encrypted"  # needs a real password
    CORRUPT = "corrupt"  # truncated, broken, not what it claims to be
    EMPTY = "empty"  # zero bytes, or no page
    TIMEOUT = "timeout"  # the child process ran out of wall-clock time
    TOO_LARGE = "too-large"  # the child process ran out of memory, or the file is over the limit
    UNSUPPORTED = "unsupported"  # a file type the reader does not handle


CONFIRMED_CONF = 101.0  # above any OCR confidence: each enlargement of its crop read it alike


@dataclass(frozen=True)
class Word:
    """One word on a page; coordinates in PDF points from the top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None  # OCR confidence 0-100; None for a text-layer word
    line: int | None = None  # OCR line id on its page (Tesseract's block/paragraph/line)


@dataclass(frozen=True)
class Page:
    """One page's words and layout text; `image` is a PNG of the page when it was rasterised."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    text: str
    ocr: bool = False
    image: bytes | None = None
    dpi: int | None = None  # resolution of `image`
    alt_words: tuple[Word, ...] = ()  # a second OCR reading (other binarisation), when made


@dataclass(frozen=True)
class FormField:
    """An AcroForm widget: a text field or a checkbox, with its rectangle on the page."""

    name: str
    kind: str  # "text" | "checkbox" | "other"
    value: str | None
    checked: bool | None
    page: int
    rect: tuple[float, float, float, float]  # x0, top, x1, bottom in points from top-left


@dataclass(frozen=True)
class Extraction:
    """Everything the sandboxed child read from one file."""

    pages: tuple[Page, ...] = ()
    fields: tuple[FormField, ...] = ()
    scanned: bool = False
    failure: Unreadable | None = None
    detail: str = ""

    @property
    def text(self) -> str:
        """All pages' layout text, pages separated by a form feed."""
        return "\f".join(page.text for page in self.pages)


@dataclass(frozen=True)
class Receipt:
    """Fields of a bank receipt (dekont); None where not found."""

    bank: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    date: date | None = None
    payer_name: str | None = None
    recipient_name: str | None = None
    recipient_iban: str | None = None
    description: str | None = None
    tckn: str | None = None
    reference: str | None = None
    unsure: tuple[str, ...] = ()  # fields a scan's OCR may have misread (an officer checks)


@dataclass(frozen=True)
class Form:
    """Fields of an e-imza kayıp/çalıntı/arıza başvuru formu; None where not read."""

    request: str | None = None  # "lost" | "stolen" | "fault"
    full_name: str | None = None
    tckn: str | None = None
    title: str | None = None
    institution: str | None = None
    email: str | None = None
    phone: str | None = None  # "0" + 10 digits
    card_reader: bool | None = None
    date: date | None = None
    valid: bool | None = False  # None: no problem found, but a required field was unread
    problems: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()  # fields with ink or text on the form that could not be read


@dataclass(frozen=True)
class ReadDocument:
    """The reader's verdict on one file."""

    kind: DocumentKind
    scanned: bool = False
    receipt: Receipt | None = None
    form: Form | None = None
    failure: Unreadable | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""  # the page text read (receipts): lets a decision repair against known values
