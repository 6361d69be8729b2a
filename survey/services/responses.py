"""THE way responses are written: start, save a page's answers, complete, or record at once.

Every function only flushes; the caller commits once, so one request is one transaction and an
error half-way leaves nothing stored. A response is identified by its client UUID, unique per
survey in the database: sending the same request again (a double tap, a resent POST, a paper
form keyed in twice) finds the response that is already there instead of creating a second one.
A complete response never changes again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Answer, Channel, Question, Response, ResponseStatus, Survey
from ..models.base import utcnow
from ..questions import AnswerRow


class ResponseClosed(Exception):
    """The response is complete: replayed or late requests cannot change it."""


def coarse_time(survey: Survey, now: datetime | None = None) -> datetime:
    """Now, cut to the day when the survey is anonymous (no timing that identifies people)."""
    now = now or utcnow()
    if survey.anonymous:
        return datetime(now.year, now.month, now.day, tzinfo=UTC)
    return now


def find_response(session: Session, survey_id: int, client_uuid: str) -> Response | None:
    """The response with this client UUID in this survey, if there is one."""
    return session.scalar(
        select(Response).where(Response.survey_id == survey_id, Response.client_uuid == client_uuid)
    )


def is_in_progress_elsewhere(session: Session, response: Response) -> bool:
    """True once a response holds answers or is complete: then only its own browser may open it."""
    if response.status is ResponseStatus.COMPLETE:
        return True
    return (
        session.scalar(select(Answer.id).where(Answer.response_id == response.id).limit(1))
        is not None
    )


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
    stmt = (
        select(Response)
        .where(Response.id == response.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.execute(stmt).scalar_one()


def load_answers(session: Session, response: Response) -> dict[int, list[Answer]]:
    """The stored answer rows of a response, by question id."""
    by_question: dict[int, list[Answer]] = {}
    rows = session.scalars(
        select(Answer).where(Answer.response_id == response.id).order_by(Answer.id)
    )
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
    for question, rows in answers.items():
        for row in rows:
            session.add(Answer(response_id=response.id, question_id=question.id, **asdict(row)))
    if language:
        response.language = language
    if easy_read is not None:
        response.easy_read = easy_read
    response.updated_at = coarse_time(survey, now)
    session.flush()


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
    return True


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
) -> tuple[Response, bool]:
    """Store a whole, complete response at once (paper entry); False if it existed already.

    `answers` holds only the questions the form asked (the caller drops hidden ones). The
    response and its answers go in with one flush.
    """
    existing = find_response(session, survey.id, client_uuid)
    if existing is not None:
        return existing, False
    stamp = coarse_time(survey, now)
    response = Response(
        survey_id=survey.id,
        client_uuid=client_uuid,
        round=survey.round,
        language=language,
        easy_read=easy_read,
        channel=channel,
        status=ResponseStatus.COMPLETE,
        started_at=stamp,
        updated_at=stamp,
        completed_at=stamp,
        entered_by_id=entered_by_id,
        answers=[
            Answer(question_id=question.id, **asdict(row))
            for question, rows in answers.items()
            for row in rows
        ],
    )
    try:
        with session.begin_nested():
            session.add(response)
    except IntegrityError:
        # a concurrent request with the same client UUID was faster: it stored the response
        existing = find_response(session, survey.id, client_uuid)
        if existing is None:
            raise
        return existing, False
    return response, True
