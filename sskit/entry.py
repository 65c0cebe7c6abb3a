"""The `sskit` command's entry point: Ctrl-C ends any stage with exit 130 and one line,
never a traceback or click's "Aborted!" (exit 1). The handler is installed before the
command's modules are imported, so start-up is covered too."""
from __future__ import annotations

import signal
import sys


def _interrupted(signum, frame) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the exit
    sys.stderr.write("interrupted\n")
    raise SystemExit(130)


def run() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        from sskit.cli import main

        main()
    finally:
        # the work is done (or has failed and said so): a Ctrl-C now must not kill the interpreter
        # while it shuts down, after it has put back the default handler (exit -2, no message)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
