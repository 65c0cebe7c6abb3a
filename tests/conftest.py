"""Shared fixtures: the repository's own profiles and a minimal one; page counts by LibreOffice."""
from __future__ import annotations

import re
import shutil
import subprocess
import uuid
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


@pytest.fixture
def page_counts(tmp_path):
    """page_counts({name: docx bytes}) -> {name: pages}, laid out by LibreOffice in one run."""
    soffice = shutil.which("soffice")
    if soffice is None:  # .ci/run installs LibreOffice; a desk without it cannot lay out pages
        pytest.skip("soffice not installed: LibreOffice is needed to count pages")

    def count(files: dict) -> dict:
        sources = []
        for name, data in files.items():
            source = tmp_path / f"{name}.docx"
            source.write_bytes(data)
            sources.append(str(source))
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / uuid.uuid4().hex}",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), *sources],
                       check=True, capture_output=True, timeout=600)
        return {name: len(re.findall(rb"/Type\s*/Page(?![s\w])", (tmp_path / f"{name}.pdf").read_bytes()))
                for name in files}

    return count
