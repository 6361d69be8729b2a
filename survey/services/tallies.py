"""Running counts of the complete responses' answers (AnswerTally), kept where they change.

A response is counted in the same transaction that completes it (services/responses.py), so
the counts and the responses can never disagree after a commit. Results read these few
hundred rows instead of counting a million answers, but only after `in_step` has checked in
one statement that the counts cover exactly the survey's complete responses; otherwise (a
response written some other way, an area question added later) they count the answers as
before. `rebuild` recounts a survey from its answers (bulk loads, `mitsprache
rebuild-tallies`).

Complete responses never change, and the builder refuses to delete a question or a choice
that has answers, so nothing ever has to be taken off.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, event, func, select
from sqlalchemy.orm import Session

from ..db import conflict_insert
from ..models import Answer, AnswerTally, Question, Response, ResponseStatus, Survey

T = AnswerTally.__table__
R = Response.__table__
A = Answer.__table__
KEY = ["survey_id", "round", "channel", "area_question_id", "area_choice_id", "question_id",
       "choice_id"]  # fmt: skip


def area_question(survey: Survey) -> Question | None:
    """The survey's area question (the first, if there were several)."""
    return next((q for q in survey.questions if q.type == "area"), None)


def _add_statement(dialect: str):
    stmt = conflict_insert(dialect)(T)
    return stmt.on_conflict_do_update(
        index_elements=KEY,
        set_={
            "n": T.c.n + stmt.excluded.n,
            "value_sum": T.c.value_sum + stmt.excluded.value_sum,
            "value_n": T.c.value_n + stmt.excluded.value_n,
        },
    )


_ADD = {name: _add_statement(name) for name in ("sqlite", "postgresql")}


def count_response(
    session: Session,
    survey: Survey,
    *,
    round_: int,
    channel: str,
    answers: Iterable[tuple[int, int | None, float | None]],
) -> None:
    """Add one newly complete response, given its answers as (question, choice, number)."""
    area = area_question(survey)
    area_question_id = area.id if area is not None else 0
    rows = list(answers)
    area_choice_id = next(
        (cid for qid, cid, _v in rows if qid == area_question_id and cid is not None), 0
    )
    # (question, choice) → [answers, sum of their numbers, answers with a number]
    found: dict[tuple[int, int], list] = {(0, 0): [1, 0.0, 0]}
    for question_id, choice_id, value in rows:
        if choice_id is None:
            continue
        entry = found.setdefault((question_id, choice_id), [0, 0.0, 0])
        entry[0] += 1
        if value is not None:
            entry[1] += value
            entry[2] += 1
    base = {"survey_id": survey.id, "round": round_, "channel": channel,
            "area_question_id": area_question_id, "area_choice_id": area_choice_id}  # fmt: skip
    params = [
        {**base, "question_id": q, "choice_id": c, "n": n, "value_sum": s, "value_n": vn}
        # always in the same order, so concurrent completions lock rows in the same order
        for (q, c), (n, s, vn) in sorted(found.items())
    ]
    session.execute(_ADD[session.get_bind().dialect.name], params)


def in_step(session: Session, survey: Survey) -> bool:
    """True when the counts cover exactly the survey's complete responses, under its
    current area question. One statement, so both sides are read at the same moment; the
    answer is kept in the session until it writes, commits or rolls back."""
    known = session.info.setdefault(_IN_STEP, {})
    if survey.id not in known:
        known[survey.id] = _in_step(session, survey)
    return known[survey.id]


_IN_STEP = "tallies_in_step"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def forget(session: Session, *_args) -> None:
    """Check again next time (a new request does, as each gets its own session)."""
    session.info.pop(_IN_STEP, None)


def _in_step(session: Session, survey: Survey) -> bool:
    area = area_question(survey)
    complete = (
        select(func.count())
        .select_from(R)
        .where(R.c.survey_id == survey.id, R.c.status == ResponseStatus.COMPLETE)
        .scalar_subquery()
    )
    counted = (
        select(func.coalesce(func.sum(T.c.n), 0))
        .where(
            T.c.survey_id == survey.id,
            T.c.question_id == 0,
            T.c.area_question_id == (area.id if area is not None else 0),
        )
        .scalar_subquery()
    )
    found, tallied = session.execute(select(complete, counted)).one()
    return found == tallied


def rebuild(session: Session, survey: Survey) -> int:
    """Count the survey's complete responses again from their answers; returns how many."""
    area = area_question(survey)
    area_question_id = area.id if area is not None else 0
    g = A.alias("g")
    # each response with its area answer (none without an area question: no question 0)
    complete = (
        select()
        .select_from(R)
        .join(g, and_(g.c.response_id == R.c.id, g.c.question_id == area_question_id),
              isouter=True)
        .where(R.c.survey_id == survey.id, R.c.status == ResponseStatus.COMPLETE)
    )  # fmt: skip
    keys = [R.c.round, R.c.channel, func.coalesce(g.c.choice_id, 0)]
    responses = complete.add_columns(*keys, func.count()).group_by(*keys)
    answers = (
        complete.join(A, A.c.response_id == R.c.id)
        .where(A.c.choice_id.is_not(None))
        .add_columns(*keys, A.c.question_id, A.c.choice_id, func.count(),
                     func.coalesce(func.sum(A.c.value_number), 0.0), func.count(A.c.value_number))
        .group_by(*keys, A.c.question_id, A.c.choice_id)
    )  # fmt: skip
    base = {"survey_id": survey.id, "area_question_id": area_question_id}
    params = [
        {**base, "round": round_, "channel": channel.value, "area_choice_id": area_choice_id,
         "question_id": 0, "choice_id": 0, "n": n, "value_sum": 0.0, "value_n": 0}
        for round_, channel, area_choice_id, n in session.execute(responses)
    ]  # fmt: skip
    params += [
        {**base, "round": round_, "channel": channel.value, "area_choice_id": area_choice_id,
         "question_id": question_id, "choice_id": choice_id, "n": n,
         "value_sum": float(total), "value_n": numbered}
        for round_, channel, area_choice_id, question_id, choice_id, n, total, numbered
        in session.execute(answers)
    ]  # fmt: skip
    session.execute(delete(T).where(T.c.survey_id == survey.id))
    if params:
        session.execute(T.insert(), params)
    return sum(p["n"] for p in params if p["question_id"] == 0)
