"""Synthetic, noisy corpus of bank receipts, e-imza forms and other documents with their truth."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One generated file and what a perfect reader reports for it."""

    path: Path  # the generated file (.pdf, .png, .jpg)
    kind: str  # "receipt" | "form" | "other"
    layout: str  # e.g. "halkbank-amir-pdf", "form-scan-hand"
    truth: dict  # expected `mailbot parse --json` values; None where absent


def sample_rng(seed: int, index: int, family: str) -> random.Random:
    """An independent, deterministic random stream per generated file."""
    return random.Random(f"{family}:{seed}:{index}")
