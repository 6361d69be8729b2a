"""Walks: who may see them, planning, closing; and coarsening places for the public."""

from __future__ import annotations

import math
import uuid as uuidlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..models import Role, User, Walk, WalkStatus
from ..models.base import utcnow

# who took part, as groups and counts, never names (labels live in the walks blueprint)
PARTICIPANT_GROUPS = [
    "wheelchair_user", "walking_aid", "blind", "deaf", "learning_difficulty",
    "senior", "pram", "children", "language", "resident",
]  # fmt: skip
MAX_GROUP_COUNT = 500


class WalkClosed(Exception):
    """The walk is closed: observations can no longer be added, changed or deleted."""


# --- walks -------------------------------------------------------------------------------


def visible_walks(user: User) -> Select[tuple[Walk]]:
    """Coordinators see every walk; a walk leader only their own."""
    query = select(Walk).order_by(Walk.walk_date.desc(), Walk.id.desc())
    if user.role is not Role.COORDINATOR:
        query = query.where(Walk.leader_id == user.id)
    return query


def find_walk(session: Session, user: User, walk_uuid: str) -> Walk | None:
    """The walk with this UUID if the user may see it (others' walks look like missing ones)."""
    walk = session.scalar(select(Walk).where(Walk.uuid == walk_uuid))
    if walk is None or (user.role is not Role.COORDINATOR and walk.leader_id != user.id):
        return None
    return walk


def clean_participants(counts: Mapping[str, Any]) -> dict[str, int]:
    """Known groups with a positive count; unknown keys and nonsense are dropped."""
    result = {}
    for key in PARTICIPANT_GROUPS:
        value = counts.get(key)
        if isinstance(value, int) and 0 < value <= MAX_GROUP_COUNT:
            result[key] = value
    return result


def save_walk(session: Session, walk: Walk | None, **fields: Any) -> Walk:
    """Create a walk (walk=None) or update one; `participants` and `use_location` included."""
    if walk is None:
        walk = Walk(uuid=str(uuidlib.uuid4()), status=WalkStatus.PLANNED, settings={})
        session.add(walk)
    participants = fields.pop("participants", None)
    use_location = fields.pop("use_location", None)
    for name, value in fields.items():
        setattr(walk, name, value)
    if participants is not None:
        walk.participants = clean_participants(participants)
    if use_location is not None:
        walk.settings = {**(walk.settings or {}), "use_location": bool(use_location)}
    session.flush()
    return walk


def close_walk(walk: Walk) -> None:
    walk.status = WalkStatus.CLOSED
    walk.closed_at = utcnow()


def reopen_walk(walk: Walk) -> None:
    walk.status = WalkStatus.PLANNED
    walk.closed_at = None


# --- location privacy ----------------------------------------------------------------------

COARSE_GRID_M = 250.0


def coarsen(lat: float, lon: float, grid_m: float = COARSE_GRID_M) -> tuple[float, float]:
    """Snap a position to the centre of a ~250 m grid cell: for anything shown publicly."""
    lat_step = grid_m / 111_320.0
    snapped_lat = (math.floor(lat / lat_step) + 0.5) * lat_step
    lon_step = grid_m / (111_320.0 * max(math.cos(math.radians(snapped_lat)), 0.01))
    snapped_lon = (math.floor(lon / lon_step) + 0.5) * lon_step
    return round(snapped_lat, 5), round(snapped_lon, 5)
