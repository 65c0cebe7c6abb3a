"""Profile loading at scale: load, `sskit check` and `sskit build` of large profiles, each as
a new process, with wall time, CPU time and peak RSS (medians of --repeat runs).

    python bench/generate.py /tmp/bench --size L --size XL
    python bench/loadscale.py /tmp/bench/L.yaml /tmp/bench/XL.yaml
    python bench/loadscale.py /tmp/bench/XL.yaml --yamlsource /tmp/old_yamlsource.py   # side by side

--yamlsource FILE runs every command a second time with FILE in place of
sskit/profile/yamlsource.py (e.g. a copy of an earlier version), so both are measured in
the same run on the same machine. The machine's load average is printed: on a busy machine
the wall times stretch and the CPU times are the better comparison.
It is a measurement script, not a test: it asserts nothing but the exit codes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD = ("import sys; from sskit.profile import read_profile_with_source; "
        "read_profile_with_source(sys.argv[1])")


def child_main(yamlsource: str, argv: list[str]) -> None:
    """In the child: put `yamlsource` in place of sskit.profile.yamlsource, then run argv."""
    import importlib.util
    import runpy

    if yamlsource != "-":
        spec = importlib.util.spec_from_file_location("sskit.profile.yamlsource", yamlsource)
        module = importlib.util.module_from_spec(spec)
        sys.modules["sskit.profile.yamlsource"] = module
        spec.loader.exec_module(module)
    if argv[0] == "load":
        sys.argv = ["load", *argv[1:]]
        exec(LOAD)
    else:
        sys.argv = ["sskit", *argv]
        runpy.run_module("sskit", run_name="__main__")


def measure(args: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS MB) of one child process; exits when it fails."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profiles", nargs="+", type=Path)
    parser.add_argument("--yamlsource", type=Path, help="a second yamlsource.py to measure side by side")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    variants = [("current", "-")] + ([(args.yamlsource.name, str(args.yamlsource.resolve()))] if args.yamlsource else [])
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        for profile in args.profiles:
            for stage in ("load", "check", "build"):
                for name, yamlsource in variants:
                    runs = []
                    for _ in range(args.repeat):
                        out = Path(tmp) / "out"
                        shutil.rmtree(out, ignore_errors=True)
                        cmd = {"load": ["load", str(profile)], "check": ["check", str(profile)],
                               "build": ["build", str(profile), "-o", str(out), "-q"]}[stage]
                        runs.append(measure([sys.executable, __file__, "--child", yamlsource, *cmd]))
                    wall, cpu, rss = (statistics.median(r[i] for r in runs) for i in range(3))
                    print(f"{profile.name:10s} {stage:6s} {name:22s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
                          f"peak RSS {max(r[2] for r in runs):5d} MB")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child_main(sys.argv[2], sys.argv[3:])
    else:
        main()
