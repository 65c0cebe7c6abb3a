"""The `sskit` command's entry point: Ctrl-C ends any stage with exit 130 and one line,
never a traceback or click's "Aborted!" (exit 1). The handler is installed before the
command's modules are imported, so start-up is covered too."""
from __future__ import annotations

import gc
import signal
import sys


REDELIVER_SECONDS = 0.02
_fired = False  # the handler has said "interrupted" and raised SystemExit(130)


def _interrupted(signum, frame) -> None:
    if _swallowed_here(frame):
        # Python would print the SystemExit as "Exception ignored in …" with a traceback and go on:
        # the signal comes again a moment later, once this callback has returned
        import os
        import threading

        timer = threading.Timer(REDELIVER_SECONDS, os.kill, (os.getpid(), signal.SIGINT))
        timer.daemon = True
        timer.start()
        return
    global _fired
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the exit
    sys.stderr.write("interrupted\n")
    _fired = True
    raise SystemExit(130)


def _swallowed_here(frame) -> bool:
    """Whether an exception raised now would be printed and ignored instead of ending the program:
    inside a finalizer (`__del__`) or the import system's weak-reference callback that frees a
    module lock."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "__del__" or (code.co_name == "cb" and code.co_filename.startswith("<frozen importlib")):
            return True
        frame = frame.f_back
    return False


def _by_interrupt(error: BaseException) -> bool:
    """Whether the handler's SystemExit(130) caused `error`: Python wraps an exception raised
    while a class is being made (a Ctrl-C while a module defines a dataclass) in RuntimeError,
    and pydantic-core turns one raised while it builds a model's validator into a SchemaError
    that keeps only its text; once the handler has fired, whatever fails next is its doing."""
    if _fired:
        return True
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, SystemExit) and error.code == 130:
            return True
        error = error.__cause__ or error.__context__
    return False


def run() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        # importing makes a few hundred thousand objects (classes, the models' validators) and frees
        # almost none: the cyclic collector would walk them over and over (about a tenth of a small
        # build's time). A build keeps it paused (build.collector_paused); other commands get it back.
        gc.disable()
        try:
            from sskit.cli import main
        finally:
            gc.enable()
        main()
    except Exception as error:
        if _by_interrupt(error):  # "interrupted" is said already
            raise SystemExit(130) from None
        raise
    finally:
        # the work is done (or has failed and said so): a Ctrl-C now must not kill the interpreter
        # while it shuts down, after it has put back the default handler (exit -2, no message)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
