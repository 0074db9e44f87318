"""Django settings, built from the environment (see `strideback.config`). Users never need manage.py."""

from __future__ import annotations

import os

from strideback.config import database_settings, home_dir, private_home, secret_key

HOME = private_home(home_dir())  # umask 077, home 0700, an older open home fixed (said once)

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
    "django_tasks",
    "django_tasks_db",
    "strideback.store",
    "strideback.web",
]
MIDDLEWARE = [
    # first: refuses trailing-dot hosts, adds CSP and no-store to every response, answers DB failures
    "strideback.web.middleware.SecurityHeaders",
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
                "strideback.web.middleware.flagged_records",
            ]
        },
    }
]
DATABASES = {"default": database_settings(HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = [
    "strideback.web.passwords.OwaspArgon2PasswordHasher",  # Argon2id, OWASP's parameters (see module)
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
    "filters": {
        "one_line": {"()": "strideback.logging_filters.OneLine"},
        "no_health_values": {"()": "strideback.logging_filters.NoHealthValues"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "filters": ["no_health_values"]},
        "stderr_one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # A refused Host header (DNS-rebinding defence) is expected: one line, no traceback.
        "django.security": {"handlers": ["stderr_one_line"], "level": "WARNING", "propagate": False},
        "strideback": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
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

# Background tasks (the evidence engine, issue #12): the database queue run by `strideback worker` in server
# mode, a thread in the local process otherwise. STRIDEBACK_TASKS_BACKEND overrides (e.g. the immediate one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("STRIDEBACK_TASKS_BACKEND")
        or (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("STRIDEBACK_DATABASE_URL")
            else "strideback.background.ThreadBackend"
        )
    }
}

# Server mode (accounts, clinicians, consent): `strideback serve --server` sets STRIDEBACK_SERVER=1.
SERVER_MODE = False
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "strideback.web.server_access.SignInRequired",
)
# Clinicians' second factor (TOTP, django-otp), required when STRIDEBACK_CLINICIAN_2FA=1.
CLINICIAN_2FA = os.environ.get("STRIDEBACK_CLINICIAN_2FA") == "1"
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("strideback.web.server_access.SignInRequired"), "django_otp.middleware.OTPMiddleware"
)
OTP_TOTP_ISSUER = "strideback"

# Login throttling (django-axes): 5 failures for one email from one address lock that pair for 15 minutes.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of every sign-in
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "strideback/accounts/locked.html"
if os.environ.get("STRIDEBACK_SERVER") == "1":
    from strideback.server_settings import apply as _apply_server_settings

    _apply_server_settings(globals())
