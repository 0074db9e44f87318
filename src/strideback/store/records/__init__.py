"""Reading and writing records as domain types. Services call these; nothing else touches the tables.

Every write also bumps the person's `data_version` in the same transaction, so a result computed from
the person's records can be cached under (person, data_version): any change makes a new key.
One module per kind of record; this package is the one API (`from strideback.store import records`).

The names are imported on first use (issue 17: a command that lists check-ins does not load the
modules for assessments, trials or originals), so importing the package itself costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Each public name and the module of this package it lives in.
_WHERE: dict[str, str] = {
    "activities_between": "activities",
    "activity_from_record": "activities",
    "activity_sources": "activities",
    "add_activities": "activities",
    "add_activity": "activities",
    "add_activity_source": "activities",
    "delete_activity": "activities",
    "find_activity_by_fingerprint": "activities",
    "get_activity": "activities",
    "keep_source_record": "activities",
    "known_fingerprints": "activities",
    "list_activities": "activities",
    "replace_activity": "activities",
    "session_starts": "activities",
    "source_record": "activities",
    "split_off_source": "activities",
    "update_activity_pain": "activities",
    "update_person_activity_pain": "activities",
    "last_screening_answering_no": "assessments",
    "last_screening_asking": "assessments",
    "list_assessments": "assessments",
    "list_questionnaires": "assessments",
    "list_screenings": "assessments",
    "save_assessment": "assessments",
    "save_questionnaire": "assessments",
    "save_screening": "assessments",
    "CheckInExists": "checkins",
    "add_checkins": "checkins",
    "delete_checkin": "checkins",
    "get_checkin": "checkins",
    "list_checkins": "checkins",
    "save_checkin": "checkins",
    "KEEP_LIMIT_BYTES": "originals",
    "OriginalFile": "originals",
    "add_original": "originals",
    "file_record_counts": "originals",
    "has_original": "originals",
    "list_originals": "originals",
    "original_checksums": "originals",
    "original_content": "originals",
    "remember_file_records": "originals",
    "atomic": "people",
    "clear_person_records": "people",
    "data_version": "people",
    "get_or_create_local_person": "people",
    "get_person": "people",
    "onboarding_marker": "people",
    "onboarding_records": "people",
    "person_has_data": "people",
    "person_is_demo": "people",
    "person_settings": "people",
    "set_onboarding_marker": "people",
    "update_person": "people",
    "add_plan_input": "plan",
    "forget_plan_judgments": "plan",
    "get_plan_state": "plan",
    "plan_inputs": "plan",
    "save_plan_caps": "plan",
    "save_plan_state": "plan",
    "add_treatments": "treatments",
    "delete_treatment": "treatments",
    "has_treatment": "treatments",
    "list_treatments": "treatments",
    "create_trial": "trial",
    "get_trial_day": "trial",
    "latest_trial": "trial",
    "list_trial_days": "trial",
    "list_trials": "trial",
    "save_trial_day": "trial",
    "stop_trial": "trial",
}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:  # for type checkers and editors: the names as if imported eagerly
    from strideback.store.records.activities import (
        activities_between,
        activity_from_record,
        activity_sources,
        add_activities,
        add_activity,
        add_activity_source,
        delete_activity,
        find_activity_by_fingerprint,
        get_activity,
        keep_source_record,
        known_fingerprints,
        list_activities,
        replace_activity,
        session_starts,
        source_record,
        split_off_source,
        update_activity_pain,
        update_person_activity_pain,
    )
    from strideback.store.records.assessments import (
        last_screening_answering_no,
        last_screening_asking,
        list_assessments,
        list_questionnaires,
        list_screenings,
        save_assessment,
        save_questionnaire,
        save_screening,
    )
    from strideback.store.records.checkins import (
        CheckInExists,
        add_checkins,
        delete_checkin,
        get_checkin,
        list_checkins,
        save_checkin,
    )
    from strideback.store.records.originals import (
        KEEP_LIMIT_BYTES,
        OriginalFile,
        add_original,
        file_record_counts,
        has_original,
        list_originals,
        original_checksums,
        original_content,
        remember_file_records,
    )
    from strideback.store.records.people import (
        atomic,
        clear_person_records,
        data_version,
        get_or_create_local_person,
        get_person,
        onboarding_marker,
        onboarding_records,
        person_has_data,
        person_is_demo,
        person_settings,
        set_onboarding_marker,
        update_person,
    )
    from strideback.store.records.plan import (
        add_plan_input,
        forget_plan_judgments,
        get_plan_state,
        plan_inputs,
        save_plan_caps,
        save_plan_state,
    )
    from strideback.store.records.treatments import (
        add_treatments,
        delete_treatment,
        has_treatment,
        list_treatments,
    )
    from strideback.store.records.trial import (
        create_trial,
        get_trial_day,
        latest_trial,
        list_trial_days,
        list_trials,
        save_trial_day,
        stop_trial,
    )


def __getattr__(name: str) -> object:
    """Import the module holding `name` on first use, and keep the name here (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
