"""Django settings for the test run: the project's own settings with STRIDEBACK_HOME in a throw-away folder.

pytest-django imports the settings before any conftest runs, so the isolation has to happen here: no test
ever reads or writes the user's real data folder (their secret key, caches or database).
"""

from __future__ import annotations

import os
import tempfile

os.environ["STRIDEBACK_HOME"] = tempfile.mkdtemp(prefix="strideback-test-home-")

from strideback.django_settings import *  # noqa: F403

# Processes the tests start (`python -m strideback …`, a server) cannot import this module: they get the
# project's own settings, with STRIDEBACK_HOME above (or their own --home). Settings are already loaded
# here, so this changes nothing for the test process itself.
os.environ["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
