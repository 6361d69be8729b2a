"""Observations on a walk: checked input, stored once per client UUID, edited, deleted."""

from __future__ import annotations

import hashlib
import json
import math
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Choice, Observation, ObservationKind, Photo, Role, User, Walk
from ..models.base import utcnow
from .photos import CleanPhoto
from .storage import Storage, new_key
from .walks import WalkClosed

NOTE_MAX, QUOTE_MAX, PLACE_MAX, ALT_MAX = 2000, 1000, 300, 300
SEVERITIES = (1, 2, 3)  # minor, hinders, blocks


class InvalidObservation(Exception):
    """Field → error code ("required", "too_long", "nul", "range", "choice", "number", "uuid")."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class ReplayConflict(Exception):
    """The same client UUID came back with a different body."""


# --- observations --------------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationInput:
    category: str
    kind: str
    severity: int | None
    note: str
    quote: str
    place_name: str
    latitude: float | None
    longitude: float | None
    accuracy_m: float | None
    observed_at: str | None
    alt_text: str


def _text(raw: Mapping[str, Any], name: str, limit: int, errors: dict[str, str]) -> str:
    value = str(raw.get(name) or "").replace("\r\n", "\n").strip()
    if "\x00" in value:  # nobody types one, and PostgreSQL cannot store it
        errors[name] = "nul"
    elif len(value) > limit:
        errors[name] = "too_long"
    return value


def _number(raw: Mapping[str, Any], name: str, low: float, high: float, errors) -> float | None:
    value = raw.get(name)
    if value is None or str(value).strip() == "":
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        errors[name] = "number"
        return None
    if not math.isfinite(number) or not low <= number <= high:
        errors[name] = "range"
        return None
    return number


def _observed_at(value: Any) -> str | None:
    """A client's ISO timestamp (queued offline), or None when missing or implausible."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    now = utcnow()
    if not now - timedelta(days=60) <= when <= now + timedelta(minutes=10):
        return None
    return when.astimezone(UTC).isoformat(timespec="seconds")


def parse_observation(raw: Mapping[str, Any], categories: list[Choice]) -> ObservationInput:
    """Check submitted fields (form or JSON) against the walk's checklist."""
    errors: dict[str, str] = {}
    by_key = {c.key: c for c in categories}
    category = str(raw.get("category") or "")
    if not category:
        errors["category"] = "required"
    elif category not in by_key:
        errors["category"] = "choice"
    forced = by_key[category].observation_kind if category in by_key else None
    kind = forced or str(raw.get("kind") or ObservationKind.BARRIER.value)
    if kind not in {k.value for k in ObservationKind}:
        errors["kind"], kind = "choice", ObservationKind.BARRIER.value
    severity = raw.get("severity")
    severity = int(severity) if str(severity or "").strip() in {"1", "2", "3"} else severity
    if severity in (None, "") and kind == ObservationKind.BARRIER.value:
        errors["severity"] = "required"
    elif severity not in (None, "") and severity not in SEVERITIES:
        errors["severity"] = "choice"
    latitude = _number(raw, "latitude", -90, 90, errors)
    longitude = _number(raw, "longitude", -180, 180, errors)
    if (latitude is None) != (longitude is None) and not errors.keys() & {"latitude", "longitude"}:
        errors["longitude" if latitude is not None else "latitude"] = "required"
    data = ObservationInput(
        category=category,
        kind=kind,
        severity=severity
        if kind == ObservationKind.BARRIER.value and severity in SEVERITIES
        else None,
        note=_text(raw, "note", NOTE_MAX, errors),
        quote=_text(raw, "quote", QUOTE_MAX, errors),
        place_name=_text(raw, "place_name", PLACE_MAX, errors),
        latitude=latitude,
        longitude=longitude,
        accuracy_m=_number(raw, "accuracy_m", 0, 100_000, errors) if latitude is not None else None,
        observed_at=_observed_at(raw.get("observed_at")),
        alt_text=_text(raw, "alt_text", ALT_MAX, errors),
    )
    if errors:
        raise InvalidObservation(errors)
    return data


def parse_client_uuid(value: Any) -> str:
    try:
        return str(uuidlib.UUID(str(value or "")))
    except ValueError:
        raise InvalidObservation({"client_uuid": "uuid"}) from None


