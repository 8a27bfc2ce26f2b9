"""Write a corpus to a folder with its truth: python -m tests.corpus OUT [--n 60] [--seed 1]."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.corpus import forms, others, receipts

KINDS = {"receipt": receipts, "form": forms, "other": others}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=60, help="documents of each kind asked for")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default="receipt,form,other")
    args = parser.parse_args()
    lines = []
    for kind in args.kinds.split(","):
        for sample in KINDS[kind].generate(args.out / kind, args.n, args.seed):
            lines.append(
                json.dumps(
                    {"file": str(sample.path), "layout": sample.layout, "truth": sample.truth},
                    ensure_ascii=False,
                )
            )
    (args.out / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents; truth in {args.out / 'truth.jsonl'}")


if __name__ == "__main__":
    main()
