"""Migrations: the models and the migration files agree, and an older database migrates forward intact."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "store", "--check", "--dry-run", stdout=out)  # exits non-zero on drift


@pytest.mark.django_db(transaction=True)
def test_database_at_the_first_migration_migrates_forward_without_loss():
    executor = MigrationExecutor(connection)
    first = [("store", "0001_initial")]
    executor.migrate(first)
    executor.loader.build_graph()
    old = executor.loader.project_state(first).apps
    person = old.get_model("store", "Person").objects.create(name="Early adopter")
    old.get_model("store", "CheckIn").objects.create(
        person_id=person.pk, date="2026-01-02", back_pain=2, leg_pain=6
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from strideback.store import records

    [checkin] = records.list_checkins(person.pk)
    assert (checkin.back_pain, checkin.leg_pain) == (2, 6)
    assert records.get_person(person.pk).name == "Early adopter"
