"""Coordinators share the survey (link, QR, poster), print it and key in paper responses."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from survey.i18n import force_locale, gettext
from survey.models import Answer, Channel, Response, ResponseStatus, Role

from ..factories import texts
from ..pages import check_page
from .helpers import ANSWERS, STORED_ROWS, count_responses, open_survey
from .test_flow import CONDITIONAL


def _paper_form(**answers):
    data = {"client_uuid": str(uuid.uuid4()), "language": "ar"}
    for part in ANSWERS.values():
        data.update(part)
    data.update(answers)
    return data


def test_paper_entry_stores_a_complete_paper_response(client, db, coordinator):
    open_survey(db)
    soup = check_page(client.get("/builder/umfrage/paper?lang=en"), form_required=True)
    assert soup.find("main").find("button").get_text(strip=True) == "Save and enter the next one"
    assert len(soup.select(".paper-entry__question")) == len(ANSWERS) - 1

    reply = client.post("/builder/umfrage/paper", data=_paper_form())
    assert reply.status_code == 302
    # the next form: the same language (the pile is in Arabic), the first question in focus
    assert reply.headers["Location"].endswith("/builder/umfrage/paper?saved=1&language=ar")
    next_form = check_page(client.get(reply.headers["Location"]), form_required=True)
    assert next_form.find("option", selected=True)["value"] == "ar"
    assert not next_form.find("input", id="easy_read").has_attr("checked")
    assert next_form.find("form", class_="paper-entry")["data-saved"] == "1"
    db.expire_all()
    response = db.scalars(select(Response)).one()
    assert response.channel is Channel.PAPER
    assert response.status is ResponseStatus.COMPLETE
    assert response.entered_by_id == coordinator.id
    assert response.language == "ar"
    assert len(db.scalars(select(Answer)).all()) == STORED_ROWS
    page = check_page(client.get(reply.headers["Location"] + "?lang=en"))
    assert "1 paper response" in page.get_text()


def test_paper_entry_keeps_the_easy_read_choice_for_the_next_form(client, db, coordinator):
    open_survey(db)
    reply = client.post("/builder/umfrage/paper", data=_paper_form(easy_read="1", language="en"))
    assert reply.headers["Location"].endswith("?saved=1&language=en&easy_read=1")
    next_form = check_page(client.get(reply.headers["Location"]), form_required=True)
    assert next_form.find("option", selected=True)["value"] == "en"
    assert next_form.find("input", id="easy_read").has_attr("checked")
    assert next_form.find("script", src="/static/js/paper-entry.js")
    db.expire_all()
    assert db.scalars(select(Response.easy_read)).one() is True


def test_paper_entry_allows_blanks_but_refuses_bad_values(client, db, coordinator):
    open_survey(db)
    reply = client.post("/builder/umfrage/paper?lang=en", data={"client_uuid": str(uuid.uuid4())})
    assert reply.status_code == 302  # a required question left out on paper is allowed
    reply = client.post("/builder/umfrage/paper?lang=en", data=_paper_form(**{"q-alter": "alt"}))
    assert reply.status_code == 400
    soup = check_page(reply)
    assert soup.find(class_="error-summary").a["href"] == "#q-alter"
    assert soup.find("input", id="q-name_ort")["value"] == "Marktplatz"  # nothing typed is lost
    assert count_responses(db) == 1


def test_paper_entry_sent_twice_is_stored_once(client, db, coordinator):
    open_survey(db)
    data = _paper_form()
    client.post("/builder/umfrage/paper", data=data)
    client.post("/builder/umfrage/paper", data=data)
    assert count_responses(db, channel=Channel.PAPER) == 1


def test_paper_entry_drops_answers_the_conditions_hide(client, db, coordinator):
    open_survey(db, questions=CONDITIONAL)
    data = {"client_uuid": str(uuid.uuid4()), "q-rad": "no", "q-welcher": "hand", "q-wohl": "gut"}
    client.post("/builder/umfrage/paper", data=data)
    db.expire_all()
    assert len(db.scalars(select(Answer)).all()) == 2  # "rad" and "wohl", not "welcher"


def test_paper_entry_is_for_coordinators_only(client, db, login):
    open_survey(db)
    login(Role.WALK_LEADER)
    assert client.get("/builder/umfrage/paper").status_code == 403


def test_share_page_offers_link_qr_poster_and_paper(client, db, coordinator):
    open_survey(db)
    soup = check_page(client.get("/builder/umfrage/share?lang=en"))
    assert "http://localhost/s/umfrage" in soup.find(class_="url").get_text()
    assert soup.find("img", src="/builder/umfrage/qr.svg")["alt"]
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert {"/builder/umfrage/qr.svg?download=1", "/builder/umfrage/qr.png?download=1"} <= hrefs
    assert "/builder/umfrage/poster" in hrefs
    assert "/builder/umfrage/print?language=ar&version=easy" in hrefs


def test_qr_codes_are_made_locally_as_svg_and_png(client, db, coordinator):
    open_survey(db)
    svg = client.get("/builder/umfrage/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    assert b"<svg" in svg.data
    assert b"<path" in svg.data
    png = client.get("/builder/umfrage/qr.png?download=1")
    assert png.data.startswith(b"\x89PNG")
    assert 'filename="qr-umfrage.png"' in png.headers["Content-Disposition"]


def test_poster_names_the_survey_in_each_of_its_languages(client, db, coordinator):
    open_survey(
        db,
        texts=texts("Unsere Umfrage", "Our survey", **{})
        | {"title": {"de": "Unsere Umfrage", "ar": "استطلاعنا"}},
    )
    soup = check_page(client.get("/builder/umfrage/poster?lang=en"))
    blocks = soup.select("section.poster__block")
    assert [b["lang"] for b in blocks] == ["de", "en", "ar"]
    assert blocks[2]["dir"] == "rtl"
    assert "استطلاعنا" in blocks[2].get_text()
    assert len(soup.select("img.poster__qr")) == 1
    assert soup.find("link", href="/static/css/print.css")


def test_printed_survey_has_every_question_type_with_tick_boxes(client, db, coordinator):
    open_survey(db)
    soup = check_page(client.get("/builder/umfrage/print?language=de&lang=en"))
    assert soup.html["lang"] == "en"  # the coordinator's page around the paper
    assert soup.find("article", class_="paper")["lang"] == "de"
    sections = soup.select("section.paper-question")
    assert len(sections) == len(ANSWERS)
    kinds = {s["class"][1].removeprefix("paper-question--") for s in sections}
    assert kinds == {"area", "single_choice", "multiple_choice", "rating", "yes_no", "number",
                     "short_text", "long_text", "date", "ranking", "note"}  # fmt: skip
    area = soup.select_one(".paper-question--area")
    assert len(area.select(".tick")) == 2
    assert soup.select_one(".paper-question--long_text").select(".write-line")


def test_printed_survey_in_arabic_easy_read_and_with_conditions(client, db, coordinator):
    open_survey(db, questions=CONDITIONAL)
    soup = check_page(client.get("/builder/umfrage/print?language=ar&version=easy&lang=de"))
    paper = soup.find("article", class_="paper")
    assert paper["lang"] == "ar"
    assert paper["dir"] == "rtl"
    assert "easy-read" in paper["class"]
    condition = soup.select_one(".paper-question--single_choice .paper-condition")
    # the survey has no Arabic texts: the German fallback is shown, marked as German
    with force_locale("ar"):
        ticked = gettext(
            "In question %(number)s you ticked: %(answers)s", number=1, answers="Antwort yes"
        )
    assert condition.li.get_text() == ticked
    assert soup.select_one(".paper-question__title span[lang=de]")
