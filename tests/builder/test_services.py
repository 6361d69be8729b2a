"""Survey services: lifecycle, completeness, reorder, pages, conditions, deletes with answers."""

from __future__ import annotations

import uuid

import pytest

from survey.models import Answer, IllegalTransition, Response, SurveyStatus
from survey.services import survey_choices as sc
from survey.services import survey_completeness, surveys
from survey.services import survey_questions as sq
from survey.services.surveys import BuilderError, PublishRefused

from ..factories import ALL_TYPES, make_survey

TITLE = {"title": {"de": "Unsere Umfrage", "en": "Our survey"}}


@pytest.fixture
def survey(db):
    return make_survey(db, questions=ALL_TYPES, texts=TITLE)


def keys(survey):
    return [q.key for q in survey.questions]


def answer(db, survey, question_key, choice_key=None):
    question = next(q for q in survey.questions if q.key == question_key)
    choice = next((c for c in question.choices if c.key == choice_key), None)
    response = Response(survey_id=survey.id, language="de", client_uuid=str(uuid.uuid4()))
    response.answers.append(
        Answer(question_id=question.id, choice_id=choice.id if choice else None, value_text="x")
    )
    db.add(response)
    db.flush()


def test_lifecycle_draft_open_closed_reopen(db, survey):
    surveys.publish_survey(db, survey)
    assert survey.status is SurveyStatus.OPEN
    assert survey.opened_at
    with pytest.raises(IllegalTransition):
        surveys.publish_survey(db, survey)
    surveys.close_survey(db, survey)
    with pytest.raises(IllegalTransition):
        surveys.close_survey(db, survey)
    surveys.publish_survey(db, survey)
    assert survey.status is SurveyStatus.OPEN


def test_publishing_is_refused_while_a_required_text_is_missing(db, survey):
    survey.languages = ["de", "en", "ar"]
    with pytest.raises(PublishRefused) as refused:
        surveys.publish_survey(db, survey)
    assert survey.status is SurveyStatus.DRAFT
    messages = [str(p) for p in refused.value.problems]
    assert any("wohnort" in m and "Arabisch" in m for m in messages)  # named in German
    missing = survey_completeness.missing_texts(survey)
    assert {lang for _slot, lang in missing} == {"ar"}
    assert ("survey", "title") in {(slot.place, slot.field) for slot, _ in missing}


def test_an_optional_text_becomes_required_once_written_in_one_language(db, survey):
    survey.texts = surveys.with_text(survey.texts, "intro", "de", "Hallo")
    assert any(slot.field == "intro" for slot, lang in survey_completeness.missing_texts(survey))


def test_structural_edits_bump_the_version_after_publishing(db, survey):
    survey.languages = ["de"]
    sq.add_question(db, survey, type_="short_text", label="Vorher", lang="de")
    assert survey.version == 1
    surveys.publish_survey(db, survey)
    sq.add_question(db, survey, type_="short_text", label="Neu", lang="de", key="neu")
    assert survey.version == 2
    question = survey.questions[-1]
    question.texts = surveys.with_text(question.texts, "label", "de", "Neue Worte")
    assert survey.version == 2  # wording is not structure


def test_questions_move_up_and_down(db, survey):
    question = survey.questions[2]
    sq.move_question(db, question, -1)
    assert keys(survey)[1] == question.key
    assert [q.position for q in survey.questions] == list(range(len(survey.questions)))
    sq.move_question(db, survey.questions[0], -1)  # already first: nothing happens
    assert keys(survey)[1] == question.key


def test_a_move_that_would_make_a_condition_look_forwards_is_refused(db):
    survey = make_survey(db, questions=[
        {"key": "a", "type": "yes_no", "choices": ["yes", "no"]},
        {"key": "b", "type": "short_text",
         "condition": {"mode": "any", "rules": [{"question": "a", "values": ["yes"]}]}},
    ])  # fmt: skip
    sq.renumber(survey)
    with pytest.raises(BuilderError):
        sq.move_question(db, survey.questions[1], -1)
    assert keys(survey) == ["a", "b"]


def test_pages_group_questions_and_default_to_one_per_page(db, survey):
    sq.renumber(survey)
    assert [q.page for q in survey.questions[:3]] == [1, 2, 3]
    sq.set_same_page(db, survey.questions[1], True)
    assert [q.page for q in survey.questions[:3]] == [1, 1, 2]
    sq.set_same_page(db, survey.questions[1], False)
    assert [q.page for q in survey.questions[:3]] == [1, 2, 3]


