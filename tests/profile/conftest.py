"""Shared paths for the profile tests (stage 1: YAML -> Profile)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` from anywhere, without an install
    sys.path.insert(0, str(ROOT))

# Hypothesis writes failing-example patches under ./.hypothesis; keep them out
# of the work tree (the tests also run with database=None).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "sskit-hypothesis"))

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")
