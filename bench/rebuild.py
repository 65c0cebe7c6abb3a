"""Full build, one-outlet-change rebuild and no-change rebuild, side by side with a baseline.

    python bench/rebuild.py --size L                      # this checkout only
    python bench/rebuild.py --size L --baseline 40126ff   # and a git revision, in the same run
    python bench/rebuild.py --size L --baseline-dir /tmp/base   # or a tree unpacked from one
                                                                 # (git archive REV | tar -x -C /tmp/base)

Each measurement is a new `python -m sskit build` process (interpreter start included), timed
by wall clock and by the CPU time the child used (user + system). The rounds alternate between
the implementations, so a busy machine slows both alike; the medians and their ratios are
printed with the raw figures. The rebuild renames one outlet (the first one) in a copy of the
profile. A measurement script, not a test: it asserts only that every build exits 0.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.generate import compile_tree  # noqa: E402


def _run(source: Path, profile: Path, out: Path, extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """(wall, cpu) seconds of one build as a new process importing sskit from `source`."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # run from OUT's parent: `python -m` puts the working directory first on the path, which
    # must not be a checkout other than `source`
    done = subprocess.run([sys.executable, "-m", "sskit", "build", str(profile), "-o", str(out), "-q", *extra],
                          env=env, capture_output=True, text=True, cwd=out.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed ({source}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _renamed(profile: Path, target: Path) -> Path:
    """A copy of the profile with its first outlet renamed."""
    lines = profile.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "outlets:")
    for i in range(start, len(lines)):
        stripped = lines[i].lstrip(" -")
        if stripped.startswith("name: "):
            lines[i] = lines[i].rstrip("\n") + "（新址）\n"
            break
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _checkout(rev: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), rev], check=True,
                   capture_output=True)
    return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="L", help="a size of bench/generate.py (default L)")
    parser.add_argument("--baseline", help="a git revision to measure side by side")
    parser.add_argument("--baseline-dir", type=Path,
                        help="a source tree to measure side by side (no git worktree is made)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sskit-rebuild-"))
    try:
        sources = {"current": ROOT}
        extra: tuple[str, ...] = ()
        generator = HERE
        if args.baseline or args.baseline_dir:
            # both read the profile the baseline's generator writes (an older sskit refuses fields
            # added since); today's readiness rules may find errors in it, so both build anyway
            sources["baseline"] = (_checkout(args.baseline, work / "baseline") if args.baseline
                                   else args.baseline_dir.resolve())
            generator = sources["baseline"] / "bench"
            extra = ("--allow-errors",)
        for source in sources.values():  # both measured as installed: with bytecode
            compile_tree(source)
        made = work / "profiles"
        subprocess.run([sys.executable, str(generator / "generate.py"), str(made), "--size", args.size],
                       check=True, capture_output=True)
        profile = made / f"{args.size}.yaml"
        renamed = _renamed(profile, work / f"{args.size}-renamed.yaml")
        figures: dict[str, dict[str, list[tuple[float, float]]]] = {
            name: {"full": [], "one-outlet": [], "no-change": []} for name in sources}
        for round_ in range(args.rounds):
            for name, source in sources.items():
                out = work / f"out-{name}-{round_}"
                figures[name]["full"].append(_run(source, profile, out, extra))
                figures[name]["one-outlet"].append(_run(source, renamed, out, extra))
                figures[name]["no-change"].append(_run(source, renamed, out, extra))
        print(f"size {args.size}, {args.rounds} rounds, {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f} at the end")
        medians = {}
        for name, runs in figures.items():
            for what, pairs in runs.items():
                wall = statistics.median(p[0] for p in pairs)
                cpu = statistics.median(p[1] for p in pairs)
                medians[name, what] = (wall, cpu)
                raw = ", ".join(f"{w:.2f}/{c:.2f}" for w, c in pairs)
                print(f"  {name:<9} {what:<11} median wall {wall:6.2f} s  cpu {cpu:6.2f} s   (wall/cpu: {raw})")
        for name in sources:
            full = medians[name, "full"][1]
            print(f"  {name}: one-outlet rebuild {medians[name, 'one-outlet'][1] / full:.2f}x of a full build, "
                  f"no-change {medians[name, 'no-change'][1] / full:.2f}x (cpu)")
        if "baseline" in sources:
            for what in ("full", "one-outlet"):
                print(f"  {what}, current / baseline: "
                      f"{medians['current', what][1] / medians['baseline', what][1]:.2f} (cpu), "
                      f"{medians['current', what][0] / medians['baseline', what][0]:.2f} (wall)")
    finally:
        if args.baseline:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(work / "baseline")],
                           capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
