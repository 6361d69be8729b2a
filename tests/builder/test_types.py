"""Each question type end to end in the browser: build → preview → answer rows → summary."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from survey.questions import REGISTRY
from survey.services import taxonomy

from ..pages import check_page

B = "/builder/typen"

# type → (choices to add, a valid answer as form data, what the summary line shows)
CASES = {
    "single_choice": ([("bus", "Bus"), ("rad", "Fahrrad")], {"q-q1": "rad"}, "Fahrrad"),
    "multiple_choice": ([("bus", "Bus"), ("rad", "Fahrrad")], {"q-q1": ["bus", "rad"]}, "Bus, Fahrrad"),
    "rating": ([], {"q-q1": "4"}, "Good"),
    "yes_no": ([], {"q-q1": "yes"}, "Yes"),
    "number": ([], {"q-q1": "42"}, "42"),
    "short_text": ([], {"q-q1": "Rampe am Markt"}, "Rampe am Markt"),
    "long_text": ([], {"q-q1": "Mehr Bänke, bitte."}, "Mehr Bänke, bitte."),
    "date": ([], {"q-q1-day": "3", "q-q1-month": "5", "q-q1-year": "2026"}, "2026"),
    "area": ([], {"q-q1": "suedpark"}, "South park"),
    "ranking": ([("bus", "Bus"), ("rad", "Fahrrad")], {"q-q1-bus": "2", "q-q1-rad": "1"}, "1. Fahrrad"),
    "note": ([], {}, None),
}  # fmt: skip


def test_cases_cover_every_registered_type():
    assert set(CASES) == set(REGISTRY)


@pytest.mark.parametrize("type_", sorted(CASES))
def test_each_type_can_be_built_previewed_and_answered(client, db, coordinator, type_):
    taxonomy.seed_areas(db)
    db.commit()
    choices, answer, summary = CASES[type_]
    client.post("/builder/new", data={"title": "Typen", "kind": "questionnaire", "language": "en",
                                      "slug": "typen"})  # fmt: skip
    response = client.post(
        f"{B}/questions", data={"type": type_, "key": "q1", "label": "Question one"}
    )
    assert response.status_code == 302
    for key, label in choices:
        client.post(f"{B}/questions/q1/choices", data={"choice-key": key, "choice-label": label})
    check_page(client.get(f"{B}/questions/q1/?lang=en"))

    phone = check_page(client.get(f"{B}/preview/en?lang=en")).find(class_="phone")
    assert "Question one" in phone.get_text()
    first = REGISTRY[type_].first_control_id(_question(db))
    assert type_ == "note" or phone.find(id=first)

    tried = check_page(client.post(f"{B}/preview/en?lang=en", data=answer)).find(class_="phone")
    if summary is None:  # an information text takes no answer
        assert tried.find(class_="error-message") is None
        assert not REGISTRY[type_].takes_answer
        return
    stored = tried.find(class_="notice--success")
    assert stored is not None, tried.get_text()
    assert summary in stored.get_text()

    question = _question(db)
    rows = REGISTRY[type_].parse(question, MultiDict(_items(answer)))
    assert _readable(question, rows) == ROWS[type_]
    _store_answers(db, question, rows, times=5)
    block = _results_block(client, question)
    for expected in RESULTS[type_]:
        assert expected in block, (type_, expected, block)


# the answer rows parse() gives: (choice key, number, text, date)
ROWS = {
    "single_choice": [("rad", None, None, None)],
    "multiple_choice": [("bus", None, None, None), ("rad", None, None, None)],
    "rating": [("4", 4.0, None, None)],
    "yes_no": [("yes", None, None, None)],
    "number": [(None, 42.0, None, None)],
    "short_text": [(None, None, "Rampe am Markt", None)],
    "long_text": [(None, None, "Mehr Bänke, bitte.", None)],
    "date": [(None, None, None, date(2026, 5, 3))],
    "area": [("suedpark", None, None, None)],
    "ranking": [("bus", 2.0, None, None), ("rad", 1.0, None, None)],
}
# what the results page shows for the question after five such answers (one answer five
# times: the single counts are hidden to protect small groups, the totals and averages show)
RESULTS = {
    "single_choice": ["Fahrrad", "5 people answered."],
    "multiple_choice": ["Bus", "Fahrrad", "5 people answered."],
    "rating": ["On average 4.0 out of 5 points, from 5 people."],
    "yes_no": ["Yes", "5 people answered."],
    "number": ["42 5 100%", "Average: 42.0, from 5 people."],
    "short_text": ["5 people wrote an answer."],
    "long_text": ["5 people wrote an answer."],
    "date": ["5 people gave a date."],
    "area": ["South park", "5 people answered."],
    "ranking": ["Fahrrad", "5 people answered."],
}


def _items(answer: dict) -> list[tuple[str, str]]:
    return [(k, v) for k, values in answer.items() for v in (values if isinstance(values, list) else [values])]  # fmt: skip


def _readable(question, rows) -> list[tuple]:
    keys = {c.id: c.key for c in question.choices}
    return sorted(
        ((keys.get(r.choice_id), r.value_number, r.value_text, r.value_date) for r in rows),
        key=str,
    )


def _store_answers(db, question, rows, times: int) -> None:
    from survey.services import responses

    survey = question.survey
    for _n in range(times):
        response = responses.start_response(db, survey, str(uuid.uuid4()), language="en")
        responses.save_answers(db, survey, response, {question: rows})
        responses.complete_response(db, survey, response, [question.id])
    db.commit()


def _results_block(client, question) -> str:
    page = check_page(client.get("/results/typen/questions?lang=en"))
    heading = next(h for h in page.find_all(["h2", "h3"]) if "Question one" in h.get_text())
    return heading.find_parent(["section", "article", "div"]).get_text(" ", strip=True)


def _question(db):
    from survey.services.surveys import find_survey

    db.expire_all()
    return find_survey(db, "typen").questions[0]


def test_preview_reports_an_invalid_answer_next_to_the_question(client, db, coordinator):
    client.post("/builder/new", data={"title": "Typen", "kind": "questionnaire", "language": "en",
                                      "slug": "typen"})  # fmt: skip
    client.post(f"{B}/questions", data={"type": "number", "key": "q1", "label": "How many?"})
    phone = check_page(client.post(f"{B}/preview/en?lang=en", data={"q-q1": "many"})).find(
        class_="phone"
    )
    assert phone.find(id="q-q1-error")
    assert phone.find(class_="notice--success") is None
