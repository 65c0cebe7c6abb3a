"""Where a build's time goes, stage by stage: a full build, then a one-outlet-change rebuild.

    python bench/stages.py --size L                       # this checkout
    python bench/stages.py --size L --source /tmp/base    # another tree (git archive REV | tar -x)

Each build runs in this process (jobs 1, Word files only) with its stages wrapped by timers:
the CPU seconds (time.process_time) spent in each, inclusive, and how often it ran. No
profiler, so the figures add up to the build's own; stages nest (plan_build holds the
rendering), so the column does not sum. The rebuild reuses the templates the full build
compiled in this process. A measurement script, not a test.
"""
from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# (module, function): every module that imported the function by name gets the timed one
STAGES = [
    ("sskit.compliance", "check_profile"), ("sskit.regen.quick", "raw_inputs_digest"),
    ("sskit.output.manifest", "read_manifest"), ("sskit.output.content", "read_content"),
    ("sskit.regen.plan", "plan_build"), ("sskit.regen.plan", "_old_profile"),
    ("sskit.regen.diff", "profile_diff"), ("sskit.regen.reuse", "reusable"),
    ("sskit.pipeline", "render_document_set"), ("sskit.render", "render_template"),
    ("sskit.pipeline", "restamp"), ("sskit.markup", "parse_markdown"),
    ("sskit.writers.docx", "write_docx"), ("sskit.writers.docx.tables", "fit_columns"),
    ("sskit.regen.plan", "_redlines"), ("sskit.markup.redline", "redline_blocks"),
    ("sskit.regen.plan", "rename_notes"), ("sskit.regen.plan", "_content_file"),
    ("sskit.output.writer", "write_document_set"),
]


def _timed(totals: dict, name: str, function):
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = totals.setdefault(name, [0.0, 0])
            spent[0] += time.process_time() - start
            spent[1] += 1
    return timed


def instrument(totals: dict) -> None:
    for module_name, name in STAGES:
        function = getattr(importlib.import_module(module_name), name)
        timed = _timed(totals, name, function)
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("sskit") and getattr(module, name, None) is function:
                setattr(module, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="L", help="a size of bench/generate.py (default L)")
    parser.add_argument("--source", type=Path, help="the source tree to import sskit from (default: this one)")
    args = parser.parse_args()
    if args.source:
        sys.path.insert(0, str(args.source.resolve()))
    started = time.process_time()
    from sskit.build import BuildOptions, run_build
    imported = time.process_time() - started

    from bench.generate import build as build_profile, dump
    from bench.rebuild import _renamed

    work = Path(tempfile.mkdtemp(prefix="sskit-stages-"))
    try:
        profile = work / f"{args.size}.yaml"
        profile.write_text(dump(build_profile(args.size)), encoding="utf-8")
        renamed = _renamed(profile, work / f"{args.size}-renamed.yaml")
        out = work / "out"
        print(f"size {args.size}; sskit from {sys.modules['sskit.build'].__file__}; imports {imported:.2f} s cpu")
        totals: dict = {}
        instrument(totals)
        for what, source in (("full build", profile), ("one-outlet rebuild", renamed)):
            totals.clear()
            start = time.process_time()
            run_build(BuildOptions(source, out, formats=("docx",), jobs=1))
            whole = time.process_time() - start
            print(f"{what}: {whole:.2f} s cpu")
            for name, (seconds, calls) in totals.items():
                print(f"  {name:<22} {seconds:6.3f} s  x{calls}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
