"""The running counts (services/tallies.py) against counting the answers, on both databases."""

from __future__ import annotations

import random
import uuid

import pytest
from alembic import command
from sqlalchemy import event, func, insert, select

from survey.db import alembic_config, upgrade
from survey.models import Answer, AnswerTally, Channel, NeedCategory, Response, ResponseStatus
from survey.questions import AnswerRow
from survey.services import aggregate as agg
from survey.services import responses, tallies
from survey.services.needs import need_profiles
from survey.services.taxonomy import seed_need_categories
from tests.factories import make_survey

AREAS = ["altstadt", "nordviertel", "bahnhof"]


def _rows(question, keys):
    choices = {c.key: c for c in question.choices}
    out = []
    for rank, key in enumerate(keys, start=1):
        choice = choices[key]
        number = (
            float(key) if key.isdigit() else (float(rank) if question.type == "ranking" else None)
        )
        out.append(AnswerRow(choice_id=choice.id, value_number=number))
    return out


@pytest.fixture
def survey(db):
    seed_need_categories(db)
    cats = [c.id for c in db.scalars(select(NeedCategory).order_by(NeedCategory.position))]
    survey = make_survey(db, "zaehlen", [
        {"key": "gebiet", "type": "area", "choices": AREAS},
        {"key": "alter", "type": "single_choice", "choices": ["jung", "alt"],
         "settings": {"is_group": True}},
        {"key": "probleme", "type": "multiple_choice", "choices": [
            {"key": "bus", "need_category_id": cats[0]},
            {"key": "stufen", "need_category_id": cats[1], "weight": 0.5},
            {"key": "briefe", "need_category_id": cats[2]},
            {"key": "keine", "exclusive": True}]},
        {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3", "4", "5"]},
        {"key": "wichtig", "type": "ranking", "choices": ["bank", "licht", "bus"]},
        {"key": "jahre", "type": "number", "settings": {"min": 0, "max": 120}},
    ], languages=["de", "en"])  # fmt: skip
    survey.publish()
    db.commit()
    return survey


def _answers(survey, rng: random.Random, with_area: bool = True) -> dict:
    q = {question.key: question for question in survey.questions}
    found = {
        q["alter"]: _rows(q["alter"], [rng.choice(["jung", "alt"])]),
        q["probleme"]: _rows(
            q["probleme"], rng.sample(["bus", "stufen", "briefe"], rng.randint(1, 3))
        ),
        q["zufrieden"]: _rows(q["zufrieden"], [str(rng.randint(1, 5))]),
        q["wichtig"]: _rows(q["wichtig"], rng.sample(["bank", "licht", "bus"], 3)),
        q["jahre"]: [AnswerRow(value_number=float(rng.randint(18, 90)))],
    }
    if with_area:
        found[q["gebiet"]] = _rows(q["gebiet"], [rng.choice(AREAS)])
    return found


def _fill(db, survey, count: int = 40) -> None:
    """Responses the ways the app writes them: paper entry, the resident's pages, unfinished
    ones, one without an area, and a second round."""
    rng = random.Random(7)
    for n in range(count):
        answers = _answers(survey, rng, with_area=n % 13 != 5)
        if n % 3 == 0:
            responses.record_response(db, survey, str(uuid.uuid4()), answers, language="de",
                                      channel=Channel.PAPER)  # fmt: skip
        else:
            response = responses.start_response(db, survey, str(uuid.uuid4()), language="en")
            responses.save_answers(db, survey, response, answers)
            if n % 5 != 4:  # the rest stay unfinished
                responses.complete_response(db, survey, response, [q.id for q in survey.questions])
        db.commit()
        if n == count // 2:
            survey.round = 2
            db.commit()


FILTERS = [
    agg.Filters(),
    agg.Filters(area="nordviertel"),
    agg.Filters(channel="paper"),
    agg.Filters(round=2),
    agg.Filters(area="altstadt", channel="web", round=1),
]


def _dimensions(survey):
    return [None, agg.Dimension("area", agg.area_question(survey)), agg.Dimension("channel"),
            agg.Dimension("round")]  # fmt: skip


def _everything(db, survey) -> dict:
    found = {}
    for filters in FILTERS:
        for by in _dimensions(survey):
            label = (filters, by.kind if by else None)
            found[("respondents", label)] = agg.respondent_counts(db, survey, filters, by)
            found[("choices", label)] = {
                key: (n, round(mean, 9) if mean is not None else None)
                for key, (n, mean) in agg.choice_counts(db, survey, filters, by).items()
            }
            found[("needs", label)] = {
                key: [(r.category.key, r.named, round(r.weighted, 9), r.respondents)
                      for r in profile.rows]
                for key, profile in need_profiles(db, survey, filters, 5, by).items()
            }  # fmt: skip
    return found


def test_running_counts_give_what_counting_the_answers_gives(db, survey, monkeypatch):
    _fill(db, survey)
    assert tallies.in_step(db, survey), "the app's ways of writing did not keep the counts"
    statements = []
    engine = db.get_bind()

    def seen(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        from_tallies = _everything(db, survey)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert any("FROM answer_tally" in s for s in statements)
    assert not any("FROM response JOIN answer" in s and "GROUP BY" in s for s in statements), (
        "answers were counted although the running counts could answer"
    )
    monkeypatch.setattr(tallies, "in_step", lambda _session, _survey: False)
    counted = _everything(db, survey)
    assert from_tallies == counted
    assert from_tallies[("respondents", (agg.Filters(), None))][None] == _complete(db)


def _complete(db) -> int:
    return db.scalar(
        select(func.count()).select_from(Response).where(Response.status == ResponseStatus.COMPLETE)
    )


def _tally_rows(db, survey) -> list:
    return db.execute(
        select(AnswerTally.__table__)
        .where(AnswerTally.survey_id == survey.id)
        .order_by(*AnswerTally.__table__.primary_key.columns)
    ).all()


def test_rebuilding_gives_the_counts_kept_on_the_way(db, survey):
    _fill(db, survey, count=25)
    kept = _tally_rows(db, survey)
    assert tallies.rebuild(db, survey) == _complete(db)
    db.commit()
    assert _rounded(_tally_rows(db, survey)) == _rounded(kept)


def _rounded(rows) -> list:
    # value_sum (the 9th column) is a float sum, added up in another order
    return [(*row[:8], round(row[8], 9), *row[9:]) for row in rows]


def test_a_response_written_another_way_makes_results_count_the_answers(db, survey):
    _fill(db, survey, count=12)
    before = agg.respondent_counts(db, survey, agg.Filters())[None]
    # a complete response that bypassed the services (e.g. a bulk load)
    rid = db.execute(
        insert(Response.__table__).returning(Response.id),
        {"survey_id": survey.id, "client_uuid": str(uuid.uuid4()), "language": "de",
         "status": ResponseStatus.COMPLETE, "channel": Channel.WEB, "round": 1},
    ).scalar_one()  # fmt: skip
    probleme = next(q for q in survey.questions if q.key == "probleme")
    db.execute(insert(Answer.__table__), [{"response_id": rid, "question_id": probleme.id,
                                           "choice_id": probleme.choices[0].id}])  # fmt: skip
    db.commit()
    assert not tallies.in_step(db, survey)
    assert agg.respondent_counts(db, survey, agg.Filters())[None] == before + 1
    counts = agg.choice_counts(db, survey, agg.Filters())
    assert counts[(None, probleme.id, probleme.choices[0].id)][0] >= 1
    tallies.rebuild(db, survey)
    db.commit()
    assert tallies.in_step(db, survey)
    assert agg.respondent_counts(db, survey, agg.Filters())[None] == before + 1


def test_the_migration_counts_the_responses_that_are_complete_already(db, survey, database_url):
    _fill(db, survey, count=20)
    kept = _tally_rows(db, survey)
    db.close()
    command.downgrade(alembic_config(database_url), "0005_response_channel")
    upgrade(database_url)
    assert _rounded(_tally_rows(db, survey)) == _rounded(kept)


def test_rebuild_tallies_command_counts_again(app, db, survey):
    _fill(db, survey, count=9)
    db.execute(AnswerTally.__table__.delete())
    db.commit()
    assert not tallies.in_step(db, survey)
    result = app.test_cli_runner().invoke(args=["rebuild-tallies", "zaehlen"])
    assert result.exit_code == 0, result.output
    assert f"zaehlen: {_complete(db)} complete responses counted." in result.output
    db.rollback()
    assert tallies.in_step(db, survey)
    result = app.test_cli_runner().invoke(args=["rebuild-tallies", "gibt-es-nicht"])
    assert result.exit_code != 0
    assert "No survey with the address gibt-es-nicht" in result.output
