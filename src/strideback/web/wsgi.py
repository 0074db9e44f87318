"""The WSGI application of the dashboard (Django configured by the caller: `strideback serve` or tests)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.django_settings")
application = get_wsgi_application()
