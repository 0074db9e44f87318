"""Learn: short pages in our own words on sciatica, pain monitoring, alternatives and when to seek care.

Each page cites its sources. The red-flag signs on "when to seek care" come from `domain.redflags`, so the
page always lists the same signs the check-in asks about.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views._common import page


@dataclass(frozen=True)
class LearnPage:
    slug: str
    title: str
    summary: str
    sources: tuple[str, ...]


PAGES = (
    LearnPage(
        "sciatica",
        "Sciatica, and why staying active usually helps",
        "What sciatica is, how it usually goes, and why gentle activity beats bed rest.",
        (
            "NICE guideline NG59: Low back pain and sciatica in over 16s: assessment and management (2016, updated 2020).",
            "Konstantinou K, Dunn KM. Sciatica: review of epidemiological studies and prevalence estimates. Spine 2008.",
            "Fernandez M et al. Surgery or physical activity in the management of sciatica: a systematic review. Eur Spine J 2016.",
        ),
    ),
    LearnPage(
        "pain-monitoring",
        "Pain during, after and the next morning",
        "How strideback reads your pain to judge a session and move the walk-run plan.",
        (
            "Silbernagel KG et al. Continued sports activity, using a pain-monitoring model, during rehabilitation "
            "in patients with Achilles tendinopathy. Am J Sports Med 2007.",
            "Farrar JT et al. Clinical importance of changes in chronic pain intensity measured on an 11-point "
            "numerical pain rating scale. Pain 2001.",
            "Skytte L et al. Centralization: its prognostic value in patients with referred symptoms and sciatica. Spine 2005.",
        ),
    ),
    LearnPage(
        "alternatives",
        "Alternatives: swim, cycle, walk",
        "What to do on an amber or red day, and how to do it gently.",
        (
            "NICE guideline NG59 (2016, updated 2020): group exercise and staying active.",
            "Foster C et al. A new approach to monitoring exercise training. J Strength Cond Res 2001 (session RPE).",
        ),
    ),
    LearnPage(
        "when-to-seek-care",
        "When to seek care: the red flags",
        "The signs that need a clinician, some of them at once, and why not to wait.",
        (
            "British Association of Spine Surgeons (BASS) et al. Standards of care for investigation and "
            "management of cauda equina syndrome, 2018.",
            "NICE Clinical Knowledge Summaries: Sciatica (lumbar radiculopathy).",
            "Finucane LM et al. International framework for red flags for potential serious spinal pathologies. "
            "J Orthop Sports Phys Ther 2020.",
        ),
    ),
)
BY_SLUG = {p.slug: p for p in PAGES}


@require_GET
def learn_index(request: HttpRequest) -> HttpResponse:
    return page(request, "learn/index.html", "learn", {"pages": PAGES})


@require_GET
def learn_page(request: HttpRequest, slug: str) -> HttpResponse:
    chosen = BY_SLUG.get(slug)
    if chosen is None:
        raise Http404("No such page.")
    context: dict[str, object] = {"learn": chosen, "pages": PAGES}
    if slug == "when-to-seek-care":
        from strideback.domain import redflags

        context["signs"] = [
            (level, [redflags.QUESTIONS[key] for key in keys])
            for level, keys in (
                ("emergency", redflags.EMERGENCY_KEYS),
                ("urgent", redflags.URGENT_KEYS),
                ("contact_clinician", redflags.CONTACT_KEYS),
            )
        ]
    return page(request, f"learn/{slug}.html", "learn", context)
