"""After export -> restore, the person's Plan page still says who set the plan limits and when (schema 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.test import Client

from .conftest import signed_in


def test_the_plan_page_says_who_set_the_limits_after_a_restore(world, tmp_path: Path) -> None:
    from strideback.services import archive
    from strideback.services.clinician_limits import set_limits
    from strideback.store import archive as tables_io
    from strideback.store import models as m

    ann = world.ann.person_id
    set_limits(world.doctor, ann, dt.date.today(), max_stage=4, pain_during_limit=2)
    before = signed_in(Client(), world.ann).get("/plan").content.decode()
    assert "These limits were set by dr@example.org on" in before
    path = tmp_path / "ann.zip"
    archive.export_archive(ann, path)
    m.PlanLimitSetting.objects.all().delete()  # the home empties (accounts stay: they are not the archive's)
    for model in reversed(list(tables_io.TABLES.values())):
        if model is not m.Person:
            model.objects.all().delete()
    archive.restore_archive(ann, archive.read_archive(path))
    after = signed_in(Client(), world.ann).get("/plan").content.decode()
    assert "These limits were set by dr@example.org on" in after
    assert "at or below 2/10" in after
