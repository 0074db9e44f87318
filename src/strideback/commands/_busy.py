"""The CLI when the database stays busy: one retry, then one line saying what to do (never a traceback)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

RETRY_AFTER_SECONDS = 3


def _busy(error: BaseException) -> bool:
    from django.db import OperationalError

    return isinstance(error, OperationalError) and "locked" in str(error).lower()


def run_with_retry(app: Callable[[], object]) -> None:
    """Run the command; a write refused because the database is locked (rolled back) is tried once more."""
    for attempt in (1, 2):
        try:
            app()
            return
        except SystemExit:
            raise
        except Exception as error:
            if not _busy(error):
                raise
            if attempt == 1:
                time.sleep(RETRY_AFTER_SECONDS)
                continue
            sys.stderr.write(
                "strideback: the database is busy (an import or a restore is writing); nothing was saved. "
                "Run the same command again in a minute.\n"
            )
            sys.exit(1)
