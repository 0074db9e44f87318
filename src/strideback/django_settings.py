"""Django settings, built from the environment (see `strideback.config`). Users never need manage.py."""

from __future__ import annotations

import os

from strideback.config import database_settings, home_dir, secret_key

HOME = home_dir()
HOME.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("STRIDEBACK_DEBUG") == "1"
SECRET_KEY = secret_key(HOME)
# Loopback names only in local mode: a defence against DNS rebinding from a web page.
ALLOWED_HOSTS = [
    h for h in os.environ.get("STRIDEBACK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "strideback.store",
    "strideback.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "strideback.web.busy.BusyDatabaseMiddleware",  # a busy database or an upload limit: a clear answer
]
ROOT_URLCONF = "strideback.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": database_settings(HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
STATIC_URL = "/static/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# No health values in logs: requests are not logged with bodies, and errors go to stderr without locals.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "strideback.logging_filters.OneLine"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler"},
        "stderr_one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # A refused Host header (DNS-rebinding defence) is expected: one line, no traceback.
        "django.security": {"handlers": ["stderr_one_line"], "level": "WARNING", "propagate": False},
    },
}

# Computed pages and charts, kept per process under keys that carry the person's data version
# (see web/views/_common.remembered): a write changes the key, so nothing stale is ever served.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "strideback",
        "OPTIONS": {"MAX_ENTRIES": 200},
    }
}
