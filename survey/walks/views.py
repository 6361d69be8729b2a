"""Walk pages: the list, planning and editing a walk, the walk page, closing it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from ..auth import coordinator_required, staff_required
from ..db import get_session
from ..forms import ActionForm
from ..i18n import gettext as _
from ..i18n import localized
from ..models import Area, Observation, Role, Survey, User, Walk
from ..services import protocols, walks
from . import load_walk
from .forms import WalkForm
from .labels import GROUPS, KINDS, SEVERITIES

bp = Blueprint("walks", __name__, url_prefix="/walks")


@bp.context_processor
def _walk_labels():
    return {
        "walk_groups": GROUPS,
        "kind_labels": KINDS,
        "severity_labels": SEVERITIES,
        "walk_categories": _categories_by_id,
    }


def _categories_by_id(walk: Walk) -> dict:
    protocol = get_session().get(Survey, walk.protocol_id)
    return {c.id: c for c in protocols.checklist(get_session(), protocol)}


@bp.get("/")
@staff_required
def index():
    session = get_session()
    rows = session.execute(
        walks.visible_walks(current_user)
        .outerjoin(Observation)
        .group_by(Walk.id)
        .add_columns(func.count(Observation.id))
    ).all()
    leaders = dict(session.execute(select(User.id, User.name)).all())
    areas = {a.id: a for a in session.scalars(select(Area))}
    return render_template(
        "walks/index.html", rows=rows, leaders=leaders, areas=areas, action=ActionForm()
    )


def _walk_form(walk: Walk | None) -> WalkForm:
    session = get_session()
    form = WalkForm(obj=walk)
    if walk is not None and request.method == "GET":
        form.use_location.data = "1" if walk.use_location else "0"
        for key, count in (walk.participants or {}).items():
            if f"group_{key}" in form:
                form[f"group_{key}"].data = count
    usable = protocols.usable_protocols(session)
    if walk is not None:
        current = session.get(Survey, walk.protocol_id)
        usable = [current] if walk.observations else list(dict.fromkeys([current, *usable]))
    form.protocol_id.choices = [
        SelectChoice(p.id, str(localized(p.texts, "title"))) for p in usable
    ]
    areas = session.scalars(select(Area).order_by(Area.position, Area.id))
    form.area_id.choices = [SelectChoice(0, _("No area"))] + [
        SelectChoice(a.id, str(localized(a.texts, "label"))) for a in areas
    ]
    if current_user.role is Role.COORDINATOR:
        staff = session.scalars(select(User).where(User.active).order_by(User.name))
        form.leader_id.choices = [SelectChoice(u.id, u.name) for u in staff]
        if walk is None and request.method == "GET":
            form.leader_id.data = current_user.id
    else:
        del form.leader_id
    return form


def _save(form: WalkForm, walk: Walk | None) -> Walk:
    leader_id = form.leader_id.data if "leader_id" in form else current_user.id
    return walks.save_walk(
        get_session(),
        walk,
        title=form.title.data.strip(),
        protocol_id=form.protocol_id.data,
        area_id=form.area_id.data or None,
        leader_id=walk.leader_id if walk and "leader_id" not in form else leader_id,
        walk_date=form.walk_date.data,
        meeting_point=(form.meeting_point.data or "").strip(),
        route=(form.route.data or "").strip(),
        use_location=form.use_location.data == "1",
        participants=form.participants(),
    )


@bp.route("/new", methods=["GET", "POST"])
@staff_required
def new_walk():
    protocols.ensure_walk_protocol(get_session())
    get_session().commit()
    form = _walk_form(None)
    if not form.protocol_id.choices:
        form.protocol_id.errors = [_("No walk protocol is open. Ask your coordinator to open one.")]
    elif form.validate_on_submit():
        walk = _save(form, None)
        get_session().commit()
        flash(_("The walk is planned."), "success")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    status = 400 if form.errors else 200
    return render_template("walks/walk_form.html", form=form, walk=None), status


@bp.route("/<walk_uuid>/edit", methods=["GET", "POST"])
@staff_required
def edit_walk(walk_uuid: str):
    walk = load_walk(walk_uuid)
    if walk.is_closed:
        flash(_("This walk is closed. A coordinator can reopen it."), "info")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    form = _walk_form(walk)
    if form.validate_on_submit():
        _save(form, walk)
        get_session().commit()
        flash(_("The walk is saved."), "success")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    status = 400 if form.errors else 200
    return render_template("walks/walk_form.html", form=form, walk=walk), status


@bp.get("/<walk_uuid>")
@staff_required
def show_walk(walk_uuid: str):
    walk = load_walk(walk_uuid)
    session = get_session()
    return render_template(
        "walks/walk.html",
        walk=walk,
        protocol=session.get(Survey, walk.protocol_id),
        area=session.get(Area, walk.area_id) if walk.area_id else None,
        leader=session.get(User, walk.leader_id),
        action=ActionForm(),
    )


@bp.post("/<walk_uuid>/close")
@staff_required
def close_walk(walk_uuid: str):
    walk = load_walk(walk_uuid)
    if ActionForm().validate_on_submit() and not walk.is_closed:
        walks.close_walk(walk)
        get_session().commit()
        flash(_("The walk is closed. Its report is ready."), "success")
    return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))


@bp.post("/<walk_uuid>/reopen")
@coordinator_required
def reopen_walk(walk_uuid: str):
    walk = load_walk(walk_uuid)
    if not walk.is_closed:
        abort(409)
    walks.reopen_walk(walk)
    get_session().commit()
    flash(_("The walk is open again. Observations can be changed."), "success")
    return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))


from . import observations, reports  # noqa: E402, F401  (their routes join this blueprint)
