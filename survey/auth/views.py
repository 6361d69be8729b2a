"""Log in and out, change one's password, and manage staff accounts."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..db import get_session
from ..forms import ActionForm
from ..i18n import gettext as _
from ..models import Role, User
from ..services import ratelimit, users
from . import coordinator_required, hasher, start_login_session
from .forms import LoginForm, PasswordForm, SetPasswordForm, UserForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths; never an absolute URL an attacker could send people to."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _login_limit_keys(email: str) -> tuple[str, str]:
    """The counter of this client and address (the address written as authenticate() reads
    it, so " A@x.org" is the same one), and the counter of the client across addresses."""
    secret, client = current_app.config["SECRET_KEY"], request.remote_addr or ""
    return (
        ratelimit.client_key(secret, "login", client, users.normalise_email(email)),
        ratelimit.client_key(secret, "login-client", client),
    )


def _try_login(db, email: str, password: str) -> tuple[User | None, bool]:
    """(user, allowed). Every attempt counts for its address; failed ones also count for the
    client across addresses (against password spraying; a team logging in from one office
    is not held up by its own successful logins)."""
    account_key, client_key = _login_limit_keys(email)
    limit, window = current_app.config["LOGIN_RATE_LIMIT"]
    client_limit, client_window = current_app.config["LOGIN_RATE_LIMIT_PER_CLIENT"]
    if not ratelimit.hit(db, account_key, limit, window) or ratelimit.is_limited(
        db, client_key, client_limit, client_window
    ):
        return None, False
    user = users.authenticate(db, hasher(), email, password)
    if user is None:
        ratelimit.hit(db, client_key, client_limit, client_window)
    else:
        # only the address's counter: logging in to one own account must not reset the
        # count of a client that tries many other addresses
        ratelimit.reset(db, account_key)
    return user, True


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")) or url_for("main.dashboard"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        db = get_session()
        user, allowed = _try_login(db, form.email.data, form.password.data)
        if not allowed:
            form.form_errors.append(_("Too many attempts. Please wait 15 minutes and try again."))
            status = 429
        elif user is None:
            # one message for unknown e-mail and wrong password: no hint who has an account
            form.password.errors.append(_("The email address or the password is not right"))
            status = 400
        else:
            db.commit()
            start_login_session(user)
            return redirect(_safe_next(request.args.get("next")) or url_for("main.dashboard"))
        db.commit()
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        db = get_session()
        user = db.get(User, current_user.id)
        if users.authenticate(db, hasher(), user.email, form.current.data) is None:
            form.current.errors.append(_("The current password is not right"))
        else:
            users.set_password(hasher(), user, form.new.data)
            db.commit()
            login_user(user)  # this session goes on with the new session version
            flash(
                _("Your password has been changed. You are logged out everywhere else."), "success"
            )
            return redirect(url_for("main.dashboard"))
    status = 400 if form.errors else 200
    return render_template("auth/password.html", form=form), status


@bp.get("/users/")
@coordinator_required
def list_users():
    accounts = get_session().scalars(select(User).order_by(User.role, User.name)).all()
    return render_template("auth/users.html", accounts=accounts, action_form=ActionForm())


@bp.route("/users/new", methods=["GET", "POST"])
@coordinator_required
def create_user():
    form = UserForm()
    if form.validate_on_submit():
        db = get_session()
        try:
            users.create_user(
                db,
                hasher(),
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                role=Role(form.role.data),
            )
        except users.UserExists:
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            db.commit()
            flash(_("The account for %(name)s has been created.", name=form.name.data), "success")
            return redirect(url_for("auth.list_users"))
    status = 400 if form.errors else 200
    return render_template("auth/user_form.html", form=form), status


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@coordinator_required
def set_user_password(user_id: int):
    """A coordinator gives a team member who forgot theirs a new password."""
    db = get_session()
    user = db.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        return redirect(url_for("auth.change_password"))
    form = SetPasswordForm()
    if form.validate_on_submit():
        users.set_password(hasher(), user, form.new.data)
        db.commit()
        flash(
            _(
                "%(name)s has a new password and is logged out on every device. Tell them the password in person or by phone.",
                name=user.name,
            ),
            "success",
        )
        return redirect(url_for("auth.list_users"))
    status = 400 if form.errors else 200
    return render_template("auth/user_password.html", form=form, account=user), status


@bp.post("/users/<int:user_id>/active")
@coordinator_required
def toggle_user_active(user_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    user = db.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("You cannot switch off your own account."), "error")
        return redirect(url_for("auth.list_users"))
    user.active = not user.active
    db.commit()
    message = (
        _("The account of %(name)s is active again.", name=user.name)
        if user.active
        else _("The account of %(name)s is switched off.", name=user.name)
    )
    flash(message, "success")
    return redirect(url_for("auth.list_users"))
