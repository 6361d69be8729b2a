"""The easy-read switch on a question page keeps what the resident typed there."""

from __future__ import annotations

from sqlalchemy import select

from survey.models import Answer, Response

from ..pages import check_page
from .helpers import begin, count_answers, open_survey


def test_switching_to_easy_read_saves_what_was_typed_on_the_page(client, db):
    open_survey(db)
    begin(client, query="?lang=en")
    page = check_page(client.get("/s/umfrage/q/idee?lang=en"), form_required=True)
    button = page.find("form").find("button", attrs={"name": "switch"})
    assert button["value"] == "1"
    assert button.get_text(strip=True) == "Show easy-read language"

    reply = client.post("/s/umfrage/q/idee", data={"q-idee": "Mehr Bänke", "switch": "1"})
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/s/umfrage/q/idee?easy=1")
    shown = check_page(client.get(reply.headers["Location"]))
    assert "easy-read" in shown.body["class"]
    assert shown.find("textarea").get_text() == "Mehr Bänke"
    assert db.scalars(select(Answer.value_text)).all() == ["Mehr Bänke"]
    # the next pages stay easy-read, and the response says so
    assert "easy-read" in check_page(client.get("/s/umfrage/q/seit")).body["class"]
    back = client.post("/s/umfrage/q/seit", data={"switch": "0"})
    assert back.headers["Location"].endswith("/s/umfrage/q/seit?easy=0")
    db.expire_all()
    assert db.scalars(select(Response.easy_read)).one() is False


def test_switching_on_a_required_question_left_empty_is_no_error(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    reply = client.post(first, data={"switch": "1"})
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/s/umfrage/q/wohnort?easy=1")
    assert count_answers(db) == 0


def test_a_value_that_cannot_be_stored_is_shown_again_in_easy_read(client, db):
    open_survey(db)
    begin(client, query="?lang=en")
    reply = client.post("/s/umfrage/q/alter?lang=en", data={"q-alter": "siebzig", "switch": "1"})
    assert reply.status_code == 400
    page = check_page(reply)
    assert "easy-read" in page.body["class"]
    assert page.find("input", id="q-alter")["value"] == "siebzig"
    assert page.find(class_="error-summary")
    assert "easy=1" in reply.headers.get("Set-Cookie", "")
    assert count_answers(db) == 0


def test_pages_without_a_form_keep_the_link(client, db):
    open_survey(db, texts={"title": {"en": "Our survey"}}, languages=["en", "ar"])
    page = check_page(client.get("/s/umfrage?lang=ar"))
    assert page.find("a", class_="respond-tools__link")["href"].endswith("easy=1")


def test_german_question_pages_offer_only_the_switch_that_keeps_the_typed_text(client, db):
    open_survey(db)
    begin(client, query="?lang=de")
    page = check_page(client.get("/s/umfrage/q/idee"), form_required=True)
    assert page.find(class_="easy-read-switch") is None  # the header's link would lose it
    assert page.find("form").find("button", attrs={"name": "switch", "value": "1"})
    start = check_page(client.get("/s/umfrage"))
    assert start.find(class_="easy-read-switch").find("a")["href"].endswith("easy=1")
