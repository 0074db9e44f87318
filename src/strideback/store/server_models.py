"""Tables of server mode: accounts, tokens, consent, the audit log, the phone's idempotent writes, reminders
and clinician-set plan limits. Part of the `store` app (`store.models` imports them, so Django finds them and
`models.Account` etc. work as before); kept apart so that each module stays short.
"""

from __future__ import annotations

import datetime

from django.db import models

from strideback.store.models import Person, PlanEvent

# ---------------------------------------------------------------- server mode: accounts, consent, audit


class Account(models.Model):
    """A sign-in of server mode: a person (their own diary) or a clinician (people who consented)."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="strideback_account")
    role = models.CharField(max_length=16, choices=[("person", "person"), ("clinician", "clinician")])
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="account"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API, kept only as its SHA-256 (the token itself is shown once)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100, default="")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class Share(models.Model):
    """A person's consent for one clinician to read their diary: live until the person revokes it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="shares")
    code_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    clinician = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="shared_with_me"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class AuditEntry(models.Model):
    """Every read of a person's data by a clinician, which the person can read back."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="audit")
    clinician = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="reads")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["person", "at"])]


# ---------------------------------------------------------------- server mode: the phone (offline, reminders)


class IdempotentRequest(models.Model):
    """A write sent with an `Idempotency-Key` (e.g. a check-in queued offline on a phone): its answer is
    kept, so a replay of the same key gets the same answer and stores nothing a second time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="idempotent_requests")
    key = models.CharField(max_length=64)
    route = models.CharField(max_length=64)
    status = models.SmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "route", "key"], name="one_answer_per_idempotency_key")
        ]


class ReminderSettings(models.Model):
    """A person's optional morning reminder: an email at their chosen time, and a calendar feed whose
    secret token is kept only as its SHA-256 (revoking clears it)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="reminder_settings")
    email_enabled = models.BooleanField(default=False)
    at = models.TimeField(default=datetime.time(7, 30))
    time_zone = models.CharField(max_length=64, default="UTC")
    last_emailed_on = models.DateField(null=True, blank=True)
    calendar_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    updated_at = models.DateTimeField(auto_now=True)


class PlanLimitSetting(models.Model):
    """Plan limits a clinician set for a person (issue 14): the limits after the change, who set them and
    when, and the plan input row it made (limits changed since by anyone else are a newer input)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="limit_settings")
    clinician = models.ForeignKey(Account, on_delete=models.SET_NULL, null=True, related_name="limits_set")
    clinician_email = models.CharField(max_length=254)  # kept if the clinician's account is deleted
    at = models.DateTimeField(auto_now_add=True)
    plan_event = models.ForeignKey(PlanEvent, on_delete=models.SET_NULL, null=True, related_name="+")
    max_stage = models.SmallIntegerField(null=True, blank=True)
    pain_during_limit = models.SmallIntegerField()
    avoid_sports = models.JSONField(default=list)

    class Meta:
        ordering = ["at", "id"]
