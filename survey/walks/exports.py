"""GeoJSON (RFC 7946) and CSV exports of walk observations, for staff only.

The exact export holds exact positions, notes and quotes: it stays among staff. The coarse
export is the one for public maps: positions snapped to a ~250 m grid (services.walks.coarsen),
without accuracy, note, quote or the typed place.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import localized
from ..models import Area, Choice, NeedCategory, Observation, Walk
from ..services.walks import coarsen
from .labels import KINDS, SEVERITIES

COLUMNS = [
    "walk", "walk_title", "walk_date", "area", "observation", "observed_at", "kind",
    "kind_label", "category_key", "category", "need_key", "need", "severity",
    "severity_label", "note", "quote", "place", "latitude", "longitude", "accuracy_m", "photos",
]  # fmt: skip
EXACT_ONLY = ("note", "quote", "place", "accuracy_m")  # left out of the coarse export
COARSE_COLUMNS = [c for c in COLUMNS if c not in EXACT_ONLY]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _lookups(session: Session) -> dict[str, dict[int, Any]]:
    return {
        "choice": {c.id: c for c in session.scalars(select(Choice))},
        "need": {n.id: n for n in session.scalars(select(NeedCategory))},
        "area": {a.id: a for a in session.scalars(select(Area))},
    }


def _record(obs: Observation, walk: Walk, lk: dict, coarse: bool) -> dict[str, Any]:
    choice = lk["choice"].get(obs.category_id)
    need = lk["need"].get(obs.need_category_id)
    area = lk["area"].get(walk.area_id)
    lat, lon = obs.latitude, obs.longitude
    if coarse and lat is not None and lon is not None:
        lat, lon = coarsen(lat, lon)
    record = {
        "walk": walk.uuid,
        "walk_title": walk.title,
        "walk_date": walk.walk_date.isoformat(),
        "area": str(localized(area.texts, "label")) if area else "",
        "observation": obs.client_uuid,
        "observed_at": obs.observed_at.isoformat(timespec="seconds"),
        "kind": obs.kind.value,
        "kind_label": str(KINDS[obs.kind.value]),
        "category_key": choice.key if choice else "",
        "category": str(localized(choice.texts, "label")) if choice else "",
        "need_key": need.key if need else "",
        "need": str(localized(need.texts, "label")) if need else "",
        "severity": obs.severity,
        "severity_label": str(SEVERITIES[obs.severity]) if obs.severity in SEVERITIES else "",
        "note": obs.note,
        "quote": obs.quote,
        "place": obs.place_name,
        "latitude": lat,
        "longitude": lon,
        "accuracy_m": obs.accuracy_m,
        "photos": len(obs.photos),
    }
    if coarse:
        for name in EXACT_ONLY:
            del record[name]
    return record


def records(session: Session, walks: list[Walk], coarse: bool = False) -> list[dict[str, Any]]:
    lk = _lookups(session)
    return [_record(o, w, lk, coarse) for w in walks for o in w.observations]


def to_geojson(session: Session, walks: list[Walk], coarse: bool = False) -> dict[str, Any]:
    """A FeatureCollection: Point geometry as [longitude, latitude], or null when unlocated."""
    features = []
    for rec in records(session, walks, coarse):
        lat, lon = rec.pop("latitude"), rec.pop("longitude")
        geometry = (
            {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
            if lat is not None and lon is not None
            else None
        )
        features.append(
            {"type": "Feature", "id": rec["observation"], "geometry": geometry, "properties": rec}
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(session: Session, walks: list[Walk], coarse: bool = False) -> str:
    return json.dumps(to_geojson(session, walks, coarse), ensure_ascii=False, indent=1)


def safe_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: a text cell starting with = + - @ tab or CR gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def csv_text(session: Session, walks: list[Walk], coarse: bool = False) -> str:
    """CSV with a byte-order mark, so spreadsheet programs read the umlauts right."""
    columns = COARSE_COLUMNS if coarse else COLUMNS
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for rec in records(session, walks, coarse):
        writer.writerow({k: safe_cell(rec.get(k)) for k in columns})
    return out.getvalue()
