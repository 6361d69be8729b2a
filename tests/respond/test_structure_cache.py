"""Resident pages keep the questionnaire in memory: they must still show every change at once.

These tests drive the app like separate requests on a server (no test session shared with the
requests), so the cache in survey/respond/structure.py is really used.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select

from survey.db import get_session
from survey.models import Choice, Question, Survey

from ..factories import texts
from ..pages import check_page
from .helpers import begin, open_survey

QUESTIONS = [
    {"key": "hilfe", "type": "single_choice", "choices": ["oft", "nie"], "required": True,
     "texts": texts("Brauchen Sie Hilfe?", "Do you need help?")},
    {"key": "idee", "type": "long_text", "texts": texts("Ihre Idee", "Your idea")},
]  # fmt: skip


def _setup(app):
    with app.app_context():
        open_survey(get_session(), questions=QUESTIONS, languages=["de"])


def _change(app, change):
    """Change the survey through the ORM in its own session, as the builder does."""
    with app.app_context():
        session = get_session()
        change(session)
        session.commit()


def _first_page(client):
    first = begin(client)
    return first, check_page(client.get(first))


def test_a_changed_question_or_choice_shows_on_the_next_page(app):
    _setup(app)
    client = app.test_client()
    first, soup = _first_page(client)
    assert soup.h1.get_text(strip=True) == "Brauchen Sie Hilfe?"
    assert "survey_structures" in app.extensions  # the questionnaire is kept in memory

    def relabel(session):
        question = session.scalar(select(Question).where(Question.key == "hilfe"))
        question.texts = texts("Brauchen Sie Unterstützung?", "Do you need support?")

    _change(app, relabel)
    assert check_page(client.get(first)).h1.get_text(strip=True) == "Brauchen Sie Unterstützung?"

    def rename_choice(session):
        choice = session.scalar(select(Choice).where(Choice.key == "nie"))
        choice.texts = texts("Nie, danke", "Never")

    _change(app, rename_choice)
    assert "Nie, danke" in client.get(first).get_data(as_text=True)

    def add_choice(session):
        question = session.scalar(select(Question).where(Question.key == "hilfe"))
        question.choices.append(Choice(key="manchmal", position=5, texts=texts("Manchmal", "")))

    _change(app, add_choice)
    assert "Manchmal" in client.get(first).get_data(as_text=True)

    def drop_choice(session):
        question = session.scalar(select(Question).where(Question.key == "hilfe"))
        question.choices.remove(next(c for c in question.choices if c.key == "oft"))

    _change(app, drop_choice)
    page = client.get(first).get_data(as_text=True)
    assert 'value="oft"' not in page
    assert 'value="manchmal"' in page


def test_a_closed_survey_is_closed_at_once(app):
    _setup(app)
    client = app.test_client()
    first, _soup = _first_page(client)

    def close(session):
        session.scalar(select(Survey).where(Survey.slug == "umfrage")).close()

    _change(app, close)
    page = client.get(first)
    assert page.status_code == 200
    assert 'name="q-hilfe"' not in page.get_data(as_text=True)


def test_answering_does_not_touch_the_survey_and_pages_reuse_the_copy(app):
    _setup(app)
    with app.app_context():
        before = get_session().scalar(select(Survey.updated_at))
    client = app.test_client()
    first, _soup = _first_page(client)
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", listener)
    try:
        page = client.get(first)
        reply = client.post(first, data={"q-hilfe": "oft", "action": "continue"})
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert page.status_code == 200
    assert reply.status_code == 302
    # the questions and choices come from memory: no query reads those tables
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert not [s for s in reads if "FROM question" in s or "FROM choice" in s], reads
    with app.app_context():
        assert get_session().scalar(select(Survey.updated_at)) == before
    # the shared copy was only read: it is still detached from every session
    _stamp, cached = app.extensions["survey_structures"]["umfrage"]
    assert inspect(cached).detached
    assert all(inspect(q).detached for q in cached.questions)


def test_the_paper_form_is_kept_per_version_language_and_register(app, client, coordinator):
    """The empty paper form is rendered once and kept; every change shows at once, in the
    coordinator's language, and a refused entry shows its own answers and messages."""
    _setup(app)
    page = client.get("/builder/umfrage/paper?lang=de").get_data(as_text=True)
    assert "Brauchen Sie Hilfe?" in page
    assert "paper_forms" in app.extensions
    assert "Do you need help?" in client.get("/builder/umfrage/paper?lang=en").get_data(True)

    def relabel(session):
        question = session.scalar(select(Question).where(Question.key == "hilfe"))
        question.texts = texts("Brauchen Sie Unterstützung?", "Do you need support?")

    _change(app, relabel)
    soup = check_page(client.get("/builder/umfrage/paper?lang=de"))
    assert "Brauchen Sie Unterstützung?" in soup.get_text()
    assert "Do you need support?" in client.get("/builder/umfrage/paper?lang=en").get_data(True)

    refused = client.post(
        "/builder/umfrage/paper?lang=de",
        data={"client_uuid": "0b7f6f0e-8f7c-4f0e-9d7e-2b1f0c9a1e55", "q-hilfe": "vielleicht",
              "q-idee": "Mehr Licht am Weg"},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "Mehr Licht am Weg" in refused.get_data(as_text=True)
    again = client.get("/builder/umfrage/paper?lang=de").get_data(as_text=True)
    assert "Mehr Licht am Weg" not in again  # the kept empty form did not take them in
