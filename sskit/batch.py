"""Batch builds: many profiles, OUT/<profile name>/ each, in N processes.

One failing profile does not stop the others; each result says how it ended,
and the batch exit code is the most severe of them.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from sskit.build import BuildOptions, run_build
from sskit.diagnostics import ExitCode, SskitError


@dataclass(frozen=True)
class BatchResult:
    profile: str
    out: str
    exit_code: int
    documents: int = 0
    written: int = 0
    seconds: float = 0.0
    messages: tuple[str, ...] = ()


def build_one(options: BuildOptions) -> BatchResult:
    """Build one profile; every expected failure becomes a result, not an exception."""
    started = time.perf_counter()
    try:
        result = run_build(options)
    except SskitError as exc:
        return BatchResult(str(options.profile), str(options.out), int(exc.exit_code),
                           seconds=time.perf_counter() - started,
                           messages=tuple(d.format() for d in exc.diagnostics))
    except OSError as exc:  # a file system failure sskit did not foresee: this profile fails, the others go on
        return BatchResult(str(options.profile), str(options.out), int(ExitCode.OUTPUT),
                           seconds=time.perf_counter() - started,
                           messages=(f"{exc.filename or options.out}: error: {exc.strerror or exc}",))
    except Exception as exc:  # a defect of sskit: reported for this profile, never a traceback for the batch
        return BatchResult(str(options.profile), str(options.out), int(ExitCode.RENDER),
                           seconds=time.perf_counter() - started,
                           messages=(f"{options.profile}: error: internal error {type(exc).__name__}: {exc} "
                                     "(please report it)",))
    return BatchResult(str(options.profile), str(options.out), int(ExitCode.OK), len(result.statuses),
                       len(result.files), time.perf_counter() - started)


def batch_targets(profiles: list[Path], out: Path, template: BuildOptions) -> list[BuildOptions]:
    """OUT/<profile file name without .yaml> for each profile, sanitised as document file names
    are (a profile named ...yaml is built into OUT/profile, never into OUT/..)."""
    from sskit.documents import safe_name

    stems = [safe_name(p.stem, max_bytes=120, fallback="profile") for p in profiles]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise ValueError(f"several profiles are named {', '.join(duplicates)}; each needs its own OUT folder name")
    return [replace(template, profile=p, out=out / stem) for p, stem in zip(profiles, stems)]


# at most this many worker processes per CPU: a build is CPU-bound, more only costs memory
JOBS_PER_CPU = 2


def worker_count(jobs: int | None, profiles: int, cpus: int | None = None) -> int:
    """The processes a batch uses: as asked (default one per CPU), never more than there
    are profiles nor more than JOBS_PER_CPU per CPU."""
    cpus = max(1, cpus or os.cpu_count() or 1)
    return max(1, min(jobs or cpus, profiles, JOBS_PER_CPU * cpus))


def run_batch(targets: list[BuildOptions], jobs: int | None = None, on_done=None) -> list[BatchResult]:
    workers = worker_count(jobs, len(targets))
    # the PDF conversions of each profile share what the batch's processes leave of --jobs
    share = max(1, (jobs or os.cpu_count() or 1) // workers)
    targets = [replace(options, jobs=share) for options in targets]
    jobs = workers
    if jobs == 1 or len(targets) == 1:
        results = []
        for options in targets:
            results.append(build_one(options))
            if on_done:
                on_done(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = []
        for result in pool.map(build_one, targets):
            results.append(result)
            if on_done:
                on_done(result)
    return results


def batch_exit_code(results: list[BatchResult]) -> int:
    return max((r.exit_code for r in results), default=0)
