"""The question-type registry: parsing, answer rows, redisplay, and rendering each type."""

from __future__ import annotations

from datetime import date

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from survey.conditions import condition_errors, visible_questions
from survey.i18n import force_locale
from survey.questions import REGISTRY, AnswerError, get_type

from .factories import ALL_TYPES, make_survey
from .pages import check_page


@pytest.fixture
def survey(db):
    return make_survey(db, questions=ALL_TYPES)


def q(survey, key):
    return next(x for x in survey.questions if x.key == key)


def parse(question, **data):
    return get_type(question).parse(question, MultiDict(data))


def test_registry_covers_every_type_the_builder_offers():
    assert set(REGISTRY) == {t["type"] for t in ALL_TYPES}


def test_single_choice_stores_one_row_with_the_choice(survey):
    rows = parse(q(survey, "hilfe"), **{"q-hilfe": "manchmal"})
    assert [r.choice_id for r in rows] == [q(survey, "hilfe").choices[1].id]


def test_unknown_choice_is_refused(survey):
    with pytest.raises(AnswerError):
        parse(q(survey, "hilfe"), **{"q-hilfe": "<script>"})


def test_required_question_needs_an_answer(survey):
    with pytest.raises(AnswerError) as info:
        parse(q(survey, "wohnort"))
    assert info.value.control == "q-wohnort-0"


def test_optional_question_may_be_skipped(survey):
    assert parse(q(survey, "hilfe")) == []


def test_multiple_choice_rows_and_exclusive_none_of_these(survey):
    question = q(survey, "themen")
    form = MultiDict([("q-themen", "wege"), ("q-themen", "info")])
    assert len(get_type(question).parse(question, form)) == 2
    with pytest.raises(AnswerError):
        get_type(question).parse(
            question, MultiDict([("q-themen", "wege"), ("q-themen", "nichts")])
        )


def test_rating_rows_carry_the_point_number(survey):
    assert parse(q(survey, "zufrieden"), **{"q-zufrieden": "4"})[0].value_number == 4.0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("42", 42.0), ("١٢", 12.0), ("1.000", 1000.0), ("-3", None), ("12,5", None), ("zwölf", None)],
)
def test_whole_numbers(survey, typed, expected):
    question = q(survey, "alter")
    question.settings = {"min": 0, "max": 2000}
    if expected is None:
        with pytest.raises(AnswerError):
            parse(question, **{"q-alter": typed})
    else:
        assert parse(question, **{"q-alter": typed})[0].value_number == expected


def test_text_length_is_limited(survey):
    with pytest.raises(AnswerError):
        parse(q(survey, "name_ort"), **{"q-name_ort": "x" * 201})
    assert parse(q(survey, "idee"), **{"q-idee": "Mehr Bänke"})[0].value_text == "Mehr Bänke"


def test_dates(survey):
    question = q(survey, "seit")
    rows = parse(question, **{"q-seit-day": "27", "q-seit-month": "3", "q-seit-year": "2026"})
    assert rows[0].value_date == date(2026, 3, 27)
    with pytest.raises(AnswerError) as info:
        parse(question, **{"q-seit-day": "31", "q-seit-month": "2", "q-seit-year": "2026"})
    assert info.value.control == "q-seit-day"
    with pytest.raises(AnswerError) as info:
        parse(question, **{"q-seit-day": "3", "q-seit-year": "2026"})
    assert info.value.control == "q-seit-month"


def test_ranking_refuses_a_rank_twice(survey):
    question = q(survey, "wichtig")
    rows = parse(question, **{"q-wichtig-bus": "2", "q-wichtig-licht": "1"})
    assert [(r.value_number) for r in rows] == [1.0, 2.0]
    with pytest.raises(AnswerError):
        parse(question, **{"q-wichtig-bus": "1", "q-wichtig-licht": "1"})


def test_stored_value_round_trips_for_each_type(survey, db):
    from survey.models import Answer

    data = MultiDict(
        [("q-wohnort", "nord"), ("q-themen", "wege"), ("q-themen", "info"), ("q-alter", "70"),
         ("q-seit-day", "1"), ("q-seit-month", "2"), ("q-seit-year", "2020"),
         ("q-wichtig-bank", "1"), ("q-idee", "Ampel länger grün")]
    )  # fmt: skip
    for key in ["wohnort", "themen", "alter", "seit", "wichtig", "idee"]:
        question = q(survey, key)
        qt = get_type(question)
        rows = qt.parse(question, data)
        answers = [Answer(question_id=question.id, **vars(r)) for r in rows]
        assert qt.stored_value(question, answers) == qt.raw_value(question, data), key


def test_every_type_renders_accessibly_as_page_heading(app, survey):
    page = """{% extends "base.html" %}{% import "components/questions.html" as qm %}
    {% set page_title = title %}{% block heading %}{% endblock %}
    {% block content %}<form action="/x" method="post" novalidate>
    <input type="hidden" name="csrf_token" value="t">{{ qm.question(question, value, error) }}</form>
    {% endblock %}"""
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        for question in survey.questions:
            qt = get_type(question)
            for error in (None, "Select an answer") if qt.takes_answer else (None,):
                html = render_template_string(
                    page, question=question, value=qt.raw_value(question, MultiDict()), error=error,
                    title=f"Question {question.key}",
                )  # fmt: skip
                soup = check_page(html)
                assert soup.h1.get_text(strip=True) == f"Question {question.key}"
                if error:
                    assert soup.find(id=f"q-{question.key}-error")
                    assert soup.find(id=qt.first_control_id(question)), question.type


def test_conditions_hide_and_validate(db):
    survey = make_survey(
        db,
        questions=[
            {"key": "rad", "type": "yes_no", "choices": ["yes", "no"]},
            {"key": "welche", "type": "multiple_choice", "choices": ["a", "b"],
             "condition": {"mode": "any", "rules": [{"question": "rad", "values": ["yes"]}]}},
            {"key": "warum", "type": "long_text",
             "condition": {"mode": "any", "rules": [{"question": "welche", "values": ["a"]}]}},
        ],
    )  # fmt: skip
    qs = survey.questions
    assert [x.key for x in visible_questions(qs, {"rad": {"no"}, "welche": {"a"}})] == ["rad"]
    assert [x.key for x in visible_questions(qs, {"rad": {"yes"}, "welche": {"a"}})] == [
        "rad",
        "welche",
        "warum",
    ]
    assert all(condition_errors(qs, x) == [] for x in qs)
    qs[0].condition = {"rules": [{"question": "welche", "values": ["a"]}]}
    with force_locale("en"):
        assert "earlier" in str(condition_errors(qs, qs[0])[0])
    qs[2].condition = {"rules": [{"question": "nope", "values": ["a"]}]}
    assert condition_errors(qs, qs[2])
    qs[2].condition = {"mode": "all", "rules": [{"question": "rad", "values": ["yes"]},
                                                {"question": "rad", "values": ["no"]}]}  # fmt: skip
    assert condition_errors(qs, qs[2])
