"""Staff accounts: login, logout, roles, user management."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort, current_app, session
from flask_login import LoginManager, current_user, login_required, login_user

from ..db import get_session
from ..i18n import lazy_gettext
from ..models import Role, User
from ..services.users import make_hasher

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = lazy_gettext("Please log in to see this page.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str  # resolve the lazy string before it goes into the session
login_manager.session_protection = "strong"


LOGIN_AT = "login_at"  # session key: when this login session began (Unix time)


def start_login_session(user: User) -> None:
    """Log `user` in on a fresh session (no fixation), with the clock of the absolute limit."""
    session.clear()
    login_user(user)
    session.permanent = True  # ends after PERMANENT_SESSION_LIFETIME without a request
    session[LOGIN_AT] = int(time.time())


def _session_expired() -> bool:
    """Older than STAFF_SESSION_MAX_AGE since login, however active (or never stamped)."""
    started = session.get(LOGIN_AT)
    if not isinstance(started, int):
        return True
    limit = current_app.config["STAFF_SESSION_MAX_AGE"].total_seconds()
    return not 0 <= time.time() - started <= limit


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    """The session's user, unless the account is switched off, its password was set after
    the session began (another session version), or the session is past its absolute limit."""
    ident, _, version = user_id.partition(":")
    if not (ident.isdigit() and version.isdigit()) or _session_expired():
        return None
    user = get_session().get(User, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def hasher():
    """The app's argon2id hasher (parameters from config)."""
    return current_app.extensions["password_hasher"]


def role_required(*roles: Role) -> Callable:
    """Log in first; then refuse (403) anyone whose role is not listed."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


coordinator_required = role_required(Role.COORDINATOR)
staff_required = role_required(Role.COORDINATOR, Role.WALK_LEADER)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.extensions["password_hasher"] = make_hasher(app.config["ARGON2"])


from .views import bp  # noqa: E402  (the blueprint needs the helpers above)

__all__ = [
    "bp",
    "coordinator_required",
    "hasher",
    "init_app",
    "role_required",
    "staff_required",
    "start_login_session",
]
