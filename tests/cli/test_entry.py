"""The entry point's Ctrl-C contract holds also when the interrupt lands while a module is making
a class: Python then wraps the handler's SystemExit in a RuntimeError (seen once as a traceback in
tests/regen/test_crash_safety.py's random-moment test)."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(body: str) -> subprocess.CompletedProcess:
    """`sskit` with its command replaced by `body` (the body of a function)."""
    code = ("import sskit.cli\n\n\ndef main():\n" + textwrap.indent(textwrap.dedent(body).strip(), "    ")
            + "\n\n\nsskit.cli.main = main\nfrom sskit.entry import run\nrun()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_an_interrupt_while_a_class_is_made_exits_130_with_one_line():
    done = _run("""
        import dataclasses, os, signal
        class Hook:
            def __set_name__(self, owner, name):
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the class is made
        @dataclasses.dataclass
        class Late:
            value: object = Hook()
    """)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().splitlines() == ["interrupted"]


def test_any_other_error_still_propagates():
    done = _run("raise RuntimeError('a defect')")
    assert done.returncode == 1 and "RuntimeError: a defect" in done.stderr


def test_an_interrupt_inside_a_finalizer_is_not_swallowed():
    """A Ctrl-C that lands in a finalizer or in the import system's weak-reference callback would be
    printed as "Exception ignored in …" with a traceback, and the program would go on: the signal
    comes again once the callback has returned, and the command still ends with exit 130."""
    done = _run("""
        import os, signal, time
        class Finalized:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the finalizer runs
                time.sleep(0.2)  # the signal is handled here, inside __del__
        Finalized()  # freed at once: __del__ runs
        time.sleep(5)  # the re-sent signal ends the command here, long before this ends
        raise RuntimeError('not interrupted')
    """)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "ignored" not in done.stderr
    assert done.stderr.strip().splitlines() == ["interrupted"]


def test_the_import_systems_lock_callback_counts_as_a_finalizer():
    from sskit.entry import _swallowed_here

    code = compile("def cb():\n    import sys\n    return sys._getframe()\n", "<frozen importlib._bootstrap>", "exec")
    space: dict = {}
    exec(code, space)
    assert _swallowed_here(space["cb"]())
    assert not _swallowed_here(sys._getframe())
