"""Results pages for coordinators and the public page, checked as a user sees them."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import event

from survey.models import Answer
from tests.pages import check_page

from .conftest import build_survey

PAGES = ["/results/", "/results/stadtteil/", "/results/stadtteil/questions",
         "/results/stadtteil/compare?by=area", "/results/stadtteil/compare?by=group:alter",
         "/results/stadtteil/compare?by=channel", "/results/stadtteil/report",
         "/results/stadtteil/texts", "/results/stadtteil/export",
         "/results/stadtteil/?area=altstadt&channel=paper"]  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_every_results_page_is_accessible(client, coordinator, survey, lang):
    for path in PAGES:
        response = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert response.status_code == 200, path
        soup = check_page(response)
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        for table in soup.find_all("table"):
            assert table.caption is not None, path
            assert all(th.get("scope") for th in table.find_all("th")), path


def test_overview_shows_need_profile_with_table_and_summary(client, coordinator, survey):
    soup = check_page(client.get("/results/stadtteil/?lang=en"))
    block = soup.find(id="block-needs").find_parent("section")
    figure = json.loads(block.find(class_="chart")["data-figure"])
    assert figure["data"][0]["type"] == "bar"
    labels = [label.replace("<br>", " ") for label in figure["data"][0]["y"]]
    assert "Mobility and getting around" in labels
    assert figure["layout"]["title"]["text"] == "Needs named by the people who answered"
    assert figure["data"][0]["text"][0] == "40%"  # Babel's English percent format
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in block.tbody.find_all("tr")}  # fmt: skip
    # 25 complete answers; information: 10 of 25 named it
    assert rows["Information and communication"][:2] == ["10", "40%"]
    assert "Most often named" in block.find(class_="result-summary").get_text()


def test_small_filter_shows_explanation_instead_of_data(client, coordinator, survey):
    soup = check_page(client.get("/results/stadtteil/?area=bahnhof&lang=en"))
    assert "fewer than 5 people" in soup.get_text()
    assert soup.find(class_="chart") is None


def test_small_counts_are_hidden_in_tables(client, coordinator, survey):
    soup = check_page(client.get("/results/stadtteil/questions?lang=en"))
    text = soup.get_text()
    block = soup.find(id="block-probleme").find_parent("section")
    cells = {tr.th.get_text(strip=True): tr.find("td").get_text(strip=True)
             for tr in block.tbody.find_all("tr")}  # fmt: skip
    assert cells["Answer keine"] == "hidden"  # 2 people
    assert "Small groups are hidden" in text


def test_results_page_query_count_does_not_grow_with_questions(make_app, coordinator):
    from survey.db import get_session

    counts = []
    for extra in (0, 8):
        app = make_app()
        with app.app_context():
            build_survey(get_session(), slug=f"gross{extra}", extra_questions=extra)
        client = app.test_client()
        client.post(
            "/login", data={"email": coordinator.email, "password": "correct horse battery staple"}
        )
        statements = []

        def listener(_conn, _cursor, statement, *_rest, sink=statements):
            sink.append(statement)

        event.listen(app.extensions["db_engine"], "before_cursor_execute", listener)
        for page in ["/", "/questions", "/compare?by=area", "/report"]:
            assert client.get(f"/results/gross{extra}{page}").status_code == 200
        event.remove(app.extensions["db_engine"], "before_cursor_execute", listener)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    # a fixed number per page (one of them checks the running counts), whatever the size
    assert counts[0] < 72


def test_public_page_needs_switch_and_hides_unreleased_free_text(client, db, survey):
    assert client.get("/r/stadtteil").status_code == 404
    survey.public_results = True
    db.commit()
    page = client.get("/r/stadtteil?lang=ar&easy=1")
    soup = check_page(page)
    assert soup.html["dir"] == "rtl"
    assert "Rampe am Markt" not in page.get_data(as_text=True)
    answer = db.query(Answer).filter(Answer.value_text.is_not(None)).first()
    answer.released = True
    db.commit()
    page = client.get("/r/stadtteil?lang=en")
    assert page.get_data(as_text=True).count("Rampe am Markt") == 1


def test_coordinator_codes_and_releases_a_text(client, db, coordinator, survey):
    from survey.models import NeedCategory, TextCode

    answer = db.query(Answer).filter(Answer.value_text.is_not(None)).first()
    housing = db.query(NeedCategory).filter_by(key="housing").one()
    response = client.post(f"/results/stadtteil/texts/{answer.id}",
                           data={"category": [str(housing.id)], "released": "1"})  # fmt: skip
    assert response.status_code == 302
    db.expire_all()
    assert db.query(TextCode).filter_by(answer_id=answer.id).one().need_category_id == housing.id
    assert db.get(Answer, answer.id).released
    soup = check_page(client.get("/results/stadtteil/texts?q=rampe&lang=en"))
    assert "10 texts found." in soup.get_text()


def test_switching_the_public_page_on(client, db, coordinator, survey):
    assert client.post("/results/stadtteil/public", data={"public": "1"}).status_code == 302
    db.expire_all()
    assert survey.public_results


def test_walk_leaders_cannot_see_results(client, walk_leader, survey):
    assert client.get("/results/stadtteil/").status_code == 403
