"""Server mode fixtures: accounts for two people and two clinicians, one live share, server settings on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from strideback.domain.accounts import Account, Role
from strideback.domain.types import Activity, CheckIn, Reach, Sport

ANN_SECRET = "ANN-PRIVATE-NOTE-7c1f"  # appears only in Ann's diary
PASSWORD = "a long enough passphrase 42"


@dataclass
class World:
    ann: Account
    bob: Account
    doctor: Account  # Ann shared with this clinician
    other_doctor: Account  # nobody shared with this one


@pytest.fixture
def server(settings):
    settings.SERVER_MODE = True
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


@pytest.fixture
def world(db, server) -> World:
    from strideback.services import accounts, consent
    from strideback.store import records

    def add(email: str, role: Role) -> Account:
        added = accounts.add_account(email, role).account
        accounts.set_password(email, PASSWORD)
        return added

    ann, bob = add("ann@example.org", Role.PERSON), add("bob@example.org", Role.PERSON)
    doctor, other = add("dr@example.org", Role.CLINICIAN), add("dr2@example.org", Role.CLINICIAN)
    today = dt.date.today()
    tz = dt.datetime.now().astimezone().tzinfo
    for back in range(5, 0, -1):
        day = today - dt.timedelta(days=back)
        records.save_checkin(
            ann.person_id, CheckIn(date=day, back_pain=2, leg_pain=3, reach=Reach.THIGH, note=ANN_SECRET)
        )
        records.add_activity(
            ann.person_id,
            Activity(
                sport=Sport.RUN,
                start=dt.datetime.combine(day, dt.time(18), tzinfo=tz),
                duration_s=1200,
                pain_during=2,
                note=ANN_SECRET,
            ),
        )
    records.save_checkin(bob.person_id, CheckIn(date=today, back_pain=1, leg_pain=1, reach=Reach.NONE))
    consent.accept(consent.invite(ann), doctor)
    return World(ann, bob, doctor, other)


def signed_in(client, account: Account):
    client.post("/accounts/login/", {"username": account.email, "password": PASSWORD})
    return client
