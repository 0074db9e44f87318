"""A clinician sets a person's plan limits (highest stage, pain-during limit, sports to avoid), only with
that person's live consent; the change is stored as the plan's own `caps` input (the plan rules, such as
"a limit can only tighten the green band", stay in `domain.plan`), with who set it and when, and written
to the person's audit log. The person reads who set their limits on their Plan page; only a clinician's
account can make such a setting.
"""

from __future__ import annotations

import datetime as dt

from strideback.domain.accounts import Account, Role
from strideback.domain.clinic import LimitSetting
from strideback.domain.types import InvalidValue
from strideback.services.consent import may_read
from strideback.store.records import accounts as account_records
from strideback.store.records import limits as records
from strideback.store.records.people import atomic


class NotYourPerson(Exception):
    """The account is not a clinician with this person's live consent (the faces answer 404)."""


def set_limits(
    clinician: Account,
    person_id: int,
    day: dt.date,
    max_stage: int | None = None,
    pain_during_limit: int | None = None,
    avoid_sports: list[str] | None = None,
) -> LimitSetting:
    """Change the limits given (the others stay; `max_stage` 0 removes the cap, `avoid_sports` ["none"]
    clears the list). Raises NotYourPerson without live consent, InvalidValue for a value the plan
    refuses; nothing is written then."""
    if clinician.role is not Role.CLINICIAN or not may_read(clinician, person_id):
        raise NotYourPerson("no such person")
    if max_stage is None and pain_during_limit is None and avoid_sports is None:
        raise InvalidValue("limits", "nothing", "at least one of max stage, pain limit or sports to avoid")
    from strideback.services.daily import set_caps

    with atomic():
        state = set_caps(person_id, day, max_stage, pain_during_limit, avoid_sports)
        records.add_limit_setting(person_id, clinician.id, clinician.email, state.caps)
        caps = state.caps
        account_records.add_audit(
            person_id,
            clinician.id,
            f"set plan limits: highest stage {caps.max_stage or 'none'}, pain during up to "
            f"{caps.pain_during_limit}/10, avoid {', '.join(s.value for s in caps.avoid_sports) or 'nothing'}",
        )
    setting = records.last_limit_setting(person_id)
    assert setting is not None
    return setting


def limit_setting(person_id: int) -> LimitSetting | None:
    """Who last set the person's plan limits as a clinician, and when (`current` False once changed since)."""
    return records.last_limit_setting(person_id)
