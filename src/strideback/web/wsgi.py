"""The WSGI application of the dashboard (Django configured by the caller: `strideback serve` or tests).

Importing it readies a server process: the Vega scripts and chart code are loaded before the first
request (see `strideback.web.warmup`).
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.django_settings")
application = get_wsgi_application()

# A long-lived server process: recompute the evidence in the background after each committed write (issue #12).
from strideback.services.analysis import connect_background_refresh  # noqa: E402

connect_background_refresh()

from strideback.web.warmup import warm  # noqa: E402  (Django must be set up first)

warm()
