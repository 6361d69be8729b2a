"""The sync API the offline outbox talks to: JSON answers, CSRF-checked, idempotent by UUID.

POST /api/v1/walks/<walk uuid>/observations takes multipart form data (fields as in the
HTML form plus `photos` files) or JSON (photos as base64 strings). The same client UUID
sent again with the same body answers 200 "exists"; with another body 409 "conflict".
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, jsonify, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..db import get_session
from ..i18n import gettext as _
from ..services import walks
from .intake import IntakeError, read_files, submit_observation

api = Blueprint("walks_api", __name__, url_prefix="/api/v1")


def api_login_required(view: Callable) -> Callable:
    """401 with a JSON body (not a redirect): the outbox then asks the person to log in."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            return jsonify(error="login", status=401, detail=_("Please log in again.")), 401
        return view(*args, **kwargs)

    return wrapped


@api.get("/csrf")
@api_login_required
def csrf_token():
    """A fresh CSRF token for the outbox, whose page may have been opened hours ago."""
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response


def _storable(body: dict[str, Any]) -> bool:
    """False when a "\ud800" escape left half a character, which no database can store."""
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeError:
        return False
    return True


def _json_body() -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not _storable(body):
        abort(400)
    files = []
    for index, item in enumerate(body.get("photos") or []):
        try:
            files.append((f"photo-{index + 1}", base64.b64decode(str(item), validate=True)))
        except (binascii.Error, ValueError):
            files.append((f"photo-{index + 1}", b"\0"))  # reported as "not a photo"
    return body, files


@api.post("/walks/<walk_uuid>/observations")
@api_login_required
def post_observation(walk_uuid: str):
    walk = walks.find_walk(get_session(), current_user, walk_uuid)
    if walk is None:
        abort(404)
    if request.is_json:
        raw, files = _json_body()
    else:
        raw, files = request.form, read_files(request.files.getlist("photos"))
    try:
        obs, created = submit_observation(walk, raw, files)
    except IntakeError as error:
        details = [{"field": f, "message": m} for f, m in error.errors]
        return jsonify(error=error.code, status=error.status, errors=details), error.status
    body = {
        "status": "created" if created else "exists",
        "id": obs.id,
        "client_uuid": obs.client_uuid,
        "photos": len(obs.photos),
        "url": url_for("walks.edit_observation", walk_uuid=walk.uuid, observation_id=obs.id),
    }
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 201 if created else 200
