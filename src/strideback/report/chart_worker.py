"""A child process that draws Vega-Lite specs to PNG, so the report's charts need not wait in line.

vl-convert starts a JavaScript engine on its first drawing (most of a second) and holds Python's lock
while it draws, so threads do not help. A one-shot process (the CLI) forks this worker as soon as it
knows it must draw: the worker starts its engine while the report's data, the analysis and the chart specs
are being prepared, then draws the specs it is sent, in order, while the parent goes on.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)
_WARM_UP = {
    "data": {"values": [{"x": 0}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def _serve(connection: Connection, scale: float) -> None:
    import vl_convert

    vl_convert.vegalite_to_png(_WARM_UP, scale=scale)  # start the engine before the first real spec
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        number, spec = request
        try:
            connection.send((number, vl_convert.vegalite_to_png(spec, scale=scale), None))
        except Exception as error:  # the parent draws it itself, and says why
            connection.send((number, None, type(error).__name__))


class ChartWorker:
    """Specs in, PNG bytes out, drawn in a forked child; `None` from `start` when forking is not safe."""

    def __init__(self, process: Any, connection: Connection) -> None:
        self._process = process
        self._connection = connection
        self._sent = 0
        self._done: dict[int, bytes | None] = {}

    @classmethod
    def start(cls, scale: float) -> ChartWorker | None:
        from strideback.services.report_analysis import can_fork

        if not can_fork() or "vl_convert" in _loaded():
            return None  # a threaded process (the web server) or one whose engine already runs draws itself
        from django.db import connections

        connections.close_all()  # a database connection never crosses a fork
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        try:
            process = context.Process(
                target=_serve, args=(theirs, scale), daemon=True, name="strideback-charts"
            )
            process.start()
        except OSError:
            log.warning("could not start the chart process; drawing here", exc_info=False)
            return None
        theirs.close()
        return cls(process, ours)

    def submit(self, spec: dict[str, Any]) -> int:
        number = self._sent
        self._connection.send((number, spec))
        self._sent += 1
        return number

    def result(self, number: int) -> bytes | None:
        """The PNG of a submitted spec (None when the worker could not draw it: draw it here)."""
        try:
            while number not in self._done:
                got, png, error = self._connection.recv()
                if error:
                    log.warning("the chart process could not draw a chart (%s)", error)
                self._done[got] = png
        except (EOFError, OSError):
            return None
        return self._done.pop(number)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._connection.send(None)
        self._connection.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()


def _loaded() -> set[str]:
    import sys

    return set(sys.modules)


_prestarted: dict[float, ChartWorker] = {}


def prestart(scale: float) -> None:
    """Start the worker now, before the caller imports the PDF libraries (the CLI, on a cache miss)."""
    if scale not in _prestarted:
        worker = ChartWorker.start(scale)
        if worker is not None:
            _prestarted[scale] = worker


def take(scale: float) -> ChartWorker | None:
    """The worker started by `prestart`, else a new one (None when this process must draw itself)."""
    return _prestarted.pop(scale, None) or ChartWorker.start(scale)
