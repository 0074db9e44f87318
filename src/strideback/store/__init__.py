"""The store: Django models, migrations and the record functions in `store.records`."""

from django.db.transaction import atomic

__all__ = ["atomic"]
