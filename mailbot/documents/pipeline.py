"""What the sandboxed child does with one file: sniff, read the text layer, OCR what has none."""

from __future__ import annotations

import pickle

from mailbot.documents import images, pdf
from mailbot.documents.model import Extraction, Page, Unreadable

MAX_TEXT_PAGES = 30  # receipts and forms are short; a 500-page file is read only this far
MAX_OCR_PAGES = 3


def extract_bytes(data: bytes, *, ocr: bool = True) -> Extraction:
    """Read one file's bytes into an Extraction; failures become named outcomes."""
    kind = images.sniff(data)
    try:
        if kind == "empty":
            return Extraction(failure=Unreadable.EMPTY, detail="zero bytes")
        if kind == "pdf":
            return _extract_pdf(data, ocr=ocr)
        if kind in ("jpeg", "png"):
            return _extract_image(data, ocr=ocr)
        return Extraction(failure=Unreadable.UNSUPPORTED, detail="not a PDF, JPEG or PNG")
    except pdf.PdfFailure as exc:
        return Extraction(failure=exc.reason, detail=exc.detail)
    except MemoryError:
        return Extraction(failure=Unreadable.TOO_LARGE, detail="memory limit reached")
    except Exception as exc:  # hostile input: any parser error is a corrupt file
        if type(exc).__name__ == "DecompressionBombError":
            return Extraction(failure=Unreadable.TOO_LARGE, detail=str(exc))
        return Extraction(failure=Unreadable.CORRUPT, detail=f"{type(exc).__name__}: {exc}")


def _extract_image(data: bytes, *, ocr: bool) -> Extraction:
    """A JPEG or PNG: one OCR'd page (or an empty page holding the picture without OCR)."""
    image, dpi = images.load_image(data)
    if not ocr:
        width, height = image.width * 72.0 / dpi, image.height * 72.0 / dpi
        return Extraction(pages=(Page(1, width, height, (), "", ocr=False),), scanned=False)
    return Extraction(pages=(images.ocr_page(image, dpi, 1),), scanned=True)


def _extract_pdf(data: bytes, *, ocr: bool) -> Extraction:
    """A PDF: text-layer words per page, AcroForm fields, OCR for pages without real text."""
    reader = pdf.open_reader(data)
    fields = pdf.read_fields(reader) if "/AcroForm" in reader.trailer["/Root"] else ()
    try:
        pages = pdf.text_pages(data, password="", max_pages=MAX_TEXT_PAGES)
    except pdf.PdfFailure:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        if "password" in str(exc).lower() or type(exc).__name__ == "PDFPasswordIncorrect":
            raise pdf.PdfFailure(Unreadable.ENCRYPTED, str(exc)) from exc
        raise pdf.PdfFailure(Unreadable.CORRUPT, f"{type(exc).__name__}: {exc}") from exc
    if not pages:
        return Extraction(failure=Unreadable.EMPTY, detail="no page")
    scanned = False
    if ocr:
        pages, scanned = _ocr_where_needed(data, pages)
    return Extraction(pages=tuple(pages), fields=fields, scanned=scanned)


def _ocr_where_needed(data: bytes, pages: list[Page]) -> tuple[list[Page], bool]:
    """Replace pages whose text layer is empty or garbage by their OCR'd raster."""
    done = 0
    result: list[Page] = []
    for page in pages:
        if done < MAX_OCR_PAGES and pdf.text_is_garbage(page):
            image = pdf.render_page(data, page.number - 1, pdf.OCR_DPI)
            ocred = images.ocr_page(image, pdf.OCR_DPI, page.number)
            result.append(ocred)
            done += 1
        else:
            result.append(page)
    return result, done > 0


def _limit_memory(memory_mb: int) -> None:
    """Set this process's soft address-space limit (the hard limit is left alone)."""
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def serve() -> None:
    """Child main loop: frames of (data, ocr, memory_mb) in on stdin, Extractions out."""
    import logging
    import os
    import sys

    from mailbot.documents import frames

    for noisy in ("pypdf", "pdfminer", "PIL"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    reply = os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt frames
    requests = sys.stdin.fileno()
    while True:
        try:
            data, ocr, memory_mb = pickle.loads(frames.read_frame(requests))
        except (EOFError, OSError):
            return
        _limit_memory(memory_mb)
        try:
            result = extract_bytes(data, ocr=ocr)
        except MemoryError:
            result = Extraction(failure=Unreadable.TOO_LARGE, detail="memory limit reached")
        del data
        try:
            _write_all(reply, result)
        except MemoryError:
            _write_all(reply, Extraction(failure=Unreadable.TOO_LARGE, detail="result too large"))
        if result.failure is Unreadable.TOO_LARGE:
            return


def _write_all(fd: int, result: Extraction) -> None:
    """Write one reply frame completely."""
    import os

    from mailbot.documents import frames

    view = memoryview(frames.encode(result))
    while view:
        view = view[os.write(fd, view):]


if __name__ == "__main__":
    serve()
