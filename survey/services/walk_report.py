"""The walk report: who took part, counts by category and severity, and a plot of the points.

The plot is drawn from the coordinates alone (no map tiles), so it works without internet
and prints well; the template renders it as inline SVG next to a table of the same points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Choice, NeedCategory, Observation, ObservationKind, Survey, Walk
from . import protocols

PLOT_WIDTH = 640
PLOT_PAD = 36
METRES_PER_DEGREE = 111_320.0
MIN_SPAN_DEG = 100 / METRES_PER_DEGREE  # a single point still gets a 100 m frame
NICE_LENGTHS = (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)


@dataclass
class CategoryRow:
    choice: Choice | None
    total: int = 0
    by_severity: dict[int | None, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlotPoint:
    number: int
    observation: Observation
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class Plot:
    width: int
    height: int
    points: list[PlotPoint]
    scale_px: float
    scale_m: int


def category_rows(session: Session, walk: Walk) -> list[CategoryRow]:
    """Observations per checklist category and severity, in checklist order (SQL GROUP BY)."""
    counts = session.execute(
        select(Observation.category_id, Observation.severity, func.count(Observation.id))
        .where(Observation.walk_id == walk.id)
        .group_by(Observation.category_id, Observation.severity)
    ).all()
    protocol = walk_protocol(session, walk)
    rows = {c.id: CategoryRow(c) for c in protocols.checklist(session, protocol)}
    for category_id, severity, count in counts:
        choice = session.get(Choice, category_id) if category_id is not None else None
        row = rows.setdefault(category_id, CategoryRow(choice))
        row.total += count
        row.by_severity[severity] = row.by_severity.get(severity, 0) + count
    return [r for r in rows.values() if r.total]


def totals(rows: list[CategoryRow]) -> CategoryRow:
    """The sum over all categories, for the table's last row."""
    total = CategoryRow(None)
    for row in rows:
        total.total += row.total
        for severity, count in row.by_severity.items():
            total.by_severity[severity] = total.by_severity.get(severity, 0) + count
    return total


def kind_counts(session: Session, walk: Walk) -> dict[str, int]:
    """Observations per kind, keyed by the kind's value ("barrier", "good_place", "idea")."""
    rows = session.execute(
        select(Observation.kind, func.count(Observation.id))
        .where(Observation.walk_id == walk.id)
        .group_by(Observation.kind)
    ).all()
    found = dict(rows)
    return {kind.value: found.get(kind, 0) for kind in ObservationKind}


def walk_protocol(session: Session, walk: Walk) -> Survey:
    return session.get_one(Survey, walk.protocol_id)


def numbered(walk: Walk) -> list[tuple[int, Observation]]:
    """Observations in the order they were made, numbered from 1 (the plot's labels)."""
    ordered = sorted(walk.observations, key=lambda o: (o.observed_at, o.id))
    return list(enumerate(ordered, start=1))


def _nice_length(metres: float) -> int:
    fitting = [n for n in NICE_LENGTHS if n <= metres]
    return fitting[-1] if fitting else NICE_LENGTHS[0]


def plot_points(session: Session, walk: Walk) -> Plot | None:
    """Project located observations onto a flat plane scaled to their bounding box."""
    colours = dict(session.execute(select(NeedCategory.id, NeedCategory.colour)).all())
    located = [(n, o) for n, o in numbered(walk) if o.latitude is not None]
    if not located:
        return None
    lats = [o.latitude for _, o in located]
    lons = [o.longitude for _, o in located]
    mid = math.cos(math.radians((min(lats) + max(lats)) / 2))
    real_x = (max(lons) - min(lons)) * mid
    real_y = max(lats) - min(lats)
    inner = PLOT_WIDTH - 2 * PLOT_PAD
    scale = inner / max(real_x, real_y, MIN_SPAN_DEG)
    height = int(max(real_y * scale, inner * 0.4)) + 2 * PLOT_PAD + 30
    off_x = (inner - real_x * scale) / 2 + PLOT_PAD
    off_y = (height - 30 - real_y * scale) / 2
    points = [
        PlotPoint(
            number=n,
            observation=o,
            x=round(off_x + (o.longitude - min(lons)) * mid * scale, 1),
            y=round(off_y + (max(lats) - o.latitude) * scale, 1),
            colour=colours.get(o.need_category_id, "#6D6D6D"),
        )
        for n, o in located
    ]
    metres_per_px = 1 / scale * METRES_PER_DEGREE
    scale_m = _nice_length(metres_per_px * inner / 4)
    return Plot(PLOT_WIDTH, height, points, round(scale_m / metres_per_px, 1), scale_m)
