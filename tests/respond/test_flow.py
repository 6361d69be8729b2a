"""Conditions, resume by cookie and by code, closed and unknown surveys, rate limits."""

from __future__ import annotations

import re

from sqlalchemy import select

from survey.models import Answer, Response, SurveyKind, SurveyStatus

from ..factories import make_survey
from ..pages import check_page
from .helpers import ANSWERS, begin, count_answers, count_responses, open_survey

CONDITIONAL = [
    {"key": "rad", "type": "yes_no", "choices": ["yes", "no"], "required": True},
    {
        "key": "welcher",
        "type": "single_choice",
        "choices": ["hand", "elektro"],
        "condition": {"mode": "any", "rules": [{"question": "rad", "values": ["yes"]}]},
    },
    {"key": "wohl", "type": "short_text"},
]


def test_condition_shows_the_question_only_after_the_matching_answer(client, db):
    open_survey(db, questions=CONDITIONAL)
    first = begin(client, query="?lang=en")
    reply = client.post(first, data={"q-rad": "no"})
    assert reply.headers["Location"].endswith("/s/umfrage/q/wohl")
    soup = check_page(client.get(reply.headers["Location"]))
    assert soup.find(class_="progress").get_text() == "Question 2 of 2"

    reply = client.post(first, data={"q-rad": "yes"})
    assert reply.headers["Location"].endswith("/s/umfrage/q/welcher")
    soup = check_page(client.get("/s/umfrage/q/wohl"))
    assert soup.find(class_="progress").get_text() == "Question 3 of 3"


def test_answers_to_questions_hidden_later_are_not_stored(client, db):
    open_survey(db, questions=CONDITIONAL)
    first = begin(client, query="?lang=en")
    client.post(first, data={"q-rad": "yes"})
    client.post("/s/umfrage/q/welcher", data={"q-welcher": "elektro"})
    client.post(first + "?return=check", data={"q-rad": "no"})
    check = check_page(client.get("/s/umfrage/check"))
    assert not check.find(id="change-welcher")
    client.post("/s/umfrage/check")
    db.expire_all()
    stored = db.scalars(select(Answer)).all()
    assert len(stored) == 1  # only "rad"; the hidden "welcher" answer is gone


def test_hidden_page_cannot_be_opened_directly(client, db):
    open_survey(db, questions=CONDITIONAL)
    first = begin(client, query="?lang=en")
    client.post(first, data={"q-rad": "no"})
    reply = client.get("/s/umfrage/q/welcher")
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/q/wohl")


