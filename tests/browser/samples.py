"""Sample values for URL arguments, taken from the demo data, for the crawl in site.py.

A route with an argument this file does not know makes the crawl test fail with
"add a sample value for <arg>": add a line to SAMPLE_VALUES (and the demo object to
survey/services/demo.py seed_demo() if it does not exist yet).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.models import (
    Area,
    Choice,
    NeedCategory,
    Observation,
    Photo,
    Question,
    Response,
    ResponseStatus,
    Role,
    Survey,
    SurveyKind,
    SurveyStatus,
    User,
    Walk,
    WalkStatus,
)

HERE = "tests/browser/samples.py"


def _first(session: Session, stmt) -> object | None:
    return session.scalars(stmt.limit(1)).first()


def _questionnaire(s: Session) -> Survey | None:
    """The demo survey residents answer: an open questionnaire, else any questionnaire."""
    base = select(Survey).where(Survey.kind == SurveyKind.QUESTIONNAIRE).order_by(Survey.id)
    return _first(s, base.where(Survey.status == SurveyStatus.OPEN)) or _first(s, base)


def _walk(s: Session) -> Walk | None:
    """A walk still open for observations (its forms show themselves), else any walk."""
    base = select(Walk).order_by(Walk.id)
    return _first(s, base.where(Walk.status != WalkStatus.CLOSED)) or _first(s, base)


def _observation(s: Session) -> int | None:
    walk = _walk(s)
    stmt = select(Observation.id).order_by(Observation.id)
    return _first(s, stmt.where(Observation.walk_id == walk.id)) if walk else None


def _question(s: Session) -> Question | None:
    survey = _questionnaire(s)
    if survey is None:
        return None
    return _first(
        s, select(Question).where(Question.survey_id == survey.id).order_by(Question.position)
    )


def _attr(getter: Callable[[Session], object | None], name: str):
    def value(s: Session):
        obj = getter(s)
        return None if obj is None else getattr(obj, name)

    return value


def _scalar(stmt_factory: Callable[[], object]):
    return lambda s: s.scalars(stmt_factory().limit(1)).first()


def _protocol(s: Session) -> Survey | None:
    walk = _walk(s)
    if walk is not None:
        return s.get(Survey, walk.protocol_id)
    return _first(
        s, select(Survey).where(Survey.kind == SurveyKind.WALK_PROTOCOL).order_by(Survey.id)
    )


# argument name -> a function giving the demo value. A new URL argument needs a line here.
SAMPLE_VALUES: dict[str, Callable[[Session], object | None]] = {
    "slug": _attr(_questionnaire, "slug"),
    "survey_id": _attr(_questionnaire, "id"),
    "protocol_id": _attr(_protocol, "id"),
    "question_id": _attr(_question, "id"),
    "question_key": _attr(_question, "key"),
    "key": _attr(_question, "key"),
    "choice_key": lambda s: _first(
        s,
        select(Choice.key).where(Choice.question_id == _question(s).id).order_by(Choice.position),
    ),
    "choice_id": _scalar(
        lambda: select(Choice.id).join(Question).order_by(Question.position, Choice.position)
    ),
    "page": lambda s: 1,
    "number": lambda s: 1,
    "position": lambda s: 1,
    "walk_id": _attr(_walk, "id"),
    "walk_uuid": _attr(_walk, "uuid"),
    "uuid": _attr(_walk, "uuid"),
    "observation_id": _observation,
    "photo_id": _scalar(lambda: select(Photo.id).order_by(Photo.id)),
    "photo_uuid": _scalar(lambda: select(Photo.uuid).order_by(Photo.id)),
    "fmt": lambda s: "csv",
    "response_id": _scalar(
        lambda: (
            select(Response.id)
            .where(Response.status == ResponseStatus.COMPLETE)
            .order_by(Response.id)
        )
    ),
    "user_id": _scalar(
        lambda: select(User.id).where(User.role == Role.WALK_LEADER).order_by(User.id)
    ),
    "area_id": _scalar(lambda: select(Area.id).order_by(Area.position, Area.id)),
    "area": _scalar(lambda: select(Area.key).order_by(Area.position, Area.id)),
    "category_id": _scalar(lambda: select(NeedCategory.id).order_by(NeedCategory.position)),
    "need_category_id": _scalar(lambda: select(NeedCategory.id).order_by(NeedCategory.position)),
    "category": _scalar(lambda: select(NeedCategory.key).order_by(NeedCategory.position)),
    "lang": lambda s: "de",
    "language": lambda s: "de",
}


# route -> a query string the page needs to show itself (e.g. "?format=html"), if any.
QUERY_STRINGS: dict[str, str] = {}
