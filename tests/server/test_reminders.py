"""Morning reminders in server mode: the email goes to an aiosmtpd server on loopback once a day at the
person's chosen time (no health value in it), and the calendar feed answers only its secret token."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.test import Client

from .conftest import ANN_SECRET, signed_in

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("STRIDEBACK_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("STRIDEBACK_PUBLIC_URL", "https://strideback.example.org")
    yield inbox
    controller.stop()


def test_the_morning_email_is_sent_once_at_the_chosen_time(world, smtp):
    from strideback.services import reminders

    reminders.save(world.ann.person_id, email_enabled=True, at="07:30", time_zone="Europe/Paris")
    reminders.save(world.bob.person_id, email_enabled=False, at="07:30", time_zone="Europe/Paris")
    url = "https://strideback.example.org"
    early = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)  # 07:00 in Paris: not yet
    assert reminders.send_due(early, url).sent == 0 and smtp.messages == []
    due = dt.datetime(2026, 12, 2, 6, 40, tzinfo=dt.UTC)  # 07:40 in Paris
    assert reminders.send_due(due, url).sent == 1
    assert reminders.send_due(due + dt.timedelta(minutes=10), url).sent == 0  # once a day
    [(to, raw)] = smtp.messages
    assert to == ["ann@example.org"]
    text = raw.decode()
    assert "Subject: Time for your morning check-in" in text
    assert "https://strideback.example.org/" in text
    assert ANN_SECRET not in text and "leg" not in text.lower()
    assert reminders.send_due(due + dt.timedelta(days=1), url).sent == 1  # the next morning
    assert len(smtp.messages) == 2


def test_the_command_sends_and_reports_json(world, smtp):
    from typer.testing import CliRunner

    from strideback.cli import app
    from strideback.services import reminders

    now = dt.datetime.now(dt.UTC)
    at = (now - dt.timedelta(minutes=5)).strftime("%H:%M")
    reminders.save(world.ann.person_id, email_enabled=True, at=at, time_zone="UTC")
    result = CliRunner().invoke(app, ["reminders", "send", "--json"])
    if now.time() < dt.time(0, 5):  # the chosen time was yesterday's: not due today
        pytest.skip("too close to midnight UTC")
    assert result.exit_code == 0, result.output
    assert '"sent": 1' in result.output
    assert len(smtp.messages) == 1


def test_bad_settings_name_the_field(world):
    from strideback.domain.types import InvalidValue
    from strideback.services import reminders

    with pytest.raises(InvalidValue, match="at"):
        reminders.save(world.ann.person_id, email_enabled=True, at="25:99", time_zone="UTC")
    with pytest.raises(InvalidValue, match="time_zone"):
        reminders.save(world.ann.person_id, email_enabled=True, at="07:00", time_zone="Mars/Olympus")


def test_the_calendar_feed_needs_its_token_and_stops_when_revoked(world):
    from strideback.store import models

    client = signed_in(Client(), world.ann)
    page = client.post("/reminders", {"action": "calendar"})
    assert page.status_code == 200
    url = page.context["feed_url"]
    path = "/" + url.split("/", 3)[3]
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    assert token not in str(models.ReminderSettings.objects.values_list("calendar_digest", flat=True)[0])
    feed = Client().get(path)  # a phone's calendar: no session
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VCALENDAR" in body and "RRULE:FREQ=DAILY" in body and ANN_SECRET not in body
    assert Client().get("/calendar/not-the-token.ics").status_code == 404
    client.post("/reminders", {"action": "revoke_calendar"})
    assert Client().get(path).status_code == 404


def test_the_settings_page_saves_and_refuses_bad_input(world):
    from strideback.services import reminders

    client = signed_in(Client(), world.ann)
    assert (
        client.post(
            "/reminders",
            {"action": "save", "email_enabled": "on", "at": "06:45", "time_zone": "Europe/London"},
        ).status_code
        == 302
    )
    saved = reminders.settings_of(world.ann.person_id)
    assert saved.email_enabled and saved.at == dt.time(6, 45) and saved.time_zone == "Europe/London"
    bad = client.post("/reminders", {"action": "save", "at": "soon", "time_zone": "UTC"})
    assert bad.status_code == 400 and b"HH:MM" in bad.content
    assert signed_in(Client(), world.doctor).get("/reminders").status_code == 404
