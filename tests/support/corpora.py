"""The opt-in public corpora ($MAILBOT_CORPUS_DIR): a folder of them, or a clean skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def corpus_folder(*parts: str) -> Path:
    """$MAILBOT_CORPUS_DIR/<parts>, or skip the test (CI sets it to ../shared/corpora)."""
    root = os.environ.get("MAILBOT_CORPUS_DIR")
    if not root:
        pytest.skip("MAILBOT_CORPUS_DIR is not set (CI sets it to ../shared/corpora)")
    folder = Path(root).joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"{folder} does not exist")
    return folder
