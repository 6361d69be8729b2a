"""Consent is recorded with the version of its text, and every earlier text stays readable."""

from __future__ import annotations

from sqlalchemy import select

from survey.models import Response, Survey, SurveyStatus
from survey.services.consent import consent_texts

from .helpers import begin, open_survey

QUESTIONS = [{"key": "idee", "type": "short_text"}]
FIRST = "Wir speichern Ihre Antworten zwei Jahre."
SECOND = "Wir speichern Ihre Antworten fünf Jahre und geben sie an die Stadt."


def _edit_consent(client, text, lang="de", field="t-consent"):
    reply = client.post(f"/builder/umfrage/texts/{lang}", data={field: text})
    assert reply.status_code == 302, reply.get_data(as_text=True)[:500]


def _answer_once(app):
    """A new resident on a new device agrees to take part."""
    begin(app.test_client())


def _versions(db):
    db.expire_all()
    return [r.consent_version for r in db.scalars(select(Response).order_by(Response.id))]


def test_editing_the_consent_of_an_open_survey_starts_version_two(app, client, db, coordinator):
    open_survey(
        db, questions=QUESTIONS, texts={"title": {"de": "Umfrage"}, "consent": {"de": FIRST}}
    )
    assert FIRST in app.test_client().get("/s/umfrage").get_data(as_text=True)
    _answer_once(app)
    _answer_once(app)

    _edit_consent(client, SECOND)
    page = app.test_client().get("/s/umfrage").get_data(as_text=True)
    assert SECOND in page
    assert FIRST not in page
    _answer_once(app)

    assert _versions(db) == [1, 1, 2]
    survey = db.scalars(select(Survey)).one()
    assert survey.consent_version == 2
    assert consent_texts(survey, 1) == {"consent": {"de": FIRST}}
    assert consent_texts(survey, 2) == {"consent": {"de": SECOND}}


def test_every_changed_language_or_easy_read_text_is_a_new_version(app, client, db, coordinator):
    open_survey(
        db, questions=QUESTIONS, texts={"title": {"de": "Umfrage"}, "consent": {"de": FIRST}}
    )
    _edit_consent(client, "Leichte Sprache: Wir speichern.", field="t-consent_easy")
    _edit_consent(client, "We keep your answers for two years.", lang="en")
    _edit_consent(client, "We keep your answers for two years.", lang="en")  # unchanged: same
    db.expire_all()
    survey = db.scalars(select(Survey)).one()
    assert survey.consent_version == 3
    assert consent_texts(survey, 1) == {"consent": {"de": FIRST}}
    assert consent_texts(survey, 2) == {
        "consent": {"de": FIRST},
        "consent_easy": {"de": "Leichte Sprache: Wir speichern."},
    }
    assert consent_texts(survey, 3)["consent"] == {
        "de": FIRST,
        "en": "We keep your answers for two years.",
    }


def test_other_texts_and_a_drafts_consent_change_no_version(client, db, coordinator):
    open_survey(
        db,
        questions=QUESTIONS,
        status=SurveyStatus.DRAFT,
        texts={"title": {"de": "Umfrage"}, "consent": {"de": FIRST}},
    )
    _edit_consent(client, SECOND)  # nobody can have agreed to a draft
    db.expire_all()
    survey = db.scalars(select(Survey)).one()
    survey.publish()
    db.commit()
    _edit_consent(client, "Unsere neue Umfrage", field="t-title")
    db.expire_all()
    survey = db.scalars(select(Survey)).one()
    assert survey.consent_version == 1
    assert consent_texts(survey, 1) == {"consent": {"de": SECOND}}
