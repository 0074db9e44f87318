"""Import in the web (issue 15): the chosen files listed first, the import in the background with its
progress, and a result page per import that stays (`/imports/<id>`)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from strideback.web.views._common import page, person_id

MAX_CHOSEN = 5000


def _background() -> bool:
    """Imports run in a thread of their own, as background tasks do; where tasks do not run in the
    background (the tests' dummy or immediate backend) they run in the request, unless
    STRIDEBACK_IMPORT_IN_BACKGROUND says otherwise."""
    chosen = getattr(settings, "STRIDEBACK_IMPORT_IN_BACKGROUND", None)
    if chosen is not None:
        return bool(chosen)
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    return not backend.endswith(("DummyBackend", "ImmediateBackend"))


def _run(request: HttpRequest, run_id: str):  # type: ignore[no-untyped-def]
    from strideback.services.import_runs import load_run

    run = load_run(person_id(request), run_id)
    if run is None:
        raise Http404("No such import.")
    return run


def _urls(run_id: str) -> dict[str, str]:
    return {
        "id": run_id,
        "files_url": reverse("import_files", kwargs={"run_id": run_id}),
        "start_url": reverse("import_start", kwargs={"run_id": run_id}),
        "page_url": reverse("import_result", kwargs={"run_id": run_id}),
        "progress_url": reverse("import_progress", kwargs={"run_id": run_id}),
    }


@require_POST
def import_new(request: HttpRequest) -> JsonResponse:
    """A new import of the files the person chose (their names, one a line); answers its URLs."""
    from strideback.services.import_runs import new_run

    chosen = [n for n in request.POST.get("chosen", "").splitlines() if n.strip()]
    if not chosen or len(chosen) > MAX_CHOSEN:
        message = (
            "Choose at least one file to import."
            if not chosen
            else f"At most {MAX_CHOSEN} files at once; upload the export as one .zip instead."
        )
        return JsonResponse({"error": message}, status=400)
    run = new_run(person_id(request), chosen)
    return JsonResponse(_urls(run.id))


@require_POST
def import_files(request: HttpRequest, run_id: str) -> JsonResponse:
    """A part of the run's files (the page sends a folder in parts)."""
    from strideback.services.import_runs import receive

    run = _run(request, run_id)
    uploads = request.FILES.getlist("files")
    try:
        count = receive(run, ((u.name or "", u.chunks()) for u in uploads))
    except ValueError as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse({"received": count, "total": run.received})


@require_POST
def import_start(request: HttpRequest, run_id: str) -> HttpResponse:
    """Start importing what arrived; the page to watch it is answered (JSON) or shown (a plain form)."""
    from strideback.services.import_runs import start

    run = _run(request, run_id)
    if run.state == "receiving":
        start(run, background=_background())
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(_urls(run.id))
    return redirect("import_result", run_id=run.id)


def plain_upload(request: HttpRequest, uploads: list):  # type: ignore[no-untyped-def,type-arg]
    """A plain form's upload (no script): one run, imported in the request; its report."""
    from strideback.services.import_runs import new_run, receive, start

    run = new_run(person_id(request), [u.name or "upload" for u in uploads])
    receive(run, ((u.name or "", u.chunks()) for u in uploads))
    start(run, background=False)
    return run


@require_GET
def import_progress(request: HttpRequest, run_id: str) -> JsonResponse:
    return JsonResponse(_run(request, run_id).progress_json())


@require_GET
def import_result(request: HttpRequest, run_id: str) -> HttpResponse:
    run = _run(request, run_id)
    report = run.report or {}
    context = {
        "run": run,
        "report": report,
        "urls": _urls(run.id),
        "summary": summary(report) if report else "",
        "sessions": _sessions(report),
    }
    return page(request, "import_result.html", "activities", context)


@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    from strideback.services.import_runs import list_runs

    runs = [
        {"run": r, "summary": summary(r.report) if r.report else ""} for r in list_runs(person_id(request))
    ]
    return page(request, "imports.html", "activities", {"runs": runs})


def summary(report: dict) -> str:  # type: ignore[type-arg]
    """One line: imported, already there, skipped (with reasons, first few), failed."""
    text = f"Imported {report['imported']} sessions ({report['duplicates']} already there)."
    if report.get("merged"):
        text += f" {report['merged']} merged with a record from another file or app."
    skipped = report.get("skipped") or []
    if skipped:
        shown = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5])
        more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        text += f" Skipped {len(skipped)} files with nothing to import ({shown}{more})."
    failed = report.get("failed") or []
    if failed:
        shown = "; ".join(f"{f['path']} ({f['error']})" for f in failed[:10])
        more = f"; and {len(failed) - 10} more" if len(failed) > 10 else ""
        text += f" Could not read: {shown}{more}."
    return text


def _sessions(report: dict) -> list[dict]:  # type: ignore[type-arg]
    import datetime as dt

    rows = []
    for a in report.get("activities") or []:
        start = dt.datetime.fromisoformat(a["start"])
        rows.append({**a, "start": start, "minutes": a["duration_s"] / 60})
    return sorted(rows, key=lambda r: r["start"], reverse=True)
