"""Atomic file writes: write a temporary sibling, fsync, then rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


# the journal of a build's renames in OUT (sskit.output.writer); here so that the light
# no-change check (sskit.regen.quick) can see a pending one without importing the writer
JOURNAL = ".sskit-journal.json"
# the names of what sskit keeps in OUT, here so that the CLI can name them without pydantic
MANIFEST_NAME = "sskit-manifest.json"
# the folders inside OUT that sskit writes into (nothing else ever goes below OUT)
WITHDRAWN_DIR = "作废"
REDLINE_DIR = "修订对照"
SUBFOLDERS = (WITHDRAWN_DIR, REDLINE_DIR)


def write_atomic(target: Path, data: bytes) -> None:
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
