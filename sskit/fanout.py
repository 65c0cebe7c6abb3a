"""Run one function over many items in forked worker processes, results in item order.

A build's documents are independent once the profile is loaded: each is rendered, parsed and
written on its own. `fork_map` shares that work between this process and `jobs - 1` forked
children, which inherit everything already loaded (no pickling of the profile or templates, no
imports again). Only the results travel back, pickled through a pipe.

- Work is handed out one item at a time: every worker (this process too) reads the next item's
  index from one shared pipe, so a long document does not hold up the others' share. A read of
  four bytes from a pipe is atomic, so no index is taken twice.
- The results are those of the serial loop, in the same order; an exception is the one the
  serial loop would have met first (the failing item with the lowest index).
- Children ignore Ctrl-C: this process reports it once and kills them. A child whose parent was
  killed outright stops before its next item. Children never write a file, print or run exit
  handlers (`os._exit`).
- Without `os.fork` (Windows), with one job or one item, the loop is the plain serial one.
"""
from __future__ import annotations

import os
import pickle
import signal
import struct
import traceback
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_INDEX = struct.Struct("<I")
MAX_ITEMS = 8192  # the indexes are written into the pipe before forking: 32 KiB, below its capacity


class WorkerFailed(RuntimeError):
    """A child process ended without sending its results (killed, or out of memory)."""


def fork_map(func: Callable[[T], R], items: Sequence[T], jobs: int, first: Sequence[int] = ()) -> list[R]:
    """`func` over `items` in up to `jobs` processes. `first`: indexes to hand out before the
    others (the longest work, so that it does not start last and hold up the end)."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or not hasattr(os, "fork") or len(items) > MAX_ITEMS:
        return [func(item) for item in items]
    leading = list(dict.fromkeys(i for i in first if 0 <= i < len(items)))
    taken = set(leading)
    order = leading + [i for i in range(len(items)) if i not in taken]
    tickets_r, tickets_w = os.pipe()
    try:
        os.write(tickets_w, b"".join(_INDEX.pack(i) for i in order))
    finally:
        os.close(tickets_w)  # before forking: once the indexes are taken, every reader sees the end
    children: list[tuple[int, int]] = []  # (pid, read end of its result pipe)
    try:
        me = os.getpid()
        for _ in range(jobs - 1):
            result_r, result_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: work, send, leave without cleanup of the parent's state
                os.close(result_r)
                _child(func, items, tickets_r, result_w, me)
            os.close(result_w)
            children.append((pid, result_r))
        done = _work(func, items, tickets_r)
        for pid, result_r in children:
            with os.fdopen(result_r, "rb") as stream:
                try:
                    got = pickle.load(stream)
                except Exception as exc:  # noqa: BLE001 - cut short, or a result that cannot be rebuilt
                    raise WorkerFailed(f"a worker process ended without its results ({exc})") from None
            done.update(got)
        children = [(pid, -1) for pid, _ in children]
    finally:
        os.close(tickets_r)
        for pid, result_r in children:
            if result_r >= 0:  # not read: the parent is failing (or interrupted); end the child now
                _close(result_r)
                _kill(pid)
            _reap(pid)
    failed = sorted(i for i, (ok, _) in done.items() if not ok)
    if failed:
        raise done[failed[0]][1]
    if len(done) != len(items):  # pragma: no cover - every index is read by some worker
        raise WorkerFailed(f"{len(items) - len(done)} of {len(items)} items were not done")
    return [done[i][1] for i in range(len(items))]


def _work(func, items, tickets: int, parent: int = 0) -> dict[int, tuple[bool, object]]:
    """Take indexes until none is left: {index: (True, result) or (False, exception)}. A child
    (`parent`: the pid that forked it) stops taking work once that process is gone."""
    done: dict[int, tuple[bool, object]] = {}
    while True:
        if parent and os.getppid() != parent:  # the build was killed: nobody will read the results
            os._exit(1)
        raw = os.read(tickets, _INDEX.size)
        if not raw:
            return done
        (index,) = _INDEX.unpack(raw)
        try:
            done[index] = (True, func(items[index]))
        except Exception as exc:  # reported in item order by the parent
            done[index] = (False, exc)


def _child(func, items, tickets: int, result: int, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent says "interrupted" once and ends us
    code = 0
    try:
        done = _work(func, items, tickets, parent)
        try:
            payload = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an unpicklable exception: send its text instead
            payload = pickle.dumps({i: (ok, value if ok else RuntimeError("".join(
                traceback.format_exception(value)))) for i, (ok, value) in done.items()},
                protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(result, "wb") as stream:
            stream.write(payload)
    except BaseException:  # noqa: BLE001 - nothing may escape into the parent's code
        code = 1
    finally:
        os._exit(code)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
