"""Django settings for the test run: the project's own settings with STRIDEBACK_HOME in a throw-away folder.

pytest-django imports the settings before any conftest runs, so the isolation has to happen here: no test
ever reads or writes the user's real data folder (their secret key, caches or database).
"""

from __future__ import annotations

import os
import tempfile

os.environ["STRIDEBACK_HOME"] = tempfile.mkdtemp(prefix="strideback-test-home-")

from strideback.django_settings import *  # noqa: F403

# Background tasks are recorded, not run, in tests: a test that wants the analysis computes it inline
# (services.analysis.refresh_now), so no thread ever touches the test database (issue #12).
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
