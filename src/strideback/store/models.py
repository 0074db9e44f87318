"""Tables. The only module that knows them is `store/`; everything else speaks domain types.

Every record belongs to a Person: local mode has exactly one, server mode links people to user accounts.
"""

from __future__ import annotations

import secrets

from django.db import models

SPORTS = [(s, s) for s in ("run", "walk", "cycle", "swim", "strength", "mobility", "other")]
REACHES = [(r, r) for r in ("none", "buttock", "thigh", "knee", "calf", "foot")]
LEVELS = [(v, v) for v in ("none", "contact_clinician", "urgent", "emergency")]


def random_version_start() -> int:
    return secrets.randbelow(2**52) * 1024


class Person(models.Model):
    name = models.CharField(max_length=200, default="Me")
    units = models.CharField(
        max_length=10, default="metric", choices=[("metric", "metric"), ("imperial", "imperial")]
    )
    date_of_birth = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    onboarding = models.CharField(max_length=100, default="new", blank=True)  # domain/onboarding.py
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped in the same transaction as every write to the person's records: a key for cached results.
    # Starts at a random value so that a database deleted and created again never repeats an earlier
    # (person, version) pair that a running server may still hold in its cache.
    data_version = models.BigIntegerField(default=random_version_start)

    def __str__(self) -> str:
        return f"Person {self.pk}"


class Activity(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="activities")
    sport = models.CharField(max_length=16, choices=SPORTS)
    start = models.DateTimeField()  # stored in UTC; utc_offset_min keeps the local time of the session
    utc_offset_min = models.SmallIntegerField(default=0)
    duration_s = models.FloatField()
    moving_s = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField(null=True, blank=True)
    elevation_gain_m = models.FloatField(null=True, blank=True)
    avg_hr = models.FloatField(null=True, blank=True)
    max_hr = models.FloatField(null=True, blank=True)
    avg_cadence = models.FloatField(null=True, blank=True)
    rpe = models.FloatField(null=True, blank=True)
    pain_during = models.SmallIntegerField(null=True, blank=True)
    pain_after = models.SmallIntegerField(null=True, blank=True)
    pain_before = models.SmallIntegerField(null=True, blank=True)  # leg pain 0–10 before the session
    source = models.CharField(max_length=32, default="manual")
    fingerprint = models.CharField(max_length=128, blank=True, default="")
    device = models.CharField(max_length=200, blank=True, default="")
    note = models.TextField(blank=True, default="")
    laps = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["person", "start"])]


class ActivitySource(models.Model):
    """Every source an activity arrived from (a watch's FIT and Strava's GPX of the same run)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sources")
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    source = models.CharField(max_length=32)
    fingerprint = models.CharField(max_length=128)
    source_name = models.CharField(max_length=500, blank=True, default="")
    imported_at = models.DateTimeField(auto_now_add=True)
    # The record as this source gave it (issue 11: a merge keeps both source records; null for
    # sources stored before this field existed, until a merge snapshots them).
    record = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "fingerprint"], name="unique_source_per_person")
        ]


class CheckIn(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    back_pain = models.SmallIntegerField()
    leg_pain = models.SmallIntegerField()
    reach = models.CharField(max_length=10, choices=REACHES, default="none")
    numbness = models.BooleanField(default=False)
    tingling = models.BooleanField(default=False)
    weakness = models.BooleanField(default=False)
    stiffness_min = models.SmallIntegerField(null=True, blank=True)
    sleep = models.SmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the values stored were entered (set again by an edit); null when unknown (an imported
    # diary). Makes "before" and "after" a session well defined (issue 11).
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_checkin_per_day"),
            models.CheckConstraint(
                condition=models.Q(back_pain__gte=0, back_pain__lte=10), name="back_pain_0_10"
            ),
            models.CheckConstraint(
                condition=models.Q(leg_pain__gte=0, leg_pain__lte=10), name="leg_pain_0_10"
            ),
        ]


class QuestionnaireResponse(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="questionnaires")
    instrument = models.CharField(max_length=16)
    date = models.DateField()
    answers = models.JSONField(default=list)
    score = models.FloatField(null=True, blank=True)
    valid = models.BooleanField(default=True)
    band = models.CharField(max_length=40, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["person", "instrument", "date"])]


class RedFlagScreening(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings")
    date = models.DateField()
    answers = models.JSONField(default=dict)
    level = models.CharField(max_length=20, choices=LEVELS, default="none")
    reasons = models.JSONField(default=list)
    checkin = models.ForeignKey(CheckIn, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]


class PlanState(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="plan")
    stage = models.SmallIntegerField(default=1)
    max_stage = models.SmallIntegerField(null=True, blank=True)
    pain_during_limit = models.SmallIntegerField(default=3)
    avoid_sports = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class PlanEvent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_events")
    date = models.DateField()
    stage_before = models.SmallIntegerField()
    stage_after = models.SmallIntegerField()
    kind = models.CharField(max_length=16)
    reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # A clinician's caps for a `caps` input (issue 11: the plan is derived from its inputs).
    caps = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]


class ImportedFile(models.Model):
    """A file the person imported, kept byte for byte (up to a bound) so an export archive holds it.

    One row per distinct file (by SHA-256) per person. A file above the bound, e.g. a multi-GB Apple
    Health export, is recorded with `kept=False` and the reason, and its content left empty.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="imported_files")
    sha256 = models.CharField(max_length=64)
    name = models.CharField(max_length=500)  # as the person gave it: a file name, or a path in a folder
    size = models.BigIntegerField()
    kind = models.CharField(max_length=16)  # from the name: fit, gpx, tcx, zip, xml, csv, gpx.gz, ...
    content = models.BinaryField(blank=True, default=b"")
    kept = models.BooleanField(default=True)
    reason = models.TextField(blank=True, default="")  # why the content was not kept
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["imported_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "sha256"], name="one_copy_of_a_file_per_person")
        ]


