"""Issue 11: a standing emergency or urgent sign says stop on every page of the diary, not only on Today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

PAGES = ("/plan", "/activities", "/trends", "/insights", "/questionnaires", "/report")


@pytest.mark.parametrize("path", PAGES)
def test_a_standing_emergency_shows_on_every_diary_page(person, path):
    from strideback.services.screening import record_screening

    record_screening(person, {"bladder": True}, dt.date.today())
    body = Client().get(path).content.decode()
    assert "Stop: no running or exercise today." in body
    assert "emergency" in body.lower()


def test_no_notice_without_a_stop(person):
    assert "Stop: no running" not in Client().get("/plan").content.decode()
