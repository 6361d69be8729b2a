"""A survey with its questions and choices, kept in memory between requests.

Every resident page needs the whole questionnaire. Loading it is most of the work of a page
(three queries and an object per question and choice), and it changes rarely, so each process
keeps the last loaded copy per survey and checks with one small query whether it is still
current: any change to the survey, a question or a choice moves survey.updated_at (see
_stamp_changed_surveys in survey/models/survey.py). The copy is detached and never changed;
each request gets its own objects from it with Session.merge(load=False), without a query.
"""

from __future__ import annotations

import threading

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Question, Survey

_LOCK = threading.Lock()


def _cache() -> dict[str, tuple[object, Survey]]:
    return current_app.extensions.setdefault("survey_structures", {})


def load_structure(session: Session, slug: str) -> Survey | None:
    """The survey with this slug, its questions and their choices, bound to `session`."""
    stamp = session.execute(
        select(Survey.id, Survey.updated_at).where(Survey.slug == slug)
    ).one_or_none()
    if stamp is None:
        return None
    load = (
        select(Survey)
        .where(Survey.id == stamp.id)
        .options(selectinload(Survey.questions).selectinload(Question.choices))
    )
    if session.identity_key(Survey, stamp.id) in session.identity_map:
        # this session holds the survey already (and perhaps changes to it): use its own
        return session.scalar(load)
    cache = _cache()
    hit = cache.get(slug)
    if hit is not None and hit[0] == tuple(stamp):
        return session.merge(hit[1], load=False)
    survey = session.scalar(load)
    if survey is None:  # deleted between the two queries
        return None
    if (survey.id, survey.updated_at) == tuple(stamp):
        # keep a detached copy: expunge this one (with its questions and choices) and give
        # the request a merged copy, so nothing the request does can reach the cache
        session.expunge(survey)
        with _LOCK:
            cache[slug] = (tuple(stamp), survey)
        return session.merge(survey, load=False)
    return survey
