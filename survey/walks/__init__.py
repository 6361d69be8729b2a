"""Neighbourhood walks: planning, logging observations (also offline), report and exports."""

from __future__ import annotations

from flask import Flask, abort, current_app
from flask_login import current_user

from ..db import get_session
from ..models import Observation, Walk
from ..services import walks
from ..services.storage import LocalStorage, Storage


def photo_storage() -> Storage:
    """The app's photo store (a local folder unless a deployment installs another)."""
    return current_app.extensions["photo_storage"]


def load_walk(walk_uuid: str) -> Walk:
    """The walk, or 404 when it is missing or belongs to another walk leader."""
    walk = walks.find_walk(get_session(), current_user, walk_uuid)
    if walk is None:
        abort(404)
    return walk


def load_observation(walk: Walk, observation_id: int) -> Observation:
    if not 0 < observation_id < 2**31:  # no such row; a bigger number overflows the column
        abort(404)
    obs = get_session().get(Observation, observation_id)
    if obs is None or obs.walk_id != walk.id:
        abort(404)
    return obs


def init_app(app: Flask) -> None:
    """Register the pages, the sync API and the photo store."""
    app.extensions.setdefault("photo_storage", LocalStorage(app.config["UPLOAD_DIR"]))
    app.config.setdefault("PHOTO_MAX_BYTES", 15 * 2**20)
    app.config.setdefault("PHOTO_MAX_PIXELS", 40_000_000)
    from .api import api
    from .views import bp

    app.register_blueprint(bp)
    app.register_blueprint(api)
