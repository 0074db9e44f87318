"""Where strideback keeps its data: one place resolves it for every face.

`STRIDEBACK_HOME` (default: the platform's user data dir) holds `strideback.sqlite3` and the per-install
secret key; `STRIDEBACK_DATABASE_URL` (`postgresql://user:pass@host:port/name`) switches to PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

HOME_ENV = "STRIDEBACK_HOME"
DEMO_HOME_ENV = "STRIDEBACK_DEMO_HOME"
DATABASE_URL_ENV = "STRIDEBACK_DATABASE_URL"


def home_dir() -> Path:
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("strideback", appauthor=False))


def demo_home_dir() -> Path:
    """Where the demo person lives: its own folder, never the person's data folder.

    `STRIDEBACK_DEMO_HOME`, or the platform's user data dir for "strideback-demo" (a sibling of the
    real one, e.g. `~/.local/share/strideback-demo` on Linux).
    """
    configured = os.environ.get(DEMO_HOME_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("strideback-demo", appauthor=False))


PRIVATE_UMASK = 0o077  # files 0600, folders 0700: health data is for its owner only


def private_home(home: Path) -> Path:
    """Make `home` private before anything is written to it, and keep everything written later private.

    Sets the process umask (so the database, its -wal/-shm files, caches and exports are created
    0600), creates the home 0700, and fixes a home an older version left readable by others, saying
    so once on stderr (once fixed, there is nothing to say).
    """
    os.umask(PRIVATE_UMASK)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    fixed = _make_private(home)
    if fixed:
        print(
            f"strideback: made {home} private to your account ({fixed} file(s) or folder(s) "
            "were readable by other users).",
            file=sys.stderr,
        )
    return home


def _make_private(home: Path) -> int:
    """chmod the home and everything in it to owner-only; the number of entries changed."""
    changed = 0
    try:
        entries = [home, *home.rglob("*")]
    except OSError:
        return 0
    for path in entries:
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
                continue  # never follow links out of the home, never touch someone else's file
            mode = stat.S_IMODE(info.st_mode)
            if mode & 0o077:
                path.chmod(mode & 0o700 | (0o700 if stat.S_ISDIR(info.st_mode) else 0o600))
                changed += 1
        except OSError:
            continue
    return changed


def database_settings(home: Path) -> dict[str, object]:
    """Django DATABASES['default'] for this home or for STRIDEBACK_DATABASE_URL."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "strideback.sqlite3"),
            # WAL lets the dashboard read while an import writes; IMMEDIATE avoids lock upgrades mid-write.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": float(os.environ.get("STRIDEBACK_BUSY_TIMEOUT", "20")),  # seconds
            },
            "TEST": {"NAME": None},
            # Keep a connection per server thread: opening one costs ~1.4 ms of CPU, 40% of a cached page.
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
        }
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"{DATABASE_URL_ENV}: unsupported scheme {parsed.scheme!r}; use postgresql://…")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "strideback",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
        # A kept connection is checked before each request reuses it: after PostgreSQL restarts (or a
        # failover), the first request of each thread reconnects instead of failing (bench/server_load.py).
        "CONN_HEALTH_CHECKS": True,
    }


def secret_key(home: Path) -> str:
    """A per-install secret kept in the home with 0600 permissions."""
    path = home / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
