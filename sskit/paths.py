"""Where templates come from (no Jinja import: the quick no-change check uses it)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional


def builtin_template_dir() -> Path:
    here = Path(__file__).resolve().parent  # the sskit package
    shipped = here / "_templates"  # inside an installed wheel
    return shipped if shipped.is_dir() else here.parent / "templates"


def override_dirs(profile_path: Path, template_dir: Optional[Path]) -> tuple[Path, ...]:
    """--templates DIR first, then a templates/ folder beside the profile."""
    overrides = []
    if template_dir:
        overrides.append(Path(template_dir).resolve())
    beside = Path(profile_path).resolve().parent / "templates"
    if beside.is_dir():
        overrides.append(beside)
    return tuple(overrides)
