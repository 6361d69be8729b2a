"""Logging, editing and deleting observations, and serving their photos to staff."""

from __future__ import annotations

import uuid

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..auth import staff_required
from ..db import get_session
from ..forms import ActionForm
from ..i18n import gettext as _
from ..i18n import localized
from ..models import Choice, Observation, Walk
from ..services import observations as observing
from . import load_observation, load_walk, photo_storage
from .forms import ObservationForm
from .intake import (
    IntakeError,
    categories_for,
    clean_uploads,
    commit_or_remove,
    messages,
    read_files,
    submit_observation,
)
from .labels import SEVERITIES
from .views import bp

RADIO_FIELDS = {"category", "kind", "severity"}


def _form(walk: Walk, obs: Observation | None = None) -> ObservationForm:
    form = ObservationForm(formdata=request.form if request.method == "POST" else None)
    form.category.choices = [SelectChoice(c.key, c.key) for c in categories_for(walk)]
    form.severity.choices = [SelectChoice(str(k), str(v)) for k, v in SEVERITIES.items()]
    if request.method == "GET":
        form.client_uuid.data = str(uuid.uuid4())  # a double-click without JS stores once
        if obs is not None:
            choice = get_session().get(Choice, obs.category_id) if obs.category_id else None
            form.category.data = choice.key if choice else None
            form.kind.data = obs.kind.value
            form.severity.data = str(obs.severity) if obs.severity else None
            for name in ("note", "quote", "place_name", "latitude", "longitude", "accuracy_m"):
                value = getattr(obs, name)
                getattr(form, name).data = "" if value is None else str(value)
    return form


def _errors(form: ObservationForm, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Put messages on their fields; return the summary's (anchor id, message) pairs."""
    summary = []
    for name, message in pairs:
        if name.startswith("alt-"):  # the description of a photo already stored
            summary.append((name, message))
        elif name in form:
            form[name].errors = [*form[name].errors, message]
            summary.append((f"{name}-0" if name in RADIO_FIELDS else name, message))
        else:
            summary.append(("", message))
    return summary


def _render(walk, form, obs=None, errors=(), status=200):
    photo_alts = {p.uuid: p.alt_text for p in obs.photos} if obs else {}
    if request.method == "POST":
        photo_alts.update((k, request.form.get(f"alt-{k}", v)) for k, v in photo_alts.items())
    return render_template(
        "walks/observation_form.html",
        walk=walk,
        form=form,
        obs=obs,
        category_options=[
            (c.key, localized(c.texts, "label"), c.observation_kind or "")
            for c in categories_for(walk)
        ],
        severity_options=[(str(k), str(v), "") for k, v in SEVERITIES.items()],
        errors=list(errors),
        photo_alts=photo_alts,
        alt_errors={name: message for name, message in errors if name.startswith("alt-")},
        action=ActionForm(),
    ), status


@bp.route("/<walk_uuid>/observations/new", methods=["GET", "POST"])
@staff_required
def log_observation(walk_uuid: str):
    walk = load_walk(walk_uuid)
    form = _form(walk)
    if request.method == "POST":
        try:
            submit_observation(walk, request.form, read_files(request.files.getlist("photos")))
        except IntakeError as error:
            return _render(walk, form, errors=_errors(form, error.errors), status=error.status)
        flash(_("The observation is saved. You can log the next one."), "success")
        return redirect(url_for("walks.log_observation", walk_uuid=walk.uuid))
    if walk.is_closed:
        flash(_("This walk is closed. Observations can no longer be added or changed."), "info")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    return _render(walk, form)


@bp.route("/<walk_uuid>/observations/<int:observation_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_observation(walk_uuid: str, observation_id: int):
    walk = load_walk(walk_uuid)
    obs = load_observation(walk, observation_id)
    if walk.is_closed:
        flash(_("This walk is closed. Observations can no longer be added or changed."), "info")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    form = _form(walk, obs)
    if request.method == "POST":
        categories = categories_for(walk)
        pairs: list[tuple[str, str]] = []
        try:
            data = observing.parse_observation(request.form, categories)
        except observing.InvalidObservation as error:
            data, pairs = None, messages(error)
        try:
            alts = observing.parse_photo_alts(request.form, obs.photos)
        except observing.InvalidObservation as error:
            alts, pairs = {}, pairs + messages(error)
        clean, photo_errors = clean_uploads(read_files(request.files.getlist("photos")))
        if pairs or photo_errors or data is None:
            summary = _errors(form, pairs + photo_errors)
            return _render(walk, form, obs, errors=summary, status=422)
        observing.update_observation(obs, data, categories)
        observing.describe_photos(obs, alts)
        before = set(obs.photos)
        observing.add_photos(get_session(), obs, clean, photo_storage(), data.alt_text)
        commit_or_remove([p for p in obs.photos if p not in before])
        flash(_("The observation is saved."), "success")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid, _anchor=f"obs-{obs.id}"))
    return _render(walk, form, obs)


@bp.route("/<walk_uuid>/observations/<int:observation_id>/delete", methods=["GET", "POST"])
@staff_required
def delete_observation(walk_uuid: str, observation_id: int):
    walk = load_walk(walk_uuid)
    obs = load_observation(walk, observation_id)
    if walk.is_closed:
        flash(_("This walk is closed. Observations can no longer be added or changed."), "info")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    form = ActionForm()
    if form.validate_on_submit():
        keys = observing.delete_observation(get_session(), obs)
        get_session().commit()
        for key in keys:
            photo_storage().delete(key)
        flash(_("The observation is deleted."), "success")
        return redirect(url_for("walks.show_walk", walk_uuid=walk.uuid))
    return render_template("walks/observation_delete.html", walk=walk, obs=obs, form=form)


@bp.post("/<walk_uuid>/observations/<int:observation_id>/photos/<photo_uuid>/delete")
@staff_required
def delete_photo(walk_uuid: str, observation_id: int, photo_uuid: str):
    walk = load_walk(walk_uuid)
    obs = load_observation(walk, observation_id)
    photo = next((p for p in obs.photos if p.uuid == photo_uuid), None)
    if photo is None or not ActionForm().validate_on_submit():
        abort(404)
    if walk.is_closed:
        abort(409)
    key = observing.delete_photo(get_session(), photo)
    get_session().commit()
    photo_storage().delete(key)
    flash(_("The photo is deleted."), "success")
    return redirect(url_for("walks.edit_observation", walk_uuid=walk.uuid, observation_id=obs.id))


@bp.get("/photos/<photo_uuid>")
@staff_required
def show_photo(photo_uuid: str):
    photo = observing.find_photo(get_session(), current_user, photo_uuid)
    if photo is None:
        abort(404)
    try:
        data = photo_storage().get(photo.storage_key)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype=photo.media_type)
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["X-Content-Type-Options"] = "nosniff"
    extension = photo.storage_key.rsplit(".", 1)[-1]
    response.headers["Content-Disposition"] = f'inline; filename="{photo.uuid}.{extension}"'
    return response
