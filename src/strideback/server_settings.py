"""Settings of server mode (`strideback serve --server`), applied over the local ones from the environment.

- `STRIDEBACK_PUBLIC_URL` (e.g. https://strideback.example.org): the origin people use; it sets
  ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS.
- TLS is expected in front (Caddy or nginx): cookies are Secure and HSTS is sent. Only with
  `STRIDEBACK_INSECURE_HTTP=1` (`--insecure-http`, for a trial on a private network) are they not.
- `STRIDEBACK_DATABASE_URL`: PostgreSQL for more than one worker (see `strideback serve --server`).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

SESSION_DAYS = 14


def apply(namespace: dict[str, Any]) -> None:
    public = os.environ.get("STRIDEBACK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    parts = urlsplit(public)
    insecure = os.environ.get("STRIDEBACK_INSECURE_HTTP") == "1"
    namespace["SERVER_MODE"] = True
    namespace["ALLOWED_HOSTS"] = [parts.hostname or "127.0.0.1"]
    namespace["CSRF_TRUSTED_ORIGINS"] = [f"{parts.scheme}://{parts.netloc}"]
    namespace["SESSION_COOKIE_AGE"] = SESSION_DAYS * 24 * 3600
    namespace["SESSION_COOKIE_HTTPONLY"] = True
    if not insecure:
        namespace["SESSION_COOKIE_SECURE"] = True
        namespace["CSRF_COOKIE_SECURE"] = True
        namespace["SECURE_HSTS_SECONDS"] = 365 * 24 * 3600
        namespace["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
