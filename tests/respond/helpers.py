"""Shared steps for the resident-journey tests: an open survey and the answers to give it."""

from __future__ import annotations

from sqlalchemy import func, select

from survey.models import Answer, Response, SurveyStatus

from ..factories import ALL_TYPES, make_survey, texts
from ..pages import check_page

# what a resident sends on each page of ALL_TYPES, and what the check page shows for it
ANSWERS = {
    "wohnort": {"q-wohnort": "altstadt"},
    "hilfe": {"q-hilfe": "manchmal"},
    "themen": {"q-themen": ["wege", "info"]},
    "zufrieden": {"q-zufrieden": "4"},
    "rollstuhl": {"q-rollstuhl": "yes"},
    "alter": {"q-alter": "67"},
    "name_ort": {"q-name_ort": "Marktplatz"},
    "idee": {"q-idee": "Mehr Bänke am Weg zum Arzt"},
    "seit": {"q-seit-day": "1", "q-seit-month": "3", "q-seit-year": "2020"},
    "wichtig": {"q-wichtig-bus": "2", "q-wichtig-bank": "1", "q-wichtig-licht": ""},
    "info": {},
}
STORED_ROWS = 1 + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 2  # rows in the long answer table


def open_survey(db, slug="umfrage", questions=None, **kw):
    """An open questionnaire (committed), by default with one question of each type."""
    kw.setdefault("languages", ["de", "en", "ar"])
    kw.setdefault("status", SurveyStatus.OPEN)
    kw.setdefault("texts", {"title": {"de": "Unsere Umfrage", "en": "Our survey"}})
    if questions is None:
        questions = [dict(spec) for spec in ALL_TYPES]
        questions[0]["texts"] = texts(
            "In welchem Gebiet wohnen Sie?",
            "Which area do you live in?",
            label_easy={"de": "Wo wohnen Sie?"},
            pictogram={"*": "home"},
        )
    survey = make_survey(db, slug, questions, **kw)
    db.commit()
    return survey


def begin(client, slug="umfrage", query=""):
    """Open the start page, agree and start; returns the URL of the first question."""
    page = client.get(f"/s/{slug}{query}")
    assert page.status_code == 200
    soup = check_page(page, form_required=True)
    client_uuid = soup.find("input", attrs={"name": "client_uuid"})["value"]
    reply = client.post(f"/s/{slug}", data={"client_uuid": client_uuid, "consent": "yes"})
    assert reply.status_code == 302, reply.get_data(as_text=True)
    return reply.headers["Location"]


def answer_pages(client, first_url, answers=ANSWERS, expect_dir="ltr"):
    """Answer page after page until the check page; returns its URL and the headings seen."""
    url, seen = first_url, []
    while "/check" not in url:
        page = client.get(url)
        assert page.status_code == 200, url
        soup = check_page(page, form_required=True)
        assert soup.html["dir"] == expect_dir
        progress = soup.find(class_="progress")  # none on a page that only shows a note
        seen.append((soup.h1.get_text(" ", strip=True), progress and progress.get_text()))
        key = url.rsplit("/", 1)[-1].split("?")[0]
        reply = client.post(url, data=answers.get(key, {}))
        assert reply.status_code == 302, reply.get_data(as_text=True)
        url = reply.headers["Location"]
    return url, seen


def count_responses(db, **filters):
    db.expire_all()
    stmt = select(func.count(Response.id))
    for name, value in filters.items():
        stmt = stmt.where(getattr(Response, name) == value)
    return db.scalar(stmt)


def count_answers(db):
    db.expire_all()
    return db.scalar(select(func.count(Answer.id)))
