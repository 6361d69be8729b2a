"""Resuming goes on where the resident stopped; a shared device can start new answers."""

from __future__ import annotations

import re

from sqlalchemy import select

from survey.models import Response

from ..pages import check_page
from .helpers import ANSWERS, begin, count_answers, count_responses, open_survey


def _continue_links(client):
    start = check_page(client.get("/s/umfrage?lang=en"))
    later = check_page(client.get("/s/umfrage/later?lang=en"))
    return [
        start.find("a", string="Continue your answers")["href"],
        later.find("a", string="Continue answering now")["href"],
    ]


def test_resume_after_a_skipped_question_goes_on_after_the_last_answer(app, client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    assert client.post("/s/umfrage/q/hilfe", data={"action": "skip"}).status_code == 302
    for key in ["themen", "zufrieden", "rollstuhl", "alter", "name_ort"]:
        client.post(f"/s/umfrage/q/{key}", data=ANSWERS[key])
    reply = client.post("/s/umfrage/q/idee", data={"action": "later"})
    assert reply.headers["Location"].endswith("/s/umfrage/later")
    code = check_page(client.get("/s/umfrage/later")).find(class_="resume-code")
    code = code.find(attrs={"aria-hidden": "true"}).get_text()

    # on this device, and on another one with the code: on to the page after the last answer
    assert [link.rsplit("/", 1)[-1] for link in _continue_links(client)] == ["idee", "idee"]
    other = app.test_client()
    reply = other.post("/s/umfrage/resume", data={"code": code})
    assert reply.headers["Location"].endswith("/s/umfrage/q/idee")


def test_resume_after_the_last_question_goes_to_check_and_asks_for_a_skipped_required_one(
    client, db
):
    open_survey(db)
    begin(client, query="?lang=en")
    for key in ["hilfe", "themen", "zufrieden", "rollstuhl", "alter", "name_ort", "idee"]:
        client.post(f"/s/umfrage/q/{key}", data=ANSWERS[key])
    client.post("/s/umfrage/q/seit", data=ANSWERS["seit"])
    client.post("/s/umfrage/q/wichtig", data=ANSWERS["wichtig"])
    start = check_page(client.get("/s/umfrage?lang=en"))
    link = start.find("a", string=re.compile("^Continue your answers$"))
    assert link["href"].endswith("/s/umfrage/check")
    reply = client.post("/s/umfrage/check?lang=en")
    assert reply.status_code == 400  # the required first question was never answered
    assert check_page(reply).find("a", href="#change-wohnort")


def test_someone_else_on_a_shared_device_starts_new_answers(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    client.post("/s/umfrage/q/hilfe", data=ANSWERS["hilfe"])

    start = check_page(client.get("/s/umfrage?lang=en"))
    form = start.find("form", action=re.compile("/s/umfrage/new$"))
    assert form["method"].lower() == "post"
    assert form.find("button").get_text(strip=True) == "Start new answers (I am someone else)"

    reply = client.post("/s/umfrage/new")
    assert reply.status_code == 303
    assert reply.headers["Location"].endswith("/s/umfrage")
    fresh = check_page(client.get("/s/umfrage?lang=en"), form_required=True)
    assert not fresh.find("a", string=re.compile("^Continue your answers$"))
    assert fresh.find("input", attrs={"name": "consent"})
    # the first person's answers are not reachable any more from this browser
    assert client.get("/s/umfrage/q/hilfe").headers["Location"].endswith("/s/umfrage")

    second = begin(client, query="?lang=en")
    assert second.endswith("/s/umfrage/q/wohnort")
    client.post(second, data={"q-wohnort": "nord"})
    assert count_responses(db) == 2
    assert count_answers(db) == 3
    uuids = db.scalars(select(Response.client_uuid)).all()
    assert len(set(uuids)) == 2


def test_starting_new_answers_needs_a_post(client, db):
    open_survey(db)
    assert client.get("/s/umfrage/new").status_code == 405