def body_hash(data: ObservationInput, photos: list[CleanPhoto]) -> str:
    """A fingerprint of what was sent: the same UUID must always carry the same body."""
    payload = {**asdict(data), "photos": [p.source_sha256 for p in photos]}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _apply(obs: Observation, data: ObservationInput, categories: list[Choice]) -> None:
    choice = next(c for c in categories if c.key == data.category)
    obs.category_id = choice.id
    obs.need_category_id = choice.need_category_id
    obs.kind = ObservationKind(data.kind)
    obs.severity = data.severity
    obs.note, obs.quote, obs.place_name = data.note, data.quote, data.place_name
    obs.latitude, obs.longitude, obs.accuracy_m = data.latitude, data.longitude, data.accuracy_m


def add_photos(
    session: Session, obs: Observation, photos: list[CleanPhoto], storage: Storage, alt: str
) -> list[str]:
    """Store cleaned photos under generated names; returns the keys (to undo on failure)."""
    keys = []
    for photo in photos:
        key = new_key(photo.extension)
        storage.put(key, photo.data)
        keys.append(key)
        obs.photos.append(
            Photo(
                uuid=str(uuidlib.uuid4()),
                storage_key=key,
                media_type=photo.media_type,
                width=photo.width,
                height=photo.height,
                size_bytes=len(photo.data),
                alt_text=alt,
            )
        )
    session.flush()
    return keys


def _existing(session: Session, walk: Walk, client_uuid: str) -> Observation | None:
    return session.scalar(
        select(Observation).where(
            Observation.walk_id == walk.id, Observation.client_uuid == client_uuid
        )
    )


def _replayed(found: Observation, digest: str) -> tuple[Observation, bool]:
    if found.body_hash != digest:
        raise ReplayConflict(found.client_uuid)
    return found, False


def record_observation(
    session: Session,
    walk: Walk,
    client_uuid: str,
    data: ObservationInput,
    photos: list[CleanPhoto],
    storage: Storage,
    *,
    categories: list[Choice],
    user_id: int,
) -> tuple[Observation, bool]:
    """Store an observation once per client UUID; returns (observation, newly created)."""
    digest = body_hash(data, photos)
    if (found := _existing(session, walk, client_uuid)) is not None:
        return _replayed(found, digest)
    if walk.is_closed:
        raise WalkClosed(walk.uuid)
    obs = Observation(walk_id=walk.id, client_uuid=client_uuid, body_hash=digest)
    obs.created_by_id = user_id
    if data.observed_at:
        obs.observed_at = datetime.fromisoformat(data.observed_at)
    _apply(obs, data, categories)
    try:
        with session.begin_nested():
            session.add(obs)
    except IntegrityError:
        # a concurrent request with the same UUID won the race
        found = _existing(session, walk, client_uuid)
        if found is None:
            raise
        return _replayed(found, digest)
    add_photos(session, obs, photos, storage, data.alt_text)
    return obs, True


def update_observation(obs: Observation, data: ObservationInput, categories: list[Choice]) -> None:
    if obs.walk.is_closed:
        raise WalkClosed(obs.walk.uuid)
    _apply(obs, data, categories)


def parse_photo_alts(raw: Mapping[str, Any], photos: list[Photo]) -> dict[str, str]:
    """The descriptions sent for existing photos (fields "alt-<photo uuid>"), by photo UUID."""
    errors: dict[str, str] = {}
    texts = {
        p.uuid: _text(raw, f"alt-{p.uuid}", ALT_MAX, errors)
        for p in photos
        if f"alt-{p.uuid}" in raw
    }
    if errors:
        raise InvalidObservation(errors)
    return texts


def describe_photos(obs: Observation, texts: Mapping[str, str]) -> None:
    """Change the descriptions (alt text) of the observation's photos."""
    if obs.walk.is_closed:
        raise WalkClosed(obs.walk.uuid)
    for photo in obs.photos:
        if photo.uuid in texts:
            photo.alt_text = texts[photo.uuid]


def delete_observation(session: Session, obs: Observation) -> list[str]:
    """Delete the observation; returns the photo keys to remove once the commit succeeded."""
    if obs.walk.is_closed:
        raise WalkClosed(obs.walk.uuid)
    keys = [p.storage_key for p in obs.photos]
    session.delete(obs)
    session.flush()
    return keys


def delete_photo(session: Session, photo: Photo) -> str:
    if photo.observation.walk.is_closed:
        raise WalkClosed(photo.observation.walk.uuid)
    key = photo.storage_key
    session.delete(photo)
    session.flush()
    return key


def find_photo(session: Session, user: User, photo_uuid: str) -> Photo | None:
    """The photo if the user may see its walk (the walk's leader or a coordinator)."""
    photo = session.scalar(select(Photo).where(Photo.uuid == photo_uuid))
    if photo is None:
        return None
    walk = photo.observation.walk
    if user.role is not Role.COORDINATOR and walk.leader_id != user.id:
        return None
    return photo
