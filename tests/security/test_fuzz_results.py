"""Results pages fuzzed through their query strings and the text-coding form: garbage, huge,
repeated and non-existent filter values never cause a 500; pages stay valid and escaped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from survey.db import get_session
from survey.models import Answer, NeedCategory, Question, TextCode

from ..pages import check_page
from ..results.conftest import build_survey
from .fuzzing import fuzz_settings
from .hostile import HOSTILE, text_values
from .test_fuzz_forms import _coordinator

FUZZ = fuzz_settings(15)
SLUG = "stadtteil"
PAGES = [
    f"/results/{SLUG}/",
    f"/results/{SLUG}/questions",
    f"/results/{SLUG}/compare",
    f"/results/{SLUG}/report",
    f"/results/{SLUG}/texts",
    f"/r/{SLUG}",
]
DOWNLOADS = [
    f"/results/{SLUG}/export/responses.csv",
    f"/results/{SLUG}/export/responses.json",
    f"/results/{SLUG}/export/codebook.csv",
]
PARAMS = ["area", "group", "channel", "round", "by", "q", "question", "page", "labels", "lang"]
# numbers that look like digits to str.isdigit() but are not ints, or do not fit a column
NUMBERS = ["²", "١٢", "𝟗", "9" * 5000, "9" * 30, "-1", "0", "00", " 3", "3.0", "1e9", "NaN"]
query_values = st.one_of(text_values, st.sampled_from(NUMBERS), st.integers().map(str))
queries = st.lists(st.tuples(st.sampled_from(PARAMS), query_values), max_size=6)


@pytest.fixture
def coordinator_client(app):
    with app.app_context():
        build_survey(get_session(), SLUG, public=True)
    return _coordinator(app)


def _expected(query: list[tuple[str, str]], status: int) -> int:
    """NUL in a query string is refused as a bad request (PostgreSQL cannot compare it)."""
    return 400 if any("\x00" in k + v for k, v in query) else status


def _assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@FUZZ
@given(query=queries, path=st.sampled_from(PAGES))
def test_results_pages_take_any_query_string(app, coordinator_client, query, path):
    response = coordinator_client.get(path, query_string=query)
    assert response.status_code == _expected(query, 200), (path, query, response.status_code)
    html = response.get_data(as_text=True)
    check_page(response)
    _assert_escaped(html)


def test_number_lookalikes_in_round_and_page_are_ignored(app, coordinator_client):
    for path in PAGES:
        for value in NUMBERS:
            query = [
                ("round", value),
                ("page", value),
                ("area", value),
                ("group", f"alter:{value}"),
            ]
            response = coordinator_client.get(path, query_string=query)
            assert response.status_code == 200, (path, value, response.status_code)
            check_page(response)


@FUZZ
@given(query=queries, path=st.sampled_from(DOWNLOADS))
def test_downloads_take_any_query_string(app, coordinator_client, query, path):
    response = coordinator_client.get(path, query_string=query)
    assert response.status_code == _expected(query, 200), (path, query, response.status_code)
    body = response.get_data()
    assert body, "an empty download"
    assert b"Traceback" not in body


def test_repeated_and_unknown_filters_fall_back_to_everybody(app, coordinator_client):
    everybody = coordinator_client.get(f"/results/{SLUG}/questions?lang=en")
    query = [("area", "nowhere"), ("area", "x" * 10_000), ("group", "alter:nobody"),
             ("group", "::"), ("channel", "fax"), ("lang", "en")]  # fmt: skip
    filtered = coordinator_client.get(f"/results/{SLUG}/questions", query_string=query)
    assert filtered.status_code == 200
    soup, base = check_page(filtered), check_page(everybody)
    # unknown filters are dropped: the same people are counted as without any filter
    count = soup.find(class_="people-count").get_text()
    assert count == base.find(class_="people-count").get_text()
    assert "Based on 25 people" in count


def _text_answers(app) -> list[Answer]:
    with app.app_context():
        return (
            get_session().scalars(select(Answer).join(Question).where(Question.key == "idee")).all()
        )


def _codes(app) -> list[tuple[int, int]]:
    with app.app_context():
        return get_session().execute(select(TextCode.answer_id, TextCode.need_category_id)).all()


@FUZZ
@given(
    categories=st.lists(query_values, max_size=5),
    released=query_values,
    back=st.lists(st.tuples(st.sampled_from(["q", "question", "page"]), query_values), max_size=3),
)
def test_text_coding_keeps_only_known_categories(
    app, coordinator_client, categories, released, back
):
    answer = _text_answers(app)[0]
    with app.app_context():
        known = set(get_session().scalars(select(NeedCategory.id)))
    reply = coordinator_client.post(
        f"/results/{SLUG}/texts/{answer.id}",
        query_string=back,
        data={"category": categories, "released": released},
    )
    assert reply.status_code == _expected(back, 302), reply.status_code
    if reply.status_code == 400:  # NUL in the address: nothing is changed
        check_page(reply)
        assert _codes(app) == []
        return
    stored = {c for a, c in _codes(app) if a == answer.id}
    assert stored <= known
    expected = {int(v) for v in categories if v.isascii() and v.isdigit() and len(v) < 10} & known
    assert stored == expected
    page = coordinator_client.get(reply.headers["Location"])
    assert page.status_code == 200
    check_page(page)


def test_text_coding_of_an_unknown_answer_is_a_404_page(app, coordinator_client):
    for answer_id in ["0", "999999", "9" * 19, "9" * 30, "-1", "x", "1.5", "%00", "١"]:
        reply = coordinator_client.post(
            f"/results/{SLUG}/texts/{answer_id}?lang=en", data={"category": "1", "released": "1"}
        )
        assert reply.status_code == 404, (answer_id, reply.status_code)
        check_page(reply)
    assert _codes(app) == []


def test_hostile_slugs_are_404_pages(app, coordinator_client):
    for slug in [s for s in HOSTILE if len(s) < 1000] + ["x" * 5000]:
        for template in ("/results/{}/", "/r/{}", "/results/{}/texts", "/s/{}", "/builder/{}/"):
            path = template.format(slug.replace("/", "%2F").replace("?", "%3F"))
            reply = coordinator_client.get(path, query_string={"lang": "en"})
            assert reply.status_code == 404, (template, slug, reply.status_code)
            check_page(reply)
            _assert_escaped(reply.get_data(as_text=True))


def test_nul_in_an_address_is_a_page_not_a_database_error(app, coordinator_client):
    for path in ["/results/a%00b/", "/r/a%00b", "/s/a%00b", "/builder/a%00b/", "/walks/a%00b"]:
        reply = coordinator_client.get(path + "?lang=en")
        assert reply.status_code == 404, (path, reply.status_code)
        check_page(reply)
    for path in [f"/results/{SLUG}/texts?q=a%00b", f"/r/{SLUG}?area=%00", "/s/x?lang=de%00"]:
        reply = coordinator_client.get(path)
        assert reply.status_code == 400, (path, reply.status_code)
        check_page(reply)


def test_public_switch_takes_only_a_yes(app, coordinator_client):
    for value in ["1", "0", "", "yes", "1\x00", "١", "<script>alert(1)</script>", "1" * 10_000]:
        reply = coordinator_client.post(f"/results/{SLUG}/public", data={"public": value})
        assert reply.status_code == 302, (value, reply.status_code)
        with app.app_context():
            from survey.models import Survey

            public = get_session().scalar(select(Survey.public_results).where(Survey.slug == SLUG))
        assert public is (value == "1"), value


def test_response_export_to_xlsx_takes_control_characters(app, coordinator_client):
    from io import BytesIO

    from openpyxl import load_workbook

    from survey.models import Survey

    from ..results.factory import add_response

    with app.app_context():
        session = get_session()
        survey = session.scalar(select(Survey).where(Survey.slug == SLUG))
        add_response(session, survey, {"idee": "\x01\x07\x1b[31m Rampe =1+1"})
        session.commit()
    reply = coordinator_client.get(f"/results/{SLUG}/export/responses.xlsx")
    assert reply.status_code == 200
    data = reply.get_data()
    reply.close()  # the workbook is sent from a temporary file
    values = [c.value for row in load_workbook(BytesIO(data)).active.iter_rows() for c in row]
    assert "[31m Rampe =1+1" in values  # kept, without the characters a workbook cannot hold
    csv = coordinator_client.get(f"/results/{SLUG}/export/responses.csv").get_data(as_text=True)
    assert "\x1b[31m Rampe =1+1" in csv  # the CSV keeps every character
