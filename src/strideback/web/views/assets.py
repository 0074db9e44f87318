"""Files the pages need, all served from the installed packages: no CDN, so the dashboard works offline.

The Vega, Vega-Lite and vega-embed scripts come from vl-convert's bundled copy. Building the bundle
takes a second or two, so it is built once per version, kept on disk in the home and in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.static import serve

STATIC_ROOT = Path(__file__).resolve().parents[1] / "static"
YEAR = 365 * 24 * 3600
_bundle_lock = threading.Lock()
_bundle: bytes | None = None


def vega_version() -> str:
    import vl_convert

    return f"{vl_convert.__version__}-{vl_convert.get_vega_version()}"  # type: ignore[attr-defined]  # vl_convert's stub omits the module's __version__


def vega_bundle() -> bytes:
    """The vega-embed + Vega-Lite + Vega script, built once and cached (memory, then the home's cache/)."""
    global _bundle
    with _bundle_lock:
        if _bundle is not None:
            return _bundle
        version = vega_version()
        cache = Path(settings.HOME) / "cache" / f"vega-bundle-{version}.js"
        try:
            _bundle = cache.read_bytes()
        except OSError:
            import vl_convert

            _bundle = vl_convert.javascript_bundle().encode("utf-8")  # type: ignore[call-arg]  # its stub makes the optional `snippet` required
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(".tmp")
                tmp.write_bytes(_bundle)
                tmp.replace(cache)
            except OSError:
                pass  # a read-only home still works, just rebuilds per process
        return _bundle


@require_GET
def vega_script(request: HttpRequest, version: str) -> HttpResponse:
    if version != vega_version():
        raise Http404("unknown version")
    response = HttpResponse(vega_bundle(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


@require_GET
def static_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """Our CSS, JS and icons (DEBUG is off, so Django's development static view is not used)."""
    response = serve(request, path, document_root=str(STATIC_ROOT))
    if isinstance(response, FileResponse | HttpResponse):
        response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web-app manifest, so the dashboard can be installed on a phone's home screen."""
    icons = [
        {"src": static(f"strideback/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("strideback/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    body = {
        "name": "strideback",
        "short_name": "strideback",
        "description": "A companion for runners living with sciatica: what to do today, and is running helping?",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f7f7f5",
        "theme_color": "#1f5f8b",
        "icons": icons,
    }
    response = HttpResponse(json.dumps(body, indent=1), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def static_version() -> str:
    """A short hash of our CSS and JS, appended to their URLs so a new release is fetched at once."""
    digest = hashlib.sha256()
    for name in ("strideback/app.css", "strideback/app.js", "strideback/offline.js"):
        with contextlib.suppress(OSError):
            digest.update((STATIC_ROOT / name).read_bytes())
    return digest.hexdigest()[:10]
