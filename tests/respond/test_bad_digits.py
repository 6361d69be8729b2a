"""Digits that are not 0-9, and numbers too long for a date, give a message and never a 500."""

from __future__ import annotations

import uuid

import pytest

from ..pages import check_page
from .helpers import begin, count_answers, open_survey

QUESTIONS = [
    {"key": "seit", "type": "date"},
    {"key": "wichtig", "type": "ranking", "choices": ["bus", "bank", "licht"]},
]


@pytest.mark.parametrize("year", ["99999999999", "9" * 400, "²⁰²⁶", "2026²"])
def test_overlong_or_superscript_year_is_refused_with_a_message(client, db, year):
    open_survey(db, questions=QUESTIONS)
    begin(client)
    form = {"q-seit-day": "1", "q-seit-month": "3", "q-seit-year": year}
    reply = client.post("/s/umfrage/q/seit?lang=en", data=form)
    assert reply.status_code == 400
    soup = check_page(reply)
    assert "Enter a real date, like 27 3 2026" in soup.find(class_="error-summary").get_text()
    assert count_answers(db) == 0


@pytest.mark.parametrize("rank", ["²", "①", "1" * 50, "٣٣"])
def test_rank_in_digits_int_refuses_is_refused_with_a_message(client, db, rank):
    open_survey(db, questions=QUESTIONS)
    begin(client)
    reply = client.post("/s/umfrage/q/wichtig?lang=en", data={"q-wichtig-bus": rank})
    assert reply.status_code == 400
    soup = check_page(reply)
    assert "Choose a rank between 1 and 3" in soup.find(class_="error-summary").get_text()
    assert count_answers(db) == 0


def test_arabic_indic_digits_are_read_as_a_date_and_a_rank(client, db):
    open_survey(db, questions=QUESTIONS)
    begin(client, query="?lang=ar")
    form = {"q-seit-day": "٢٧", "q-seit-month": "٣", "q-seit-year": "٢٠٢٦"}
    assert client.post("/s/umfrage/q/seit", data=form).status_code == 302
    assert client.post("/s/umfrage/q/wichtig", data={"q-wichtig-bank": "١"}).status_code == 302
    assert count_answers(db) == 2


def test_paper_entry_with_a_huge_year_or_a_superscript_rank_says_what_is_wrong(
    client, db, coordinator
):
    open_survey(db, questions=QUESTIONS)
    form = {"client_uuid": str(uuid.uuid4()), "language": "de"}
    reply = client.post(
        "/builder/umfrage/paper?lang=en",
        data={**form, "q-seit-day": "1", "q-seit-month": "1", "q-seit-year": "9" * 30},
    )
    assert reply.status_code == 400
    check_page(reply)
    reply = client.post("/builder/umfrage/paper?lang=en", data={**form, "q-wichtig-bus": "²"})
    assert reply.status_code == 400
    check_page(reply)
    assert count_answers(db) == 0
