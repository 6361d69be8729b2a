"""Staff accounts: login, logout, roles, user management."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort, current_app
from flask_login import LoginManager, current_user, login_required

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


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = get_session().get(User, int(user_id))
    return user if user is not None and user.active else None


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

__all__ = ["bp", "coordinator_required", "hasher", "init_app", "role_required", "staff_required"]
