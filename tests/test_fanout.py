"""sskit.fanout.fork_map: the serial loop's results and first error, from forked processes."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from sskit.diagnostics import Diagnostic, ExitCode, SskitError
from sskit.fanout import WorkerFailed, fork_map

PARENT = os.getpid()


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.02)
    return n * n, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_are_the_serial_loops_in_item_order(jobs):
    got = fork_map(_slow_square, list(range(20)), jobs)
    assert [square for square, _ in got] == [n * n for n in range(20)]
    workers = {pid for _, pid in got}
    assert PARENT in workers
    # one item at a time from a shared queue: with 20 slow items every process takes some
    assert len(workers) == jobs
    assert _no_children_left()


def test_one_item_or_one_job_stays_in_this_process():
    assert fork_map(_slow_square, [3], 4) == [(9, PARENT)]
    assert {pid for _, pid in fork_map(_slow_square, [1, 2, 3], 1)} == {PARENT}


def _fails_on(bad: set):
    def work(n: int) -> int:
        time.sleep(0.01)
        if n in bad:
            raise ValueError(n)
        return n
    return work


def test_the_error_raised_is_the_first_in_item_order_wherever_it_happened():
    # item 9 fails in whichever process takes it, item 15 too: the serial loop would stop at 9
    with pytest.raises(ValueError) as caught:
        fork_map(_fails_on({15, 9}), list(range(20)), 2)
    assert caught.value.args == (9,)
    assert _no_children_left()


def _sskit_error_in_child(n: int) -> int:
    if os.getpid() != PARENT:
        raise SskitError([Diagnostic("templates/x.md.j2", 3, 1, f"bad value {n}", hint="fix it")],
                         ExitCode.RENDER)
    time.sleep(0.05)  # leave the other items to the child
    return n


def test_a_childs_sskit_error_arrives_whole():
    with pytest.raises(SskitError) as caught:
        fork_map(_sskit_error_in_child, list(range(6)), 2)
    error = caught.value
    assert error.exit_code == ExitCode.RENDER
    [diag] = error.diagnostics
    assert (diag.file, diag.line, diag.col, diag.hint) == ("templates/x.md.j2", 3, 1, "fix it")
    assert diag.message.startswith("bad value ")


class _Unpicklable(Exception):
    def __init__(self, n):
        super().__init__(n)
        self.handle = lambda: n  # a lambda cannot be pickled


def _unpicklable_in_child(n: int) -> int:
    if os.getpid() != PARENT:
        raise _Unpicklable(n)
    time.sleep(0.05)
    return n


def test_an_exception_that_cannot_be_pickled_comes_back_as_its_text():
    with pytest.raises(RuntimeError, match="_Unpicklable"):
        fork_map(_unpicklable_in_child, list(range(6)), 2)
    assert _no_children_left()


def _child_dies(n: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # killed, out of memory: no results sent
    time.sleep(0.05)
    return n


def test_a_child_that_dies_is_an_error_not_missing_results():
    with pytest.raises(WorkerFailed, match="ended without its results"):
        fork_map(_child_dies, list(range(6)), 2)
    assert _no_children_left()


def test_an_interrupted_parent_kills_its_children(tmp_path):
    pids = tmp_path / "pids"

    def work(n: int) -> int:
        if os.getpid() == PARENT:
            time.sleep(0.2)  # the child has started on its items by now
            raise SystemExit(130)  # what the Ctrl-C handler raises
        with open(pids, "a") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(30)
        return n

    started = time.monotonic()
    with pytest.raises(SystemExit):
        fork_map(work, list(range(4)), 2)
    assert time.monotonic() - started < 10  # not held up by the child's sleep
    [child] = {int(line) for line in pids.read_text().split()}
    assert child != PARENT
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # killed and reaped
    assert _no_children_left()


def test_children_ignore_ctrl_c_and_the_parent_keeps_its_handler():
    def work(n: int) -> str:
        time.sleep(0.02)
        handler = signal.getsignal(signal.SIGINT)
        return "parent" if os.getpid() == PARENT else ("ignored" if handler == signal.SIG_IGN else "other")

    before = signal.getsignal(signal.SIGINT)
    got = fork_map(work, list(range(12)), 2)
    assert set(got) == {"parent", "ignored"}
    assert signal.getsignal(signal.SIGINT) == before


def test_the_items_named_first_are_handed_out_first():
    """With one process the serial loop runs; with two, the items in `first` are taken before the
    others, whatever their place: item 5 (slow) starts at once and the results keep item order."""
    def work(n: int) -> tuple[int, float]:
        if n == 5:
            time.sleep(0.3)
        return n, time.monotonic()

    begin = time.monotonic()
    got = fork_map(work, list(range(6)), 2, first=[5])
    assert [n for n, _ in got] == list(range(6))
    # the slow item ran first: started at once, so it ended about 0.3 s after the start,
    # while the other process did items 0-4 meanwhile
    assert got[5][1] - begin < 0.3 + 0.25
    assert max(t for n, t in got if n != 5) < got[5][1]


def test_a_child_stops_taking_work_when_its_parent_is_killed(tmp_path):
    """A build killed with SIGKILL cannot end its children: each stops before its next item
    instead of rendering the rest of the set for nobody (and holding OUT's lock meanwhile)."""
    import subprocess
    import sys
    import textwrap

    log = tmp_path / "done"
    script = textwrap.dedent(f"""
        import os, time
        from sskit.fanout import fork_map
        parent = os.getpid()
        def work(n):
            if os.getpid() == parent:
                time.sleep(60)  # the parent is killed while it sleeps here
            time.sleep(0.3)
            with open({str(log)!r}, "a") as out:
                out.write(f"{{n}} {{os.getpid()}}\\n")
            return n
        fork_map(work, list(range(40)), 2)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while not (log.exists() and log.read_text().count("\n") >= 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    time.sleep(1.5)  # the child finishes the item it is on (0.3 s), then notices
    lines = log.read_text().split("\n")
    child = int(lines[0].split()[1])
    assert len([line for line in lines if line]) < 15  # not the 39 items left to it
    assert _ended(child)


def _ended(pid: int) -> bool:
    """Gone, or a zombie waiting for a reaper (an orphan's new parent may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_a_build_forks_at_most_one_process_per_eight_documents(monkeypatch):
    """Many CPUs and few documents: no process is started for one or two documents each."""
    from types import SimpleNamespace

    import sskit.fanout
    import sskit.pipeline as pipeline

    asked = []

    def fake_fork_map(func, items, jobs, first=()):
        asked.append(jobs)
        return [func(item) for item in items]

    monkeypatch.setattr(sskit.fanout, "fork_map", fake_fork_map)
    doc = SimpleNamespace(markdown="", blocks=(), files={"a.docx": b""}, stem="a", reads=frozenset())

    def specs(n):
        return [SimpleNamespace(key=f"k{i}", weight=lambda profile: 1) for i in range(n)]

    for count, jobs, expected in ((20, 64, [2]), (7, 64, []), (100, 4, [4]), (100, 1, [])):
        asked.clear()
        made = pipeline._map_documents(lambda spec: doc, specs(count), {f"k{i}": None for i in range(count)},
                                       jobs, profile=None)
        assert len(made) == count and asked == expected, (count, jobs)
