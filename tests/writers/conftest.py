"""Fixtures for the writer tests: the sample document, written once per session."""
from __future__ import annotations

import dataclasses

import pytest

from sskit.markup import parse_markdown
from sskit.writers.docx import write_docx

from writer_samples import META, SAMPLE_MD, Package


@pytest.fixture(scope="session")
def sample_blocks():
    return parse_markdown(SAMPLE_MD)


@pytest.fixture(scope="session")
def sample_docx(sample_blocks) -> Package:
    return Package(write_docx(META, sample_blocks))


@pytest.fixture
def write():
    """write(markdown, **meta overrides) -> Package"""

    def _write(markdown: str, **overrides) -> Package:
        return Package(write_docx(dataclasses.replace(META, **overrides), parse_markdown(markdown)))

    return _write
