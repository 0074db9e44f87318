"""Joins the two schema changes of this release, made in parallel: the onboarding state of a person
(0007_diary2) and the plan limits a clinician set (0007_server2). Neither touches the other's tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0007_diary2"),
        ("store", "0007_server2"),
    ]

    operations = []
