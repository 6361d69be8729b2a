"""Numbers written with characters that `str.isdigit()` accepts and `int()` refuses ("²"),
and request bodies of the wrong JSON shape: answered with a page or a default, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.i18n import force_locale
from survey.services import xlsform_import

from ..pages import check_page
from .helpers import seed
from .test_exchange import workbook

ODD = ["²", "³", "①", "٣", "1²", "-1", "1.5", " ", "9" * 5000, "\u0665\u0660", "⁵"]


def settings_form(value: str) -> bytes:
    return workbook(
        [("type", "name", "label"), ("text", "name", "Your name")],
        settings=[
            ("form_title", "form_id", "mitsprache_min_cell", "mitsprache_estimated_minutes"),
            ("Odd", "odd", value, value),
        ],
    )


@pytest.mark.parametrize("value", ODD)
def test_odd_numbers_in_the_xlsform_settings_fall_back_to_the_defaults(db, value):
    with force_locale("en"):
        survey = xlsform_import.import_xlsform(db, settings_form(value)).survey
    assert survey.min_cell == 5
    assert survey.estimated_minutes is None


def test_plain_numbers_in_the_xlsform_settings_are_read(db):
    with force_locale("en"):
        survey = xlsform_import.import_xlsform(db, settings_form("7")).survey
    assert (survey.min_cell, survey.estimated_minutes) == (7, 7)


@pytest.mark.parametrize("page", ["²", "①", "9" * 5000, "-1", "x"])
def test_an_odd_page_number_in_the_preview_shows_the_first_page(client, app, coordinator, page):
    slug = seed(app)
    response = client.get(f"/builder/{slug}/preview/de", query_string={"page": page, "lang": "en"})
    assert response.status_code == 200
    first = client.get(f"/builder/{slug}/preview/de?lang=en")
    assert check_page(response).h1.get_text() == check_page(first).h1.get_text()


@pytest.mark.parametrize(
    "body", [[], ["text"], [{"text": "x"}], 3, "text", None, {"text": None, "lang": None}]
)
def test_the_live_check_answers_a_body_of_the_wrong_shape(client, coordinator, body):
    response = client.post("/builder/plain-language?lang=en", json=body)
    assert response.status_code == 200
    assert response.get_json()["hints"] == []


@pytest.mark.parametrize(("flag", "easy"), [("false", False), ("no", False), ("0", False),
                                            (False, False), ("true", True), (True, True)])  # fmt: skip
def test_the_live_check_reads_the_easy_flag_as_written(client, coordinator, flag, easy):
    response = client.post(
        "/builder/plain-language?lang=en", json={"text": "Wir fragen Sie.", "easy": flag}
    )
    assert response.get_json()["easy"] is easy


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12))
def test_fuzz_settings_numbers_never_break_the_import(db, value):
    with force_locale("en"):
        try:
            survey = xlsform_import.import_xlsform(db, settings_form(value)).survey
        except xlsform_import.ImportFailed:
            return  # e.g. control characters in the form id: refused with a message
    assert survey.min_cell >= 0
    db.rollback()
