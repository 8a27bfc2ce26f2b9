"""Reading accuracy on a fresh synthetic corpus: kind and field accuracy per layout.

Run: .venv/bin/python bench/reading.py [--n 160] [--seed 20261122] [--out DIR] [--workers 2]
Generates receipts, forms and other documents with tests/corpus (a seed no test uses), reads each
with mailbot.documents.reader in a pool of worker processes, prints tables per layout, per group
and per field, and writes DIR/reading-report.json with every document's truth and output.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import Sample, forms, others, receipts
from tests.corpus.score import Verdict, score

SHARES = (("receipt", receipts, 0.55), ("form", forms, 0.30), ("other", others, 0.15))


def _load_reader():
    try:
        from mailbot.documents.reader import document_json, read_document
    except ImportError as exc:
        sys.exit(
            f"bench/reading.py: the document reader is not there yet ({exc}); it needs "
            "mailbot.documents.reader.read_document and document_json"
        )
    return read_document, document_json


def read_one(path: str, timeout: float) -> tuple[dict, float]:
    """Worker: read one file, return its JSON object and the wall time."""
    read_document, document_json = _load_reader()
    start = time.perf_counter()
    try:
        doc = read_document(Path(path).read_bytes(), Path(path).name, timeout=timeout)
        out = document_json(path, doc)
        out["_notes"] = [str(note) for note in getattr(doc, "notes", ())]
    except Exception as exc:  # a crash is a result here, not the end of the bench
        out = {"file": path, "kind": "crash", "error": repr(exc)}
    return out, time.perf_counter() - start


def generate(outdir: Path, n: int, seed: int) -> list[Sample]:
    """The corpus: receipts, forms and others in fixed shares of n."""
    samples: list[Sample] = []
    for name, module, share in SHARES:
        samples += module.generate(outdir / name, max(1, round(n * share)), seed)
    return samples


class Tally:
    """Counts for one row of a table."""

    def __init__(self) -> None:
        self.docs = self.kind_ok = self.scanned_ok = self.right = self.fields = 0
        self.wrong = self.null = 0
        self.seconds = 0.0

    def add(self, verdict: Verdict, seconds: float) -> None:
        self.docs += 1
        self.kind_ok += verdict.kind_ok
        self.scanned_ok += verdict.scanned_ok
        self.seconds += seconds
        for outcome in verdict.fields.values():
            self.fields += 1
            self.right += outcome == "right"
            self.wrong += outcome == "wrong"
            self.null += outcome == "null"

    def row(self, name: str) -> str:
        field_acc = f"{self.right / self.fields:.3f}" if self.fields else "  -  "
        return (
            f"{name:<40} {self.docs:>4} {self.kind_ok / self.docs:>6.3f} {field_acc:>6} "
            f"{self.wrong:>5} {self.null:>5} {self.scanned_ok / self.docs:>6.3f} "
            f"{self.seconds / self.docs:>6.2f}"
        )

    def as_dict(self) -> dict:
        return {
            "docs": self.docs,
            "kind_accuracy": self.kind_ok / self.docs,
            "field_accuracy": self.right / self.fields if self.fields else None,
            "fields": self.fields,
            "wrong_not_null": self.wrong,
            "null": self.null,
            "scanned_accuracy": self.scanned_ok / self.docs,
            "seconds_per_doc": self.seconds / self.docs,
        }


def _table(title: str, tallies: dict[str, Tally]) -> None:
    print(f"\n{title}")
    print(
        f"{'':<40} {'docs':>4} {'kind':>6} {'field':>6} {'wrong':>5} {'null':>5} "
        f"{'scan':>6} {'s/doc':>6}"
    )
    for name in sorted(tallies):
        print(tallies[name].row(name))


def _field_table(results: list[tuple[Sample, dict, Verdict, float]]) -> dict:
    per_field: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sample, _, verdict, _ in results:
        for name, outcome in verdict.fields.items():
            per_field[f"{sample.kind}.{name}"][outcome] += 1
    print(f"\nper field{'':<31} {'right':>6} {'wrong':>6} {'null':>6} {'acc':>6}")
    for name in sorted(per_field):
        c = per_field[name]
        total = sum(c.values())
        print(
            f"{name:<40} {c['right']:>6} {c['wrong']:>6} {c['null']:>6} {c['right'] / total:>6.3f}"
        )
    return {k: dict(v) for k, v in per_field.items()}


def _medium(sample: Sample) -> str:
    """pdf, scan, photo or shot, from the layout name."""
    if sample.kind == "form":
        family = sample.layout.split("-")[1]
        return "pdf" if family in ("fillable", "flat") else family
    return sample.layout.rsplit("-", 1)[-1]


def _group(sample: Sample) -> str:
    """The bank of a receipt, the family of a form, the sort of another document."""
    return f"{sample.kind}/{sample.truth.get('bank') or sample.layout.split('-')[1]}"


def report(results: list[tuple[Sample, dict, Verdict, float]], out: Path, wall: float) -> dict:
    """Print the tables and write the JSON report."""
    by_layout: dict[str, Tally] = defaultdict(Tally)
    by_group: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for sample, _, verdict, seconds in results:
        medium, group = _medium(sample), _group(sample)
        for tally in (
            by_layout[sample.layout],
            by_group[group],
            total,
            by_group[f"{sample.kind}/*"],
            by_group[f"medium/{medium}"],
            by_group[f"source/{sample.kind}-{'text' if medium == 'pdf' else 'image'}"],
        ):
            tally.add(verdict, seconds)
    _table("per layout", by_layout)
    _table("per group", by_group)
    per_field = _field_table(results)
    print("\n" + total.row("TOTAL"))
    print(f"wall time {wall:.0f} s for {total.docs} documents")
    data = {
        "total": total.as_dict(),
        "wall_seconds": wall,
        "layouts": {k: v.as_dict() for k, v in by_layout.items()},
        "groups": {k: v.as_dict() for k, v in by_group.items()},
        "fields": per_field,
        "documents": [
            {
                "file": str(s.path),
                "layout": s.layout,
                "truth": s.truth,
                "got": got,
                "fields": v.fields,
                "seconds": sec,
            }
            for s, got, v, sec in results
        ],
    }
    (out / "reading-report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=160, help="documents to generate and read")
    parser.add_argument("--seed", type=int, default=20261122, help="corpus seed (tests use others)")
    parser.add_argument("--out", type=Path, help="folder for the corpus and the report")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="reader timeout per file")
    args = parser.parse_args()
    _load_reader()
    out = args.out or Path(tempfile.mkdtemp(prefix="mailbot-reading-"))
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    samples = generate(out, args.n, args.seed)
    print(f"generated {len(samples)} documents in {time.perf_counter() - start:.0f} s under {out}")
    # spawned workers: a fork would carry the generator's memory into the reader's sandbox
    with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(read_one, str(s.path), args.timeout) for s in samples]
        outputs = [f.result() for f in futures]
    results = [
        (s, got, score(s.truth, got), sec) for s, (got, sec) in zip(samples, outputs, strict=True)
    ]
    report(results, out, time.perf_counter() - start)
    print(f"report: {out / 'reading-report.json'}")


if __name__ == "__main__":
    main()
