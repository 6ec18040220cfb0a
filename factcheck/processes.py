"""Worker processes: how many cores this process may use, and what a worker does with Ctrl-C."""

from __future__ import annotations

import os
import sys


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else every core)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked, sharing what this process has loaded (Linux; not macOS, not Windows)."""
    return sys.platform.startswith("linux")


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them and keeps the index consistent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
