"""`strideback report`: the PDF a clinician reads in two minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    emit_json,
    open_store,
    today_date,
    usage_error,
)

REPORT_CHART_SCALE = 2  # report.chart_images.RENDER_SCALE (not imported here: it loads the chart modules)
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_command(
        out: Annotated[Path, typer.Option("--out", help="Where to write the PDF.")],
        start: Annotated[
            str | None, typer.Option("--from", help="First day of the period (default: 26 weeks back).")
        ] = None,
        end: Annotated[
            str | None, typer.Option("--to", help="Last day of the period (default: today).")
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Write the clinician report: a one-page summary, charts, session responses, findings, notes."""
        import os

        # One BLAS thread: the analysis's matrices are small, and OpenBLAS's spinning threads made it
        # ~17x slower in CPU on a busy 2-core machine (bench/report_speed.py). Read when numpy loads,
        # which has not happened yet in this process.
        for name in BLAS_THREAD_VARIABLES:
            os.environ.setdefault(name, "1")
        from strideback.domain.dates import parse_day
        from strideback.domain.types import InvalidValue

        today = today_date()
        try:
            first = parse_day(start, today, field_name="--from") if start else None
            last = parse_day(end, today, field_name="--to") if end else None
        except InvalidValue as error:
            usage_error(str(error))
        if first and last and first > last:
            usage_error(f"--from {first} is after --to {last}; give the earlier date first")
        if out.is_dir():
            usage_error(f"--out {out} is a folder; give a file name such as report.pdf")
        person_id = open_store(home)
        from strideback.services.report_file import cached_report, write_report

        data = cached_report(person_id, today, first, last)  # unchanged: no PDF, chart or analysis imports
        if data is None:
            from strideback.report.chart_worker import prestart

            prestart(REPORT_CHART_SCALE)  # the chart engine starts while the report's data is read
            from strideback.report.build import report_pdf

            data = report_pdf(person_id, today, first, last)
        try:
            write_report(out, data)
        except OSError as error:
            usage_error(f"cannot write {out}: {error.strerror or error}")
        if as_json:
            emit_json({"path": str(out), "bytes": len(data)})
            return
        typer.echo(
            f"Report written to {out} ({len(data) // 1024} KB)."
        )  # plain: no Rich to import for one line
