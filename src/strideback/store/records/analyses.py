"""The last evidence-engine result per person (issue #12), and the signal sent after each write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

from strideback.store import models as m

# Sent once a write to a person's records has committed (keyword argument `person_id`). The analysis service
# listens to recompute in the background; the store itself knows nothing about analyses.
data_changed = Signal()


@dataclass(frozen=True)
class StoredAnalysis:
    data_version: int
    computed_at: dt.datetime
    document: dict[str, Any]


def save_analysis(person_id: int, data_version: int, document: dict[str, Any]) -> None:
    """Keep `document` unless a result for a newer data version is already stored."""
    from django.utils import timezone

    row = m.AnalysisResult.objects.filter(person_id=person_id).first()
    if row is not None and row.data_version > data_version:
        return
    m.AnalysisResult.objects.update_or_create(
        person_id=person_id,
        defaults={"data_version": data_version, "computed_at": timezone.now(), "document": document},
    )


def load_analysis(person_id: int) -> StoredAnalysis | None:
    row = m.AnalysisResult.objects.filter(person_id=person_id).first()
    if row is None:
        return None
    return StoredAnalysis(int(row.data_version), row.computed_at, dict(row.document))
