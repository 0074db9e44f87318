"""Joins the schema changes made side by side for this release (safety, evidence, diary, trial, server mode,
imports): each added its own tables or columns, none touches another's, so the merge has no operations."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0004_diary"),
        ("store", "0004_evidence"),
        ("store", "0004_harden_imports"),
        ("store", "0004_safety_flags"),
        ("store", "0004_safety_plan"),
        ("store", "0004_trial"),
        ("store", "0005_server_phone"),
    ]

    operations = []
