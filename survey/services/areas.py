"""The town's areas (Gebiete, Quartiere): add, rename, reorder and remove them.

Walks belong to an area; a survey's area question offers the areas as its choices (copied when
the question is made, so published surveys never change under the residents' feet).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import lazy_gettext as _l
from ..models import Area, Walk
from .surveys import BuilderError, slugify, text_problem

MAX_LABEL = 120


def list_areas(session: Session) -> list[Area]:
    return list(session.scalars(select(Area).order_by(Area.position, Area.id)))


def walk_counts(session: Session) -> dict[int, int]:
    """How many walks each area has (areas without walks are left out)."""
    rows = session.execute(
        select(Walk.area_id, func.count(Walk.id))
        .where(Walk.area_id.is_not(None))
        .group_by(Walk.area_id)
    )
    return dict(rows.all())


def _clean(labels: Mapping[str, str | None], place: str) -> dict[str, str]:
    """The non-empty names by language; `place` + language names the field of a problem."""
    cleaned = {}
    for lang, value in labels.items():
        text = (value or "").strip()
        if not text:
            continue
        if len(text) > MAX_LABEL:
            raise BuilderError(
                _l("A text can have at most %(max)s characters.", max=MAX_LABEL), place + lang
            )
        problem = text_problem(text)
        if problem is not None:
            raise BuilderError(problem, place + lang)
        cleaned[lang] = text
    return cleaned


def _texts(labels: Mapping[str, str | None], easy: Mapping[str, str | None]) -> dict:
    texts: dict = {"label": _clean(labels, "label-")}
    if not texts["label"].get("de"):
        raise BuilderError(_l("Enter the name of the area in German."), "label-de")
    easy_read = _clean(easy, "easy-")
    if easy_read:
        texts["label_easy"] = easy_read
    return texts


def _unique_key(session: Session, label: str) -> str:
    base = slugify(label)[:56].strip("-") or "gebiet"
    taken = set(session.scalars(select(Area.key)))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _duplicate_name(session: Session, german: str, area_id: int | None) -> bool:
    names = {
        area.id: ((area.texts or {}).get("label") or {}).get("de", "").strip().lower()
        for area in list_areas(session)
    }
    return any(name == german.lower() for key, name in names.items() if key != area_id)


def add_area(
    session: Session, labels: Mapping[str, str | None], easy: Mapping[str, str | None]
) -> Area:
    """A new area at the end of the list; its key comes from the German name and never changes."""
    texts = _texts(labels, easy)
    if _duplicate_name(session, texts["label"]["de"], None):
        raise BuilderError(_l("There is already an area with this name."), "label-de")
    position = session.scalar(select(func.coalesce(func.max(Area.position), -1))) + 1
    area = Area(key=_unique_key(session, texts["label"]["de"]), position=position, texts=texts)
    session.add(area)
    session.flush()
    return area


def update_area(
    session: Session,
    area: Area,
    labels: Mapping[str, str | None],
    easy: Mapping[str, str | None],
) -> None:
    """New names for an area. Its key stays, so exports and earlier answers keep matching."""
    texts = _texts(labels, easy)
    if _duplicate_name(session, texts["label"]["de"], area.id):
        raise BuilderError(_l("There is already an area with this name."), "label-de")
    area.texts = texts
    session.flush()


def move_area(session: Session, area: Area, step: int) -> None:
    """Move an area one place up (step -1) or down (+1); the list is renumbered 0, 1, 2 …"""
    areas = list_areas(session)
    index = areas.index(area)
    target = index + step
    if 0 <= target < len(areas):
        areas[index], areas[target] = areas[target], areas[index]
    for position, item in enumerate(areas):
        item.position = position
    session.flush()


def delete_area(session: Session, area: Area) -> None:
    """Remove an area that no walk belongs to; areas with walks are refused."""
    if walk_counts(session).get(area.id):
        raise BuilderError(
            _l("Walks belong to this area. It stays, so that their reports keep their area.")
        )
    session.delete(area)
    session.flush()
