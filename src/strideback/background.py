"""Background work in local mode (issue #12): a `django-tasks` backend that runs each task in a thread.

Local mode has one process and no worker, so a task runs in a daemon thread of the process that queued it
(the dashboard's server); the request that queued it returns at once. Identical tasks already queued or
running are not queued twice. Server mode uses `django_tasks_db.DatabaseBackend` and `strideback worker`.
"""

from __future__ import annotations

import threading
from typing import Any

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_pending: set[tuple[str, str]] = set()
_guard = threading.Lock()


class ThreadBackend(ImmediateBackend):
    """Like the immediate backend, but in a daemon thread; duplicates of a pending task are dropped."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result: TaskResult = TaskResult(
            task=task, id=get_random_id(), status=TaskResultStatus.READY, enqueued_at=None, started_at=None,
            last_attempted_at=None, finished_at=None, args=args, kwargs=kwargs, backend=self.alias, errors=[],
            worker_ids=[],
        )  # fmt: skip
        key = (task.module_path, repr((args, sorted(kwargs.items()))))
        with _guard:
            if key in _pending:
                return result
            _pending.add(key)
        threading.Thread(target=self._run, args=(result, key), daemon=True, name="strideback-task").start()
        return result

    def _run(self, result: TaskResult, key: tuple[str, str]) -> None:
        from django.db import connection

        try:
            self._execute_task(result)
        finally:
            with _guard:
                _pending.discard(key)
            connection.close()  # this thread's own database connection
