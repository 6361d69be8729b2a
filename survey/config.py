"""Settings from the environment, with secure defaults."""

from __future__ import annotations

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path

# The checkout: templates/, translations/ and instance/ sit next to the survey package. The
# app runs from a checkout (pip install -e .), see README "Deploying"; create_app() says so
# clearly when the package was installed somewhere without them.
ROOT = Path(__file__).resolve().parent.parent

# Every language the interface ships in, in the order the switcher shows them.
LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]
DEFAULT_LANGUAGE = "de"


def _secret_key(instance: Path) -> str:
    """Return SECRET_KEY from the environment or a key generated once into instance/.

    Several workers may start at the same moment: each writes a whole key to a file of its
    own (0600) and links it to instance/secret_key, which only the first link creates; every
    worker then reads the key that won, so all of them sign with the same one."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = instance / "secret_key"
    instance.mkdir(parents=True, exist_ok=True)
    for _attempt in range(40):
        if key := _read_key(path):
            return key
        if not path.exists():
            _publish_new_key(instance, path)
            continue
        time.sleep(0.05)  # a file of the old, non-atomic kind being written: read it again
    raise RuntimeError(
        f"{path} is empty. Delete it (a new key is then made; everybody must log in again) "
        "or set SECRET_KEY."
    )


def _read_key(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return ""


def _publish_new_key(instance: Path, path: Path) -> None:
    draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(8)}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
            fh.flush()
            os.fsync(fh.fileno())
        os.link(draft, path)  # atomic, and never replaces a key another worker published
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance: Path) -> dict:
    """Build the configuration mapping from environment variables."""
    secure = _bool("MITSPRACHE_HTTPS")
    return {
        "SECRET_KEY": _secret_key(instance),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'mitsprache.sqlite3'}"
        ),
        "UPLOAD_DIR": os.environ.get("MITSPRACHE_UPLOAD_DIR", str(instance / "uploads")),
        "MIN_CELL": int(os.environ.get("MITSPRACHE_MIN_CELL", "5")),
        "LANGUAGES": LANGUAGES,
        "DEFAULT_LANGUAGE": DEFAULT_LANGUAGE,
        # 16 MB covers several phone photos per observation and an XLSForm workbook.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MITSPRACHE_MAX_CONTENT_LENGTH", 16 * 2**20)),
        "MAX_FORM_MEMORY_SIZE": 2 * 2**20,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "HTTPS": secure,
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_NAME": "mitsprache_session",
        "PREFERRED_URL_SCHEME": "https" if secure else "http",
        "PERMANENT_SESSION_LIFETIME": timedelta(
            minutes=int(os.environ.get("MITSPRACHE_STAFF_SESSION_MINUTES", "240"))
        ),
        # however active: a staff login ends this long after it began
        "STAFF_SESSION_MAX_AGE": timedelta(
            hours=int(os.environ.get("MITSPRACHE_STAFF_SESSION_MAX_HOURS", "12"))
        ),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "WTF_CSRF_SSL_STRICT": secure,
        "TRUST_PROXY": _bool("MITSPRACHE_TRUST_PROXY"),
        "LOGIN_RATE_LIMIT": (10, 15 * 60),  # attempts per address and client per window (s)
        # failed attempts per client (IP address) across all addresses: password spraying
        "LOGIN_RATE_LIMIT_PER_CLIENT": (30, 15 * 60),
        # argon2id; above OWASP's minimum profile (19 MiB, t=2, p=1).
        "ARGON2": {"time_cost": 2, "memory_cost": 46 * 1024, "parallelism": 1},
    }