def test_resume_on_the_same_device_by_cookie(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    client.post("/s/umfrage/q/hilfe", data=ANSWERS["hilfe"])
    soup = check_page(client.get("/s/umfrage"))
    assert not soup.find("input", attrs={"name": "client_uuid"})
    link = soup.find("a", string=re.compile("Continue your answers"))
    assert link["href"].endswith("/s/umfrage/q/themen")
    assert count_responses(db) == 1


def _code_from(page) -> str:
    soup = check_page(page)
    return soup.find(class_="resume-code").find(attrs={"aria-hidden": "true"}).get_text()


def test_resume_anywhere_with_the_code(app, client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    reply = client.post(first, data={**ANSWERS["wohnort"], "action": "later"})
    assert reply.headers["Location"].endswith("/s/umfrage/later")
    code = _code_from(client.get(reply.headers["Location"]))
    assert re.fullmatch(r"[A-Z]{4} [A-Z]{4} [A-Z]{4}", code)
    stored = db.scalars(select(Response)).one()
    assert stored.resume_code_hash
    assert code.replace(" ", "") not in stored.resume_code_hash

    other_device = app.test_client()
    soup = check_page(other_device.get("/s/umfrage/resume?lang=en"))
    assert soup.h1.label["for"] == "code"
    reply = other_device.post("/s/umfrage/resume", data={"code": code.lower().replace(" ", "-")})
    assert reply.status_code == 302
    assert code not in reply.headers["Location"]
    assert reply.headers["Location"].endswith("/s/umfrage/q/hilfe")
    other_device.post("/s/umfrage/q/hilfe", data=ANSWERS["hilfe"])
    assert count_responses(db) == 1
    assert count_answers(db) == 2


def test_wrong_code_gets_a_clear_message(client, db):
    open_survey(db)
    reply = client.post("/s/umfrage/resume?lang=en", data={"code": "AAAA CCCC DDDD"})
    assert reply.status_code == 400
    soup = check_page(reply)
    assert soup.find(class_="error-summary").a["href"] == "#code"
    assert "cannot find answers with this code" in soup.get_text()


def test_guessing_codes_is_rate_limited_with_a_friendly_page(make_app, db):
    app = make_app(RESPOND_RESUME_LIMIT=(3, 900))
    client = app.test_client()
    with app.app_context():
        from survey.db import get_session

        open_survey(get_session())
    statuses = [
        client.post("/s/umfrage/resume?lang=en", data={"code": "AAAACCCCDDDD"}).status_code
        for _ in range(4)
    ]
    assert statuses == [400, 400, 400, 429]
    page = client.post("/s/umfrage/resume?lang=en", data={"code": "AAAACCCCDDDD"})
    assert check_page(page).h1.get_text() == "Too many attempts"
    assert 1 <= int(page.headers["Retry-After"]) <= 900


def test_closed_survey_gets_a_friendly_page_and_takes_no_answers(client, db):
    survey = open_survey(db)
    first = begin(client, query="?lang=en")
    survey.close()
    db.commit()
    page = client.get("/s/umfrage?lang=en")
    assert page.status_code == 200
    assert check_page(page).h1.get_text() == "This survey is closed"
    reply = client.post(first, data=ANSWERS["wohnort"])
    assert reply.status_code == 200
    assert "This survey is closed" in reply.get_data(as_text=True)
    assert count_answers(db) == 0


def test_draft_unknown_and_walk_protocols_are_not_answerable(client, db):
    make_survey(db, "entwurf", [], status=SurveyStatus.DRAFT)
    make_survey(db, "rundgang", [], status=SurveyStatus.OPEN, kind=SurveyKind.WALK_PROTOCOL)
    db.commit()
    for path, title in [
        ("/s/entwurf", "This survey is not open yet"),
        ("/s/nichts-da", "We cannot find this survey"),
        ("/s/rundgang", "We cannot find this survey"),
    ]:
        page = client.get(path + "?lang=en")
        assert page.status_code == 404, path
        assert check_page(page).h1.get_text() == title


def test_closed_page_is_in_the_residents_language(client, db):
    open_survey(db, status=SurveyStatus.CLOSED)
    soup = check_page(client.get("/s/umfrage?lang=ar"))
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"


def test_completed_response_cannot_be_changed_by_replaying_requests(client, db):
    survey = open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    client.post("/s/umfrage/check")
    before = count_answers(db)
    reply = client.post(first, data={"q-wohnort": "nord"})
    assert reply.headers["Location"].endswith("/s/umfrage/thanks")
    assert client.post("/s/umfrage/check").headers["Location"].endswith("/thanks")
    assert count_answers(db) == before
    db.expire_all()
    answer = db.scalars(select(Answer)).one()
    assert answer.choice_id == survey.questions[0].choices[0].id  # still "altstadt"


def test_thanks_page_links_public_results(client, db):
    open_survey(db, public_results=True)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    client.post("/s/umfrage/check")
    soup = check_page(client.get("/s/umfrage/thanks"))
    assert soup.find("a", href="/r/umfrage")
    assert "What happens next" in soup.get_text()


def test_thanks_page_without_a_sent_response_leads_to_the_start(client, db):
    open_survey(db)
    reply = client.get("/s/umfrage/thanks")
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/s/umfrage")


def test_questions_sharing_a_page_are_answered_together(client, db):
    survey = open_survey(
        db,
        questions=[
            {"key": "alter", "type": "number"},
            {"key": "ort", "type": "short_text", "required": True},
            {"key": "idee", "type": "long_text"},
        ],
    )
    survey.questions[0].page = survey.questions[1].page = 1
    db.commit()
    first = begin(client, query="?lang=en")
    soup = check_page(client.get(first))
    assert soup.h1.get_text(strip=True) == "Our survey"
    assert soup.find(class_="progress").get_text() == "Questions 1 to 2 of 3"
    assert soup.find("label", attrs={"for": "q-alter"})
    assert soup.find("label", attrs={"for": "q-ort"})
    assert not soup.find("button", attrs={"value": "skip"})  # one of them is required

    reply = client.post(first, data={"q-alter": "40"})
    assert reply.status_code == 400
    assert check_page(reply).find(class_="error-summary").a["href"] == "#q-ort"
    assert count_answers(db) == 0

    reply = client.post(first, data={"q-alter": "40", "q-ort": "Markt"})
    assert reply.headers["Location"].endswith("/s/umfrage/q/idee")
    assert count_answers(db) == 2
    check = check_page(client.get("/s/umfrage/check"))
    assert check.find(id="change-ort")["href"].startswith("/s/umfrage/q/alter")


def test_too_many_writes_from_one_client_get_a_friendly_429(make_app, db):
    app = make_app(RESPOND_WRITE_LIMIT=(2, 600))
    client = app.test_client()
    open_survey(db)
    first = begin(client, query="?lang=en")  # write 1
    assert client.post(first, data=ANSWERS["wohnort"]).status_code == 302  # write 2
    reply = client.post("/s/umfrage/q/hilfe", data=ANSWERS["hilfe"])
    assert reply.status_code == 429
    assert 1 <= int(reply.headers["Retry-After"]) <= 600  # until the counting window ends
    soup = check_page(reply)
    assert soup.h1.get_text() == "Too many attempts"
    assert "not lost" in soup.get_text()
    assert count_answers(db) == 1


def test_an_introductory_note_is_the_first_page(client, db):
    open_survey(
        db,
        questions=[{"key": "hallo", "type": "note"}, {"key": "alter", "type": "number"}],
    )
    first = begin(client, query="?lang=en")
    assert first.endswith("/s/umfrage/q/hallo")
    soup = check_page(client.get(first))
    assert soup.h1.get_text(strip=True) == "Question hallo"
    assert not soup.find("button", attrs={"value": "skip"})
    assert client.post(first).headers["Location"].endswith("/s/umfrage/q/alter")


def test_resident_links_and_cookies_follow_a_url_prefix(client, db):
    open_survey(db, questions=[{"key": "idee", "type": "short_text"}], public_results=True)
    prefix = "http://localhost/beteiligung"
    page = check_page(client.get("/s/umfrage?lang=en", base_url=prefix), form_required=True)
    client_uuid = page.find("input", attrs={"name": "client_uuid"})["value"]
    data = {"client_uuid": client_uuid, "consent": "yes"}
    reply = client.post("/s/umfrage", data=data, base_url=prefix)
    assert "Path=/beteiligung/s/umfrage" in reply.headers["Set-Cookie"]
    client.post("/s/umfrage/check", base_url=prefix)
    thanks = check_page(client.get("/s/umfrage/thanks?lang=en", base_url=prefix))
    link = thanks.find("a", string="See the results of this survey")
    assert link["href"] == "/beteiligung/r/umfrage"