class ClinicianAssessment(models.Model):
    """The person's record that a clinician has assessed the red-flag signs standing on `date` (issue 11)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField()
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class AnalysisResult(models.Model):
    """The last evidence-engine result per person, computed in the background (issue #12).

    `data_version` is the person's data version read before the diary was: the result is current while it
    equals the person's version. `document` is the analysis as `analyze --json` writes it.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="analysis_result")
    data_version = models.BigIntegerField()
    computed_at = models.DateTimeField()
    document = models.JSONField()


# ---------------------------------------------------------------- check-in columns from the field table
# A check-in field declared only in `domain.checkin_fields.FIELDS` gets its column here (a new field is a
# row in that table and a migration; the first fields above keep their hand-written columns).


def _checkin_column(spec: object) -> models.Field:
    from strideback.domain.checkin_fields import Field, Kind

    assert isinstance(spec, Field)
    if spec.kind in (Kind.SCALE, Kind.COUNT):
        return models.SmallIntegerField(null=not spec.required, blank=not spec.required)
    if spec.kind is Kind.FLAG:
        return models.BooleanField(default=False)
    if spec.kind is Kind.CHOICE:
        width = max(len(value) for value in spec.values)
        return models.CharField(  # null: not answered
            max_length=width, choices=list(spec.choices), null=True, blank=True, default=None
        )
    if spec.kind is Kind.CHOICES:
        return models.JSONField(default=list, blank=True)
    return models.TextField(blank=True, default="")


def _add_checkin_columns() -> None:
    from strideback.domain.checkin_fields import FIELDS

    declared = {f.name for f in CheckIn._meta.local_fields}
    for spec in FIELDS:
        if spec.name not in declared:
            CheckIn.add_to_class(spec.name, _checkin_column(spec))


_add_checkin_columns()


class Treatment(models.Model):
    """Something the person took or did on a day: medication, physiotherapy exercises, a procedure, heat or
    ice, or their own item (the list lives in `domain.treatments`)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="treatments")
    date = models.DateField()
    name = models.CharField(max_length=80)
    dose = models.CharField(max_length=200, blank=True, default="")
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["person", "date"])]


class Trial(models.Model):
    """A personal (N-of-1) trial. `key` seals the allocation: days are derived from it on their day only."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trials")
    start = models.DateField()
    weeks = models.SmallIntegerField()
    key = models.CharField(max_length=64)
    seeded = models.BooleanField(default=False)
    state = models.CharField(max_length=16, default="running")  # running or stopped
    stopped_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class TrialDay(models.Model):
    """A trial day once drawn (never before its day): its allocation, and any deviation from it."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="days")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trial_days")
    date = models.DateField()
    allocation = models.CharField(max_length=16)
    revealed = models.BooleanField(default=False)
    deviation = models.CharField(max_length=16, blank=True, default="")
    ran = models.BooleanField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["trial", "date"], name="one_row_per_trial_day")]


class ImportedFileRecords(models.Model):
    """How many records (sessions and check-ins) one imported file gave, by checksum.

    A re-run of an import finds a file it already imported by its checksum and counts its records as
    duplicates without reading it again. A cache only: not archived; without it the file is re-read.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="imported_file_records")
    sha256 = models.CharField(max_length=64)
    records = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "sha256"], name="one_record_count_per_file_per_person")
        ]


# Server mode's tables live in their own module; imported here so that Django registers them with this app.
from strideback.store.server_models import (  # noqa: E402
    Account,
    ApiToken,
    AuditEntry,
    IdempotentRequest,
    PlanLimitSetting,
    ReminderSettings,
    Share,
)

__all__ = [
    "Account",
    "ApiToken",
    "AuditEntry",
    "IdempotentRequest",
    "PlanLimitSetting",
    "ReminderSettings",
    "Share",
]
