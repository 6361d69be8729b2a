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
from werkzeug.exceptions import HTTPException

from ..db import get_session
from ..i18n import gettext as _
from ..services import walks
from .intake import IntakeError, read_files, submit_observation

api = Blueprint("walks_api", __name__, url_prefix="/api/v1")

TEXT_FIELDS = (
    "client_uuid", "category", "kind", "severity", "note", "quote", "place_name",
    "latitude", "longitude", "accuracy_m", "observed_at", "alt_text",
)  # fmt: skip


class BodyError(Exception):
    """A JSON body of the wrong shape: (field, message) pairs for a 422 answer."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("invalid body")
        self.errors = errors


def _detail(code: int) -> str:
    """What the outbox shows the walk leader when the server refuses a request."""
    if code == 413:
        return _(
            "The photos are too big to send together. Open the observation and choose "
            "fewer or smaller photos."
        )
    if code == 404:
        return _("This walk no longer exists, or it belongs to another walk leader.")
    return _("The server could not take this observation (error %(code)s).", code=code)


@api.errorhandler(HTTPException)
def _api_error(error: HTTPException):
    """JSON for the outbox, with a translated sentence; the CSRF answer stays the app's."""
    code = error.code or 500
    body = {"error": error.name, "status": code, "detail": _detail(code)}
    body["errors"] = [{"field": "", "message": body["detail"]}]
    return jsonify(body), code


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


def _check_shape(body: dict[str, Any]) -> None:
    """Text fields must be strings (numbers allowed where the form takes numbers), photos
    a list; NUL characters are refused (PostgreSQL cannot store them)."""
    errors = []
    for name in TEXT_FIELDS:
        value = body.get(name)
        if value is None or isinstance(value, str):
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            if name in {"severity", "latitude", "longitude", "accuracy_m"}:
                continue
        errors.append((name, _("This field must be text.")))
    photos = body.get("photos")
    if photos is not None and not (
        isinstance(photos, list) and all(isinstance(p, str) for p in photos)
    ):
        errors.append(("photos", _("Send the photos as a list of base64 texts.")))
    if errors:
        raise BodyError(errors)


def _json_body() -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not _storable(body):
        abort(400)
    _check_shape(body)
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
    try:
        if request.is_json:
            raw, files = _json_body()
        else:
            raw, files = request.form, read_files(request.files.getlist("photos"))
        obs, created = submit_observation(walk, raw, files)
    except BodyError as error:
        details = [{"field": f, "message": m} for f, m in error.errors]
        return jsonify(error="invalid", status=422, errors=details), 422
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
