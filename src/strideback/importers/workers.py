"""The import's process pool: its start method, and workers that never outlive the importing process."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time


def die_with_parent(parent: int) -> None:
    """In each pool worker: end when the importing process ends, even by kill -9.

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere, and as
    a second line, a thread notices the worker was orphaned (its parent id changes) and exits.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="strideback-orphan-watch", daemon=True).start()


def pool_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])
