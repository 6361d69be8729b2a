"""One way in for observations, shared by the HTML form and the sync API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from ..db import get_session
from ..i18n import gettext as _
from ..models import Observation, Walk
from ..services import observations as observing
from ..services import photos, protocols, walk_report, walks
from . import photo_storage
from .labels import MAX_PHOTOS, observation_error, photo_error


class IntakeError(Exception):
    """Bad input (422) or a refused replay/closed walk (409), with (field, message) pairs."""

    def __init__(self, status: int, code: str, errors: list[tuple[str, str]]) -> None:
        super().__init__(code)
        self.status, self.code, self.errors = status, code, errors


def categories_for(walk: Walk):
    session = get_session()
    return protocols.checklist(session, walk_report.walk_protocol(session, walk))


def clean_uploads(files: list[tuple[str, bytes]]) -> tuple[list[photos.CleanPhoto], list]:
    """Re-encode each upload; returns the clean photos and (field, message) errors."""
    max_bytes = current_app.config["PHOTO_MAX_BYTES"]
    max_pixels = current_app.config["PHOTO_MAX_PIXELS"]
    clean, errors = [], []
    if len(files) > MAX_PHOTOS:
        message = _("Choose %(count)s photos or fewer", count=MAX_PHOTOS)
        return [], [("photos", message)]
    for name, data in files:
        try:
            clean.append(photos.clean_photo(data, max_bytes=max_bytes, max_pixels=max_pixels))
        except photos.PhotoRejected as error:
            errors.append(("photos", photo_error(error, name, max_bytes)))
    return clean, errors


def read_files(files: list[FileStorage]) -> list[tuple[str, bytes]]:
    """Uploaded files with content; the empty part of an untouched file input is skipped."""
    limit = current_app.config["PHOTO_MAX_BYTES"] + 1
    read = [(f.filename or "", f.stream.read(limit)) for f in files]
    return [(name, data) for name, data in read if name or data]


def messages(error: observing.InvalidObservation) -> list[tuple[str, str]]:
    return [(f, observation_error(f, code)) for f, code in error.errors.items()]


def submit_observation(
    walk: Walk, raw: Mapping[str, Any], files: list[tuple[str, bytes]]
) -> tuple[Observation, bool]:
    """Validate, clean photos, store once per client UUID and commit; or raise IntakeError."""
    session = get_session()
    categories = categories_for(walk)
    errors: list[tuple[str, str]] = []
    data = client_uuid = None
    try:
        client_uuid = observing.parse_client_uuid(raw.get("client_uuid"))
    except observing.InvalidObservation as error:
        errors += messages(error)
    try:
        data = observing.parse_observation(raw, categories)
    except observing.InvalidObservation as error:
        errors += messages(error)
    clean, photo_errors = clean_uploads(files)
    errors += photo_errors
    if errors or data is None or client_uuid is None:
        raise IntakeError(422, "invalid", errors)
    try:
        obs, created = observing.record_observation(
            session, walk, client_uuid, data, clean, photo_storage(),
            categories=categories, user_id=current_user.id,
        )  # fmt: skip
    except observing.ReplayConflict:
        session.rollback()
        message = _("An observation with this identifier was already sent with other content.")
        raise IntakeError(409, "conflict", [("", message)]) from None
    except walks.WalkClosed:
        session.rollback()
        message = _("This walk is closed. Observations can no longer be added.")
        raise IntakeError(409, "walk_closed", [("", message)]) from None
    commit_or_remove(obs.photos if created else [])
    return obs, created


def commit_or_remove(new_photos) -> None:
    """Commit; if that fails, remove the files just written so nothing is stored half."""
    keys = [p.storage_key for p in new_photos]
    try:
        get_session().commit()
    except Exception:
        get_session().rollback()
        for key in keys:
            photo_storage().delete(key)
        raise
