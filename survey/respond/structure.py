"""A survey with its questions and choices, kept in memory between requests.

Every resident page needs the whole questionnaire. Loading it is most of the work of a page
(three queries and an object per question and choice), and it changes rarely, so each process
keeps the last loaded copy per survey and checks with one small query whether it is still
current: any change to the survey, a question or a choice moves survey.updated_at (see
_stamp_changed_surveys in survey/models/survey.py).

The copy is detached from every session and shared by the requests of the process, so it is
read-only: resident pages read it and write responses by id (services/responses.py never
links a response to a survey object). Never add it to a session, never change it.
"""

from __future__ import annotations

import threading

from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..models import Question, Survey

_LOCK = threading.Lock()
_STAMP = select(Survey.id, Survey.updated_at).where(Survey.slug == bindparam("slug"))
_LOAD = (
    select(Survey)
    .where(Survey.id == bindparam("survey_id"))
    .options(selectinload(Survey.questions).selectinload(Question.choices))
)


def _cache() -> dict[str, tuple[object, Survey]]:
    return current_app.extensions.setdefault("survey_structures", {})


def load_structure(session: Session, slug: str) -> Survey | None:
    """The survey with this slug, its questions and their choices, bound to `session`."""
    stamp = session.execute(_STAMP, {"slug": slug}).one_or_none()
    if stamp is None:
        return None
    held = session.identity_key(Survey, stamp.id) in session.identity_map
    cache = _cache()
    hit = cache.get(slug)
    if not held and hit is not None and hit[0] == tuple(stamp):
        return hit[1]
    survey = session.scalar(_LOAD, {"survey_id": stamp.id})
    if held:
        # this session holds the survey already (and perhaps changes to it): use its own
        return survey
    if survey is None:  # deleted between the two queries
        return None
    if (survey.id, survey.updated_at) == tuple(stamp):
        # detach it (with its questions and choices), every link between them loaded
        for question in survey.questions:
            set_committed_value(question, "survey", survey)
            for choice in question.choices:
                set_committed_value(choice, "question", question)
        session.expunge(survey)
        with _LOCK:
            cache[slug] = (tuple(stamp), survey)
    return survey
