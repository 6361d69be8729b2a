"""The home page, the dashboard each role lands on, and /healthz."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .. import db
from ..auth import staff_required
from ..i18n import lazy_gettext as _l
from ..models import Response, ResponseStatus, Role, Survey, SurveyStatus, User, Walk

bp = Blueprint("main", __name__)

# The staff menu: (endpoint, label, roles). Entries whose blueprint is not registered are
# left out, so each feature appears in the menu as soon as it exists.
NAV = [
    ("main.dashboard", _l("Overview"), {Role.COORDINATOR, Role.WALK_LEADER}),
    ("builder.index", _l("Surveys"), {Role.COORDINATOR}),
    ("walks.index", _l("Walks"), {Role.COORDINATOR, Role.WALK_LEADER}),
    ("results.index", _l("Results"), {Role.COORDINATOR}),
    ("areas.index", _l("Areas"), {Role.COORDINATOR}),
    ("auth.list_users", _l("Team"), {Role.COORDINATOR}),
]


@bp.app_context_processor
def _navigation():
    if not current_user.is_authenticated:
        return {"nav_items": []}
    items = [
        (url_for(endpoint), label, endpoint)
        for endpoint, label, roles in NAV
        if endpoint in current_app.view_functions and current_user.role in roles
    ]
    return {"nav_items": items}


@bp.get("/")
def index():
    return render_template("main/index.html")


@bp.get("/dashboard")
@staff_required
def dashboard():
    session = db.get_session()
    if current_user.role is Role.COORDINATOR:
        counts = {
            "open_surveys": session.scalar(
                select(func.count(Survey.id)).where(Survey.status == SurveyStatus.OPEN)
            ),
            "complete_responses": session.scalar(
                select(func.count(Response.id)).where(Response.status == ResponseStatus.COMPLETE)
            ),
            "walks": session.scalar(select(func.count(Walk.id))),
            "walk_leaders": session.scalar(
                select(func.count(User.id)).where(User.role == Role.WALK_LEADER, User.active)
            ),
        }
        return render_template("main/dashboard_coordinator.html", counts=counts)
    walks = session.scalars(
        select(Walk).where(Walk.leader_id == current_user.id).order_by(Walk.walk_date.desc())
    ).all()
    return render_template("main/dashboard_walk_leader.html", walks=walks)


@bp.get("/healthz")
def healthz():
    """200 when the database answers and has the schema this code needs, else 503 (a server
    whose `mitsprache init-db` was forgotten after an upgrade is not healthy)."""
    reachable = db.is_reachable()
    migrated = reachable and db.schema_is_current()
    ok = reachable and migrated
    return jsonify(status="ok" if ok else "error", database=reachable, migrated=migrated), (
        200 if ok else 503
    )
