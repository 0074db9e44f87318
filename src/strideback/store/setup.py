"""Open the store: configure Django for a home, apply migrations on first use (and after upgrades)."""

from __future__ import annotations

import os
import pkgutil
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
    migrate_if_needed()
    _opened = True


def _migrations_on_disk() -> set[tuple[str, str]] | None:
    """(app, migration) for every migration file of the installed apps, found without importing them;
    None when a migrations module cannot be listed (then the full check decides)."""
    import importlib.util

    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    names: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(config.label)
        if module_name is None:
            continue
        spec = importlib.util.find_spec(module_name)
        if spec is None:
            continue
        if spec.submodule_search_locations is None:
            return None
        for info in pkgutil.iter_modules(spec.submodule_search_locations):
            if not info.ispkg and not info.name.startswith(("_", "~")):
                names.add((config.label, info.name))
    return names


def _all_recorded(on_disk: set[tuple[str, str]]) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return False
        cursor.execute("SELECT app, name FROM django_migrations")
        recorded = {(app, name) for app, name in cursor.fetchall()}
    return on_disk <= recorded


def migrate_if_needed() -> None:
    """Apply pending migrations. When every migration file on disk is recorded as applied (the usual case)
    this costs one query; otherwise Django's own executor plans and applies what is missing."""
    on_disk = _migrations_on_disk()
    if on_disk is not None and _all_recorded(on_disk):
        return
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
