"""Template helpers: versioned asset URLs and the locally served Vega script."""

from __future__ import annotations

from functools import cache

from django import template
from django.templatetags.static import static
from django.urls import reverse

register = template.Library()


@cache
def _static_version() -> str:
    from strideback.web.views.assets import static_version

    return static_version()


@register.simple_tag
def asset(path: str) -> str:
    """A static file's URL with a content version, so browsers fetch a new release at once."""
    return f"{static(path)}?v={_static_version()}"


@register.simple_tag
def vega_script_url() -> str:
    from strideback.web.views.assets import vega_version

    return reverse("vega_script", kwargs={"version": vega_version()})


@register.filter
def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    total = round(seconds / 60)
    return f"{total // 60} h {total % 60:02d} min" if total >= 60 else f"{total} min"


@register.filter
def km(metres: float | None) -> str:
    return "–" if metres is None else f"{metres / 1000:.2f} km"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def spec_script(spec_json: str, element_id: str) -> str:
    """A JSON string (already serialised) inside a <script type="application/json">, safely escaped."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(spec_json.translate(_JSON_ESCAPES)),
    )