def test_conditions_are_checked_before_they_are_stored(db, survey):
    target = next(q for q in survey.questions if q.key == "idee")
    with pytest.raises(BuilderError):  # points forwards
        sq.set_condition(db, target, {"mode": "any", "rules": [{"question": "info", "values": []}]})
    with pytest.raises(BuilderError):  # points to nothing
        sq.set_condition(db, target, {"mode": "any", "rules": [{"question": "x", "values": ["y"]}]})
    with pytest.raises(BuilderError):  # an answer that does not exist
        sq.set_condition(db, target, {"mode": "any",
                                      "rules": [{"question": "hilfe", "values": ["nope"]}]})  # fmt: skip
    with pytest.raises(BuilderError):  # can never hold: hidden forever
        sq.set_condition(db, target, {"mode": "all", "rules": [
            {"question": "hilfe", "values": ["nie"]},
            {"question": "hilfe", "values": ["manchmal"]}]})  # fmt: skip
    assert target.condition is None
    sq.renumber(survey)
    sq.set_condition(db, target, {"mode": "any",
                                  "rules": [{"question": "hilfe", "values": ["nie"]}]})  # fmt: skip
    assert target.condition["rules"][0]["question"] == "hilfe"


def test_deleting_a_question_with_answers_is_refused(db, survey):
    answer(db, survey, "hilfe", "nie")
    question = next(q for q in survey.questions if q.key == "hilfe")
    with pytest.raises(BuilderError) as refused:
        sq.delete_question(db, question)
    assert "1" in str(refused.value.message)
    with pytest.raises(BuilderError):
        sc.delete_choice(db, question.choices[2])
    sc.delete_choice(db, question.choices[0])  # never chosen: may go
    assert [c.key for c in question.choices] == ["manchmal", "nie"]
    sq.delete_question(db, next(q for q in survey.questions if q.key == "idee"))
    assert "idee" not in keys(survey)


def test_default_choices_per_type(db, survey):
    from survey.services import taxonomy

    taxonomy.seed_areas(db)
    yes_no = sq.add_question(db, survey, type_="yes_no", label="Ja?", lang="de", key="jn")
    assert [c.key for c in yes_no.choices] == ["yes", "no"]
    assert yes_no.choices[0].texts["label"]["en"] == "Yes"
    rating = sq.add_question(db, survey, type_="rating", label="Wie?", lang="de", key="wie")
    assert [c.key for c in rating.choices] == ["1", "2", "3", "4", "5"]
    area = sq.add_question(db, survey, type_="area", label="Wo?", lang="de", key="wo")
    assert [c.key for c in area.choices] == ["altstadt", "nordviertel", "bahnhof", "suedpark"]
    sq.update_question(db, rating, allow_dont_know=True)
    assert rating.choices[-1].key == "dont_know"
    assert rating.choices[-1].exclusive
    sc.add_choice(db, rating, label="Sechs", lang="de", key="6")
    assert rating.choices[-1].key == "dont_know"  # stays last
    sq.update_question(db, rating, allow_dont_know=False)
    assert "dont_know" not in [c.key for c in rating.choices]


def test_duplicate_copies_everything_as_a_draft(db, survey):
    surveys.publish_survey(db, survey)
    copy = surveys.duplicate_survey(db, survey, None)
    assert copy.status is SurveyStatus.DRAFT
    assert copy.slug != survey.slug
    assert keys(copy) == keys(survey)
    assert [len(q.choices) for q in copy.questions] == [len(q.choices) for q in survey.questions]


def test_archiving_an_open_survey_closes_it(db, survey):
    surveys.publish_survey(db, survey)
    surveys.set_archived(db, survey, True)
    assert survey.archived
    assert survey.status is SurveyStatus.CLOSED


def test_texts_with_html_or_too_long_are_refused():
    with pytest.raises(BuilderError):
        surveys.with_text({}, "label", "de", "<script>alert(1)</script>")
    with pytest.raises(BuilderError):
        surveys.with_text({}, "label", "de", "x" * 10_000_000)
    assert surveys.with_text({}, "label", "de", "weniger als < 5 Minuten") == {
        "label": {"de": "weniger als < 5 Minuten"}
    }
