"""`mitsprache purge`: retention is a command, not a wish."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import func, select

from survey.models import Answer, NeedCategory, RateLimitCounter, Response, ResponseStatus, TextCode
from survey.models.base import utcnow
from survey.services import ratelimit
from survey.services.taxonomy import seed_need_categories

from . import data


def _response(session, survey, questions, *, status, age_days, touched_days=None):
    now = utcnow()
    response = Response(
        survey_id=survey.id,
        client_uuid=f"uuid-{status.value}-{age_days}-{touched_days}",
        language="de",
        status=status,
        started_at=now - timedelta(days=age_days),
        updated_at=None if touched_days is None else now - timedelta(days=touched_days),
    )
    response.answers = [
        Answer(
            question_id=questions["wohnort"]["id"], choice_id=questions["wohnort"]["choices"][0]
        ),
        Answer(question_id=questions["idee"]["id"], value_text="Mehr Licht am Bahnhof"),
    ]
    session.add(response)
    session.flush()
    return response


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_purge_deletes_only_stale_partial_responses_and_expired_counters(app, db):
    survey = data.add_survey(db)
    questions = data.question_map(db, survey)
    old_partial = _response(db, survey, questions, status=ResponseStatus.PARTIAL, age_days=40)
    _response(db, survey, questions, status=ResponseStatus.PARTIAL, age_days=40, touched_days=2)
    _response(db, survey, questions, status=ResponseStatus.PARTIAL, age_days=3)
    _response(db, survey, questions, status=ResponseStatus.COMPLETE, age_days=400)
    seed_need_categories(db)
    category = db.scalars(select(NeedCategory)).first()
    db.add(TextCode(answer_id=old_partial.answers[1].id, need_category_id=category.id))
    now = time.time()
    ratelimit.hit(db, "old", 10, 900, now=now - 3 * 86400)
    ratelimit.hit(db, "fresh", 10, 900, now=now)
    db.commit()

    result = app.test_cli_runner().invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would delete 1 unfinished responses older than 30 days (2 answers)" in result.output
    assert "and 1 expired rate-limit counters" in result.output
    db.expire_all()
    assert _count(db, Response) == 4, "a dry run deleted something"

    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 unfinished responses" in result.output
    db.expire_all()
    remaining = db.execute(select(Response.status, Response.started_at)).all()
    assert len(remaining) == 3
    assert _count(db, Answer) == 6
    assert _count(db, TextCode) == 0
    assert db.scalars(select(RateLimitCounter.key)).all() == ["fresh"]

    result = app.test_cli_runner().invoke(args=["purge", "--partial-days", "1"])
    assert "Deleted 2 unfinished responses older than 1 days (4 answers)" in result.output
    db.expire_all()
    assert db.scalars(select(Response.status)).all() == [ResponseStatus.COMPLETE]


def test_purge_refuses_a_retention_below_one_day(app):
    result = app.test_cli_runner().invoke(args=["purge", "--partial-days", "0"])
    assert result.exit_code == 2
    assert "0 is not in the range x>=1" in result.output
