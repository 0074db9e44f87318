"""Reading and writing records as domain types. Services call these; nothing else touches the tables.

Every write also bumps the person's `data_version` in the same transaction, so a result computed from
the person's records can be cached under (person, data_version): any change makes a new key.
One module per kind of record; this package is the one API (`from strideback.store import records`).
"""

from strideback.store.records.activities import (
    activities_between,
    activity_sources,
    add_activities,
    add_activity,
    add_activity_source,
    delete_activity,
    find_activity_by_fingerprint,
    get_activity,
    known_fingerprints,
    list_activities,
    replace_activity,
    session_starts,
    update_activity_pain,
    update_person_activity_pain,
)
from strideback.store.records.assessments import (
    last_screening_answering_no,
    last_screening_asking,
    list_questionnaires,
    list_screenings,
    save_questionnaire,
    save_screening,
)
from strideback.store.records.checkins import (
    CheckInExists,
    add_checkins,
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
    person_has_data,
    person_is_demo,
    update_person,
)
from strideback.store.records.plan import (
    get_plan_state,
    save_plan_state,
)

__all__ = [
    "KEEP_LIMIT_BYTES",
    "CheckInExists",
    "OriginalFile",
    "activities_between",
    "activity_sources",
    "add_activities",
    "add_activity",
    "add_activity_source",
    "add_checkins",
    "add_original",
    "atomic",
    "clear_person_records",
    "data_version",
    "delete_activity",
    "file_record_counts",
    "find_activity_by_fingerprint",
    "get_activity",
    "get_checkin",
    "get_or_create_local_person",
    "get_person",
    "get_plan_state",
    "has_original",
    "known_fingerprints",
    "last_screening_answering_no",
    "last_screening_asking",
    "list_activities",
    "list_checkins",
    "list_originals",
    "list_questionnaires",
    "list_screenings",
    "original_checksums",
    "original_content",
    "person_has_data",
    "person_is_demo",
    "remember_file_records",
    "replace_activity",
    "save_checkin",
    "save_plan_state",
    "save_questionnaire",
    "save_screening",
    "session_starts",
    "update_activity_pain",
    "update_person",
    "update_person_activity_pain",
]
