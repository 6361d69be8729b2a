"""Helpers shared by the reliability tests: sample surveys, direct writes, table snapshots."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import Engine, insert, inspect, select, text

from survey.models import Answer, Base, Response, ResponseStatus

from ..factories import make_survey

QUESTIONS = [
    {"key": "wohnort", "type": "single_choice", "choices": ["altstadt", "nord", "sued"]},
    {"key": "themen", "type": "multiple_choice", "choices": ["wege", "info", "licht"]},
    {"key": "alter", "type": "number"},
    {"key": "idee", "type": "long_text"},
]


def add_survey(session, slug: str = "umfrage"):
    """An open survey with four questions; returns it after flush."""
    survey = make_survey(session, slug, QUESTIONS)
    survey.publish()
    session.flush()
    return survey


EMPTY_ANSWER = {"choice_id": None, "value_number": None, "value_text": None, "released": False}


def write_response(conn, survey_id: int, questions: dict, n: int) -> None:
    """One complete response with five answers in the connection's transaction (Core)."""
    response_id = conn.execute(
        insert(Response.__table__).returning(Response.__table__.c.id),
        {
            "survey_id": survey_id,
            "client_uuid": str(uuid.uuid4()),
            "round": 1,
            "language": "de",
            "easy_read": False,
            "channel": "web",
            "status": ResponseStatus.COMPLETE.value,
        },
    ).scalar_one()
    wohnort, themen, alter, idee = (questions[k] for k in ("wohnort", "themen", "alter", "idee"))
    rows = [
        {"question_id": wohnort["id"], "choice_id": wohnort["choices"][n % 3]},
        {"question_id": themen["id"], "choice_id": themen["choices"][n % 3]},
        {"question_id": themen["id"], "choice_id": themen["choices"][(n + 1) % 3]},
        {"question_id": alter["id"], "value_number": float(20 + n % 60)},
        {"question_id": idee["id"], "value_text": f"Idee Nummer {n} – mehr Bänke 🪑"},
    ]
    conn.execute(
        insert(Answer.__table__),
        [{**EMPTY_ANSWER, "response_id": response_id, **row} for row in rows],
    )


def question_map(session, survey) -> dict:
    return {q.key: {"id": q.id, "choices": [c.id for c in q.choices]} for q in survey.questions}


def table_digest(engine: Engine) -> dict[str, tuple[int, str]]:
    """Row count and a hash of all rows (ordered by primary key) for every table."""
    result = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            pk = [c.name for c in table.primary_key.columns]
            rows = conn.execute(select(table).order_by(*[table.c[c] for c in pk])).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            result[table.name] = (len(rows), digest)
    return result


def choice_counts(engine: Engine) -> list[tuple]:
    """The basic aggregate: complete responses per question and choice."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT a.question_id, a.choice_id, count(DISTINCT a.response_id) "
                "FROM answer a JOIN response r ON r.id = a.response_id "
                "WHERE r.status = 'complete' AND a.choice_id IS NOT NULL "
                "GROUP BY a.question_id, a.choice_id ORDER BY 1, 2"
            )
        ).all()


def orphans(engine: Engine) -> int:
    """Responses without all five answers, or answers without a response."""
    with engine.connect() as conn:
        partial = conn.execute(
            text(
                "SELECT count(*) FROM response r WHERE "
                "(SELECT count(*) FROM answer a WHERE a.response_id = r.id) <> 5"
            )
        ).scalar_one()
        loose = conn.execute(
            text(
                "SELECT count(*) FROM answer a LEFT JOIN response r ON r.id = a.response_id "
                "WHERE r.id IS NULL"
            )
        ).scalar_one()
    return partial + loose


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()
