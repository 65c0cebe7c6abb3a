"""LibreOffice can open and lay out the file (skipped where soffice is not installed)."""
from __future__ import annotations

import shutil
import subprocess
import uuid

import pytest


def test_libreoffice_converts_sample_to_pdf(sample_docx, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice not installed: LibreOffice is needed to check layout")
    source = tmp_path / "sample.docx"
    source.write_bytes(sample_docx.data)
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "sample.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
