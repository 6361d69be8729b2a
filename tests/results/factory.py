"""Write responses straight into the tables (tests only; the app goes through its services),
and count the complete ones as the app does."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from survey.models import Answer, Channel, Response, ResponseStatus, Survey
from survey.services import tallies

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def add_response(
    session,
    survey: Survey,
    answers: dict[str, Any],
    *,
    status: str = "complete",
    channel: str = "web",
    language: str = "de",
    round: int = 1,
    when: datetime = WHEN,
) -> Response:
    """answers: question key → choice key, list of keys, number, text, date or {key: rank}."""
    questions = {q.key: q for q in survey.questions}
    response = Response(
        survey_id=survey.id,
        client_uuid=str(uuid.uuid4()),
        round=round,
        language=language,
        channel=Channel(channel),
        status=ResponseStatus(status),
        started_at=when,
        completed_at=when if status == "complete" else None,
    )
    for key, value in answers.items():
        question = questions[key]
        choices = {c.key: c for c in question.choices}
        if question.type == "ranking":
            for choice_key, rank in value.items():
                response.answers.append(
                    Answer(question_id=question.id, choice_id=choices[choice_key].id,
                           value_number=float(rank))
                )  # fmt: skip
        elif question.type == "multiple_choice":
            for choice_key in value:
                response.answers.append(
                    Answer(question_id=question.id, choice_id=choices[choice_key].id)
                )
        elif choices:
            number = float(value) if value.isdigit() else None
            response.answers.append(
                Answer(question_id=question.id, choice_id=choices[value].id, value_number=number)
            )
        elif isinstance(value, (int, float)):
            response.answers.append(Answer(question_id=question.id, value_number=float(value)))
        elif isinstance(value, date):
            response.answers.append(Answer(question_id=question.id, value_date=value))
        else:
            response.answers.append(Answer(question_id=question.id, value_text=value))
    session.add(response)
    session.flush()
    if status == "complete":
        # as the app does in the transaction that completes a response
        tallies.count_response(
            session, survey, round_=round, channel=channel,
            answers=[(a.question_id, a.choice_id, a.value_number) for a in response.answers],
        )  # fmt: skip
    return response


def add_many(session, survey: Survey, count: int, answers: dict[str, Any], **kw) -> None:
    for _ in range(count):
        add_response(session, survey, answers, **kw)
