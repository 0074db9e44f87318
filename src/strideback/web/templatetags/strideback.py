"""Template helpers: versioned asset URLs and the locally served Vega script."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

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


class CachedFragment(template.Node):
    def __init__(self, nodelist: template.NodeList, key: Any, parts: list[Any]) -> None:
        self.nodelist, self.key, self.parts = nodelist, key, parts

    def render(self, context: template.Context) -> str:
        from strideback.web.views._common import remembered

        key = self.key.resolve(context)
        if not key:  # no key, no caching: the fragment is rendered afresh
            return self.nodelist.render(context)
        full_key = ":".join(["fragment", str(key), *(str(p.resolve(context)) for p in self.parts)])
        return remembered(full_key, lambda: self.nodelist.render(context))


@register.tag("cached")
def cached(parser: template.base.Parser, token: template.base.Token) -> CachedFragment:
    """`{% cached key "name" %}…{% endcached %}`: the fragment's HTML, kept in the web face's one cache
    (`views._common.remembered`) under `key` and the name.

    `key` must change whenever the fragment's content may: the views pass `data_key` (it carries the
    person's data version) or `form_key` (a blank form's day). An empty key renders without caching.
    Never put a `{% csrf_token %}` or messages inside.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a key and a fragment name")
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedFragment(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )


@register.filter
def day(value: dt.date | None) -> str:
    """The one date format of every face (`domain.dates.format_day`)."""
    from strideback.domain.dates import format_day

    if value is None:
        return ""
    return format_day(value.date() if isinstance(value, dt.datetime) else value)


@register.filter
def moment(value: dt.datetime | None) -> str:
    """A date with its time, in the one format of every face (`domain.dates.format_moment`)."""
    from strideback.domain.dates import format_moment

    return "" if value is None else format_moment(value)


@register.filter
def pace(minutes_per_km: float | None, units: str = "metric") -> str:
    """`7:08 /km` or `11:29 /mi` in the person's units (`domain.units`), or a dash without a distance."""
    from strideback.domain.units import convert_pace, format_pace

    return format_pace(convert_pace(minutes_per_km, units), units)


@register.filter
def distance(metres: float | None, units: str = "metric") -> str:
    """`3.00 km` or `1.86 mi` in the person's units (`domain.units`), or a dash."""
    from strideback.domain.units import format_distance

    return format_distance(metres, units)


# Text shared with the CLI may name a command; on a page the person is pointed at the page instead.
_COMMAND_PAGES = (
    ("strideback checkin", "the check-in form"),
    ("strideback questionnaire", "the Questionnaires page"),
    ("strideback redflags", "the Red flags page"),
    ("strideback pain", "the form on Today"),
    ("strideback treatment", "the Treatments page"),
    ("strideback report", "the Report page"),
)


@register.filter
def web_words(text: str) -> str:
    """`…: add one with `strideback checkin`.` → `…: add one with the check-in form.` (no CLI in web text)."""
    import re

    def page_for(match: re.Match[str]) -> str:
        command = match.group(1)
        return next(
            (words for prefix, words in _COMMAND_PAGES if command.startswith(prefix)), "this dashboard"
        )

    return re.sub(r"`(strideback[^`]*)`", page_for, str(text))
