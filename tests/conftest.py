"""Shared fixtures: the repository's own profiles and a minimal one."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))


@pytest.fixture
def minimal_path() -> Path:
    return FIXTURES / "minimal.yaml"


@pytest.fixture
def minimal_text(minimal_path) -> str:
    return minimal_path.read_text(encoding="utf-8")
