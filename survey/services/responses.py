"""THE way responses are written: start, save a page's answers, complete, or record at once.

Every function only flushes; the caller commits once, so one request is one transaction and an
error half-way leaves nothing stored. A response is identified by its client UUID, unique per
survey in the database: sending the same request again (a double tap, a resent POST, a paper
form keyed in twice) finds the response that is already there instead of creating a second one.
A complete response never changes again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import conflict_insert
from ..models import Answer, Channel, Question, Response, ResponseStatus, Survey
from ..models.base import utcnow
from ..questions import AnswerRow
from . import tallies


class ResponseClosed(Exception):
    """The response is complete: replayed or late requests cannot change it."""


def coarse_time(survey: Survey, now: datetime | None = None) -> datetime:
    """Now, cut to the day when the survey is anonymous (no timing that identifies people)."""
    now = now or utcnow()
    if survey.anonymous:
        return datetime(now.year, now.month, now.day, tzinfo=UTC)
    return now


# The statements every resident request runs are built once: building a statement costs more
# than running it on an indexed column.
_FIND = select(Response).where(
    Response.survey_id == bindparam("survey_id"), Response.client_uuid == bindparam("client_uuid")
)
_ANY_ANSWER = select(Answer.id).where(Answer.response_id == bindparam("response_id")).limit(1)
_LOCK = (
    select(Response)
    .where(Response.id == bindparam("response_id"))
    .with_for_update()
    .execution_options(populate_existing=True)
)
_ANSWER_VALUES = select(Answer.question_id, Answer.choice_id, Answer.value_number).where(
    Answer.response_id == bindparam("response_id")
)
_ANSWERS = select(Answer).where(Answer.response_id == bindparam("response_id")).order_by(Answer.id)


def find_response(session: Session, survey_id: int, client_uuid: str) -> Response | None:
    """The response with this client UUID in this survey, if there is one."""
    return session.scalar(_FIND, {"survey_id": survey_id, "client_uuid": client_uuid})


def is_in_progress_elsewhere(session: Session, response: Response) -> bool:
    """True once a response holds answers or is complete: then only its own browser may open it."""
    if response.status is ResponseStatus.COMPLETE:
        return True
    return session.scalar(_ANY_ANSWER, {"response_id": response.id}) is not None


def start_response(
    session: Session,
    survey: Survey,
    client_uuid: str,
    *,
    language: str,
    easy_read: bool = False,
    consent_version: int | None = None,
    channel: Channel = Channel.WEB,
    entered_by_id: int | None = None,
    now: datetime | None = None,
) -> Response:
    """Create the response for `client_uuid`, or return the one that already exists."""
    existing = find_response(session, survey.id, client_uuid)
    if existing is not None:
        return existing
    stamp = coarse_time(survey, now)
    response = Response(
        survey_id=survey.id,
        client_uuid=client_uuid,
        round=survey.round,
        language=language,
        easy_read=easy_read,
        channel=channel,
        status=ResponseStatus.PARTIAL,
        consent_version=consent_version,
        started_at=stamp,
        updated_at=stamp,
        entered_by_id=entered_by_id,
    )
    try:
        with session.begin_nested():
            session.add(response)
    except IntegrityError:
        # a concurrent request with the same client UUID was faster: use its response
        existing = find_response(session, survey.id, client_uuid)
        if existing is None:
            raise
        return existing
    return response


def _lock(session: Session, response: Response) -> Response:
    """Reload the response and hold its row until commit, so requests for it queue up."""
    return session.execute(_LOCK, {"response_id": response.id}).scalar_one()


def load_answers(session: Session, response: Response) -> dict[int, list[Answer]]:
    """The stored answer rows of a response, by question id."""
    by_question: dict[int, list[Answer]] = {}
    rows = session.scalars(_ANSWERS, {"response_id": response.id})
    for answer in rows:
        by_question.setdefault(answer.question_id, []).append(answer)
    return by_question


def save_answers(
    session: Session,
    survey: Survey,
    response: Response,
    answers: Mapping[Question, Iterable[AnswerRow]],
    *,
    language: str | None = None,
    easy_read: bool | None = None,
    now: datetime | None = None,
) -> None:
    """Replace the answers to the given questions (an empty list clears an answer)."""
    response = _lock(session, response)
    if response.status is ResponseStatus.COMPLETE:
        raise ResponseClosed
    question_ids = [q.id for q in answers]
    if question_ids:
        session.execute(
            delete(Answer)
            .where(Answer.response_id == response.id, Answer.question_id.in_(question_ids))
            .execution_options(synchronize_session="fetch")
        )
    _insert_answers(session, response.id, answers)
    if language:
        response.language = language
    if easy_read is not None:
        response.easy_read = easy_read
    response.updated_at = coarse_time(survey, now)
    session.flush()


def _insert_answers(
    session: Session, response_id: int, answers: Mapping[Question, Iterable[AnswerRow]]
) -> None:
    """All answer rows in one statement (an executemany), not one INSERT per row."""
    rows = [
        {
            "response_id": response_id,
            "question_id": question.id,
            "choice_id": row.choice_id,
            "value_number": row.value_number,
            "value_text": row.value_text,
            "value_date": row.value_date,
        }
        for question, given in answers.items()
        for row in given
    ]
    if rows:
        session.execute(insert(Answer.__table__), rows)


def complete_response(
    session: Session,
    survey: Survey,
    response: Response,
    visible_question_ids: Iterable[int],
    now: datetime | None = None,
) -> bool:
    """Mark the response complete; drop answers to questions the resident no longer sees.

    Returns False when it was complete already (a replayed "Send" changes nothing).
    """
    response = _lock(session, response)
    if response.status is ResponseStatus.COMPLETE:
        return False
    session.execute(
        delete(Answer)
        .where(
            Answer.response_id == response.id,
            Answer.question_id.not_in(list(visible_question_ids)),
        )
        .execution_options(synchronize_session="fetch")
    )
    stamp = coarse_time(survey, now)
    response.status = ResponseStatus.COMPLETE
    response.completed_at = stamp
    response.updated_at = stamp
    session.flush()
    tallies.count_response(
        session, survey, round_=response.round, channel=response.channel.value,
        answers=session.execute(_ANSWER_VALUES, {"response_id": response.id}).all(),
    )  # fmt: skip
    return True


def _insert_once(session: Session, values: dict) -> int | None:
    """INSERT the response unless its (survey, client UUID) is stored already: its new id, or
    None. One statement and no savepoint, on SQLite (3.35+) and PostgreSQL alike; a
    concurrent insert of the same UUID waits for the other and then does nothing."""
    statement = _INSERT_ONCE[session.get_bind().dialect.name]
    return session.execute(statement, values).scalar_one_or_none()


_INSERT_ONCE = {
    name: conflict_insert(name)(Response.__table__)
    .on_conflict_do_nothing(index_elements=["survey_id", "client_uuid"])
    .returning(Response.__table__.c.id)
    for name in ("sqlite", "postgresql")
}


def record_response(
    session: Session,
    survey: Survey,
    client_uuid: str,
    answers: Mapping[Question, Iterable[AnswerRow]],
    *,
    language: str,
    easy_read: bool = False,
    channel: Channel = Channel.PAPER,
    entered_by_id: int | None = None,
    now: datetime | None = None,
) -> tuple[int, bool]:
    """Store a whole, complete response at once (paper entry): its id, and False if a
    response with this client UUID existed already (then nothing is written).

    `answers` holds only the questions the form asked (the caller drops hidden ones). The
    response row and its answer rows are two statements in the caller's transaction.
    """
    stamp = coarse_time(survey, now)
    response_id = _insert_once(
        session,
        {
            "survey_id": survey.id,
            "client_uuid": client_uuid,
            "round": survey.round,
            "language": language,
            "easy_read": easy_read,
            "channel": channel,
            "status": ResponseStatus.COMPLETE,
            "started_at": stamp,
            "updated_at": stamp,
            "completed_at": stamp,
            "entered_by_id": entered_by_id,
        },
    )
    if response_id is None:
        existing = find_response(session, survey.id, client_uuid)
        if existing is None:  # pragma: no cover - the conflict was with a row now gone
            raise RuntimeError("the response with this client UUID vanished")
        return existing.id, False
    _insert_answers(session, response_id, answers)
    tallies.count_response(
        session, survey, round_=survey.round, channel=channel.value,
        answers=[(q.id, row.choice_id, row.value_number) for q, given in answers.items()
                 for row in given],
    )  # fmt: skip
    return response_id, True
