"""Whole journeys without JavaScript: start, consent, every question type, check, send."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.models import Response, ResponseStatus

from ..pages import check_page
from .helpers import ANSWERS, STORED_ROWS, answer_pages, begin, count_answers, open_survey


@pytest.mark.parametrize(
    ("query", "lang", "direction", "easy"),
    [
        ("?lang=de", "de", "ltr", False),
        ("?lang=de&easy=1", "de", "ltr", True),
        ("?lang=ar", "ar", "rtl", False),
    ],
)
def test_whole_journey_through_every_question_type(client, db, query, lang, direction, easy):
    survey = open_survey(db)
    first = begin(client, query=query)
    assert first.endswith("/s/umfrage/q/wohnort")

    check_url, seen = answer_pages(client, first, expect_dir=direction)
    assert len(seen) == len(ANSWERS)
    first_heading, first_progress = seen[0]
    expected = "Wo wohnen Sie?" if easy else "In welchem Gebiet wohnen Sie?"
    if lang == "ar":
        expected += " (Deutsch)"  # no Arabic label: the German one, marked as German
    assert first_heading == expected
    asked = len(ANSWERS) - 1  # the note "info" is no question: not counted, no number
    if lang != "ar":  # Arabic may write its digits differently
        assert first_progress in {f"Frage 1 von {asked}", f"Question 1 of {asked}"}
    assert [progress is None for _heading, progress in seen] == [False] * asked + [True]

    check = check_page(client.get(check_url))
    assert check.html["lang"] == lang
    assert check.html["dir"] == direction
    shown = check.find("dl", class_="summary").get_text(" ", strip=True)
    for text in ["Marktplatz", "Mehr Bänke am Weg zum Arzt", "67", "Antwort manchmal"]:
        assert text in shown
    assert len(check.select("a[id^=change-]")) == len(ANSWERS) - 1  # the note takes no answer

    reply = client.post(check_url)
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/s/umfrage/thanks")
    thanks = check_page(client.get(reply.headers["Location"]))
    assert thanks.html["dir"] == direction

    response = db.scalars(select(Response)).one()
    assert response.status is ResponseStatus.COMPLETE
    assert response.language == lang
    assert response.easy_read is easy
    assert response.consent_version == survey.consent_version
    assert count_answers(db) == STORED_ROWS


def test_easy_read_page_has_larger_type_class_and_pictogram(client, db):
    open_survey(db)
    first = begin(client, query="?lang=de&easy=1")
    soup = check_page(client.get(first))
    assert "easy-read" in soup.body["class"]
    assert soup.h1.find("img", class_="pictogram")["src"].endswith("/pictograms/home.svg")
    # one way back to standard language: the button in the question form (it keeps the input)
    assert soup.find_all("a", href=lambda h: h and "easy=" in h) == []
    switches = soup.find("form").find_all("button", attrs={"name": "switch"})
    assert [b["value"] for b in switches] == ["0"]


def test_switching_to_easy_read_keeps_the_answers(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    soup = check_page(client.get(first + "?easy=1"))
    assert soup.find("input", attrs={"value": "altstadt"}).has_attr("checked")


def test_one_page_question_uses_label_as_heading_and_links_back(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    client.post(first, data=ANSWERS["wohnort"])
    soup = check_page(client.get("/s/umfrage/q/hilfe"))
    assert soup.h1.find_parent("legend") is not None
    assert soup.find(class_="progress").get_text() == "Question 2 of 10"  # the note: no question
    assert soup.find("a", class_="back-link")["href"].endswith("/s/umfrage/q/wohnort")
    buttons = [b.get_text(strip=True) for b in soup.find_all("button")]
    assert "Continue" in buttons
    assert "Skip this question" in buttons


def test_required_question_has_no_skip_and_explains_the_error(client, db):
    open_survey(db)
    first = begin(client, query="?lang=en")
    soup = check_page(client.get(first))
    assert "Skip this question" not in soup.get_text()
    reply = client.post(first, data={})
    assert reply.status_code == 400
    soup = check_page(reply)
    assert soup.title.get_text().startswith("Error:")
    summary = soup.find(class_="error-summary")
    assert summary.find("a")["href"] == "#q-wohnort-0"
    assert summary.get_text(" ", strip=True) == "There is a problem Select an answer"
    fieldset = soup.find("fieldset")
    assert "q-wohnort-error" in fieldset["aria-describedby"]


def test_validation_messages_follow_the_residents_language(client, db):
    open_survey(db)
    begin(client, query="?lang=en")
    english = client.post("/s/umfrage/q/alter", data={"q-alter": "viele"})
    assert english.status_code == 400
    assert "Enter a whole number, like 12" in english.get_data(as_text=True)
    german = check_page(client.post("/s/umfrage/q/alter?lang=de", data={"q-alter": "viele"}))
    assert german.title.get_text().startswith("Fehler:")
    assert german.find(class_="error-summary__title").get_text() == "Es gibt ein Problem"
    assert german.find(id="q-alter-error").get_text(" ", strip=True) == (
        "Fehler: Geben Sie eine ganze Zahl ein, zum Beispiel 12"
    )
    easy = check_page(client.post("/s/umfrage/q/alter?easy=1", data={"q-alter": "viele"}))
    assert "Schreiben Sie eine Zahl ohne Komma. Zum Beispiel: 12" in easy.find(
        class_="error-summary"
    ).get_text(" ", strip=True)
    arabic = client.post("/s/umfrage/q/alter?lang=ar", data={"q-alter": "viele"})
    soup = check_page(arabic)
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"
    assert soup.title.get_text().startswith("خطأ:")
    assert soup.find(class_="error-summary__title").get_text() == "هناك مشكلة"
    assert soup.find(class_="error-summary").a.get_text() == "أدخل عددًا صحيحًا، مثل 12"


def test_skipping_an_optional_question_clears_its_answer(client, db):
    open_survey(db)
    begin(client, query="?lang=en")
    client.post("/s/umfrage/q/hilfe", data=ANSWERS["hilfe"])
    reply = client.post("/s/umfrage/q/hilfe", data={"action": "skip", "q-hilfe": "nie"})
    assert reply.headers["Location"].endswith("/s/umfrage/q/themen")
    assert count_answers(db) == 0


def test_change_link_returns_to_the_check_page(client, db):
    open_survey(db)
    check_url, _ = answer_pages(client, begin(client, query="?lang=en"))
    soup = check_page(client.get(check_url))
    change = soup.find("a", id="change-alter")["href"]
    assert "return=check" in change
    page = check_page(client.get(change))
    assert page.find("input", id="q-alter")["value"] == "67"
    reply = client.post(change, data={"q-alter": "70"})
    assert reply.headers["Location"].endswith("/s/umfrage/check")
    assert "70" in client.get(check_url).get_data(as_text=True)


def test_send_needs_every_required_answer(client, db):
    open_survey(db)
    begin(client, query="?lang=en")
    reply = client.post("/s/umfrage/check")
    assert reply.status_code == 400
    soup = check_page(reply)
    assert soup.find(class_="error-summary").a["href"] == "#change-wohnort"
    assert soup.find(id="change-wohnort")


def test_start_needs_consent(client, db):
    open_survey(db)
    soup = check_page(client.get("/s/umfrage?lang=en"))
    client_uuid = soup.find("input", attrs={"name": "client_uuid"})["value"]
    reply = client.post("/s/umfrage", data={"client_uuid": client_uuid})
    assert reply.status_code == 400
    soup = check_page(reply)
    assert soup.find(class_="error-summary").a["href"] == "#consent"
    assert db.scalar(select(Response.id)) is None


def test_start_page_offers_only_the_surveys_languages_named_in_themselves(client, db):
    open_survey(db, languages=["de", "ar"])
    soup = check_page(client.get("/s/umfrage?lang=de"))
    choice = soup.find("nav", class_="language-choice")
    links = {a["lang"]: a.get_text(strip=True) for a in choice.find_all("a")}
    assert links == {"de": "Deutsch", "ar": "العربية"}
    header = soup.find("details", class_="language-switcher")
    assert {a["lang"] for a in header.find_all("a")} == {"de", "ar"}
    assert len(soup.find_all("a", href=lambda h: h and "easy=1" in h)) == 1
    # Arabic has no easy-read interface register: the survey pages offer the switch themselves
    arabic = check_page(client.get("/s/umfrage?lang=ar"))
    assert arabic.find(class_="respond-tools").find("a", href=lambda h: "easy=1" in h)
    assert soup.find("div", class_="read-aloud") is not None
    assert not soup.find("div", class_="read-aloud").find("button")  # JS adds it


def test_interface_language_outside_the_survey_falls_back_to_a_survey_language(client, db):
    open_survey(db, languages=["de", "ar"])
    soup = check_page(client.get("/s/umfrage?lang=tr"))
    assert soup.html["lang"] == "de"


def test_resident_pages_load_only_own_small_assets(client, db):
    open_survey(db)
    first = begin(client, query="?lang=de")
    html = client.get(first).get_data(as_text=True)
    soup = check_page(html)
    scripts = [s["src"] for s in soup.find_all("script")]
    assert scripts == ["/static/js/read-aloud.js"]
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert styles == ["/static/css/app.css", "/static/css/respond.css"]
    assert "plotly" not in html
    # The inline favicon names the SVG namespace; that is an identifier, not a request.
    loads = html.replace("http://localhost", "").replace("http://www.w3.org/2000/svg", "")
    assert "http://" not in loads
    assert "https://" not in loads


def test_an_intro_note_is_not_counted_as_a_question(client, db):
    notes_first = [
        {"key": "willkommen", "type": "note"},
        {"key": "ort", "type": "short_text"},
        {"key": "idee", "type": "long_text"},
    ]
    open_survey(db, questions=notes_first)
    start = check_page(client.get("/s/umfrage?lang=en"))
    assert "There are 2 questions." in start.get_text(" ", strip=True)
    first = begin(client, query="?lang=en")
    assert first.endswith("/q/willkommen")
    assert check_page(client.get(first)).find(class_="progress") is None
    ort = check_page(client.get("/s/umfrage/q/ort"))
    assert ort.find(class_="progress").get_text() == "Question 1 of 2"
