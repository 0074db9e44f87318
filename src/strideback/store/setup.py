"""Open the store: configure Django for a home, apply migrations on first use (and after upgrades)."""

from __future__ import annotations

import os
from pathlib import Path

from strideback.config import HOME_ENV

_opened = False


def open_store(home: Path | None = None) -> None:
    """Configure Django for `home` (or the environment) and migrate forward. Idempotent per process.

    When settings are already configured (tests, the web server) this only makes sure the schema is current.
    """
    global _opened
    if _opened:
        return
    from django.conf import settings

    if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
        if home is not None:
            os.environ[HOME_ENV] = str(Path(home).expanduser().resolve())
        os.environ["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
    import django

    django.setup()
    if not _is_test_database():
        migrate_if_needed()
    _opened = True


def _is_test_database() -> bool:
    from django.db import connection

    name = str(connection.settings_dict.get("NAME") or "")
    return (
        name.startswith("test_")
        or "memory" in name
        or connection.settings_dict.get("TEST", {}).get("MIGRATE") is False
    )


def migrate_if_needed() -> None:
    """Apply pending migrations; the check costs ~0.1 s when nothing is pending."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
