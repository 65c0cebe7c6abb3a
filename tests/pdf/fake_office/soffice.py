"""Plays soffice: "listens" on the pipe named by --accept (writes its process id to PIPE.pid
in the working folder) and runs until it is told to end (SIGTERM) or killed; after ten
minutes at the latest, should a broken sskit leave it behind."""
import os
import re
import signal
import sys
import time

pipe = next(re.search(r"name=([^;]+)", arg).group(1) for arg in sys.argv[1:] if arg.startswith("--accept="))
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
with open(f"{pipe}.pid.part", "w") as fh:
    fh.write(str(os.getpid()))
os.replace(f"{pipe}.pid.part", f"{pipe}.pid")
time.sleep(600)
