"""A condition must be able to hold given the earlier questions' own conditions and their
answers (one answer for a single choice, an exclusive answer alone), and may not refer to a
question on the same page; both are checked when stored, when pages change and at publishing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.conditions import condition_errors, reachable
from survey.i18n import force_locale
from survey.models import Survey
from survey.services import survey_completeness
from survey.services import survey_questions as sq
from survey.services.surveys import BuilderError

from ..factories import make_survey
from ..pages import check_page

QUESTIONS = [
    {"key": "auto", "type": "yes_no", "choices": ["yes", "no"]},
    {"key": "welches", "type": "single_choice", "choices": ["klein", "gross"],
     "condition": {"mode": "any", "rules": [{"question": "auto", "values": ["yes"]}]}},
    {"key": "wege", "type": "multiple_choice",
     "choices": ["bus", "bahn", {"key": "nichts", "exclusive": True}]},
    {"key": "frage", "type": "short_text", "required": True},
]  # fmt: skip


def rule(question, *values):
    return {"question": question, "values": list(values)}


@pytest.fixture
def survey(db):
    survey = make_survey(db, questions=QUESTIONS, texts={"title": {"de": "T", "en": "T"}})
    sq.renumber(survey)
    return survey


def question(survey, key):
    return next(q for q in survey.questions if q.key == key)


@pytest.mark.parametrize(
    "condition",
    [
        # "welches" is only shown when auto = yes
        {"mode": "all", "rules": [rule("auto", "no"), rule("welches", "klein")]},
        # "none of these" stands alone
        {"mode": "all", "rules": [rule("wege", "nichts"), rule("wege", "bus")]},
        {
            "mode": "all",
            "rules": [rule("wege", "nichts"), rule("welches", "gross"), rule("auto", "no")],
        },  # fmt: skip
    ],
)
def test_a_condition_that_can_never_hold_is_refused(db, survey, condition):
    target = question(survey, "frage")
    with pytest.raises(BuilderError) as refused:
        sq.set_condition(db, target, condition)
    with force_locale("en"):
        assert "never" in str(refused.value.message)
    assert target.condition is None


@pytest.mark.parametrize(
    "condition",
    [
        {"mode": "all", "rules": [rule("auto", "yes"), rule("welches", "klein")]},
        {"mode": "any", "rules": [rule("auto", "no"), rule("welches", "klein")]},
        {"mode": "all", "rules": [rule("wege", "bus"), rule("wege", "bahn")]},
        {"mode": "all", "rules": [rule("wege", "nichts"), rule("auto", "no")]},
    ],
)
def test_a_condition_that_can_hold_is_stored(db, survey, condition):
    target = question(survey, "frage")
    sq.set_condition(db, target, condition)
    assert target.condition == condition
    assert reachable(survey.questions, target) is True


def test_publishing_finds_a_question_an_earlier_change_hid_forever(db, survey):
    """The later question was fine when its condition was stored; then the question it
    depends on got a condition of its own."""
    sq.set_condition(db, question(survey, "welches"), None)
    frage = question(survey, "frage")
    sq.set_condition(db, frage, {"mode": "all", "rules": [rule("auto", "no"), rule("welches", "klein")]})  # fmt: skip
    sq.set_condition(db, question(survey, "welches"), {"mode": "any", "rules": [rule("auto", "yes")]})  # fmt: skip
    assert condition_errors(survey.questions, frage)
    with force_locale("en"):
        problems = [str(p) for p in survey_completeness.publish_problems(survey)]
    assert any("frage" in p and "never be shown" in p for p in problems)


def test_a_question_cannot_join_the_page_of_the_question_its_condition_asks(db, survey):
    welches = question(survey, "welches")
    page = welches.page
    with pytest.raises(BuilderError):
        sq.set_same_page(db, welches, True)
    assert welches.page == page
    assert welches.page != question(survey, "auto").page
    sq.set_same_page(db, question(survey, "wege"), True)  # no condition: may join
    assert question(survey, "wege").page == welches.page


def test_publishing_reports_a_condition_on_the_same_page(db, survey):
    welches = question(survey, "welches")
    welches.page = question(survey, "auto").page  # e.g. from an older import
    with force_locale("en"):
        problems = [str(p) for p in survey_completeness.publish_problems(survey)]
    assert any("welches" in p and "earlier page" in p for p in problems)


def test_the_page_button_explains_the_refusal(client, app, db, coordinator):
    from survey.db import get_session

    with app.app_context():
        session = get_session()
        sq.renumber(make_survey(session, questions=QUESTIONS, texts={"title": {"de": "T"}}))
        session.commit()
    response = client.post("/builder/umfrage/questions/welches/page?lang=en", data={"together": "1"})  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/builder/umfrage/")
    page = check_page(client.get("/builder/umfrage/?lang=en"))  # shows the flashed message
    assert "A condition can only refer to a question on an earlier page." in page.get_text()
    db.expire_all()
    survey = db.scalars(select(Survey)).one()
    assert question(survey, "welches").page != question(survey, "auto").page
