"""Bad input in the browser: clear messages naming the place, nothing stored, output escaped."""

from __future__ import annotations

import io
import json

from sqlalchemy import func, select

from survey.models import Survey

from ..pages import check_page
from .helpers import seed


def count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count(Survey.id)))


def test_script_tags_in_a_text_are_refused_and_nothing_is_saved(client, app, db, coordinator):
    slug = seed(app)
    response = client.post(
        f"/builder/{slug}/questions/wohnung/texts/de?lang=en",
        data={"t-label": "Neue Frage?", "t-hint": "<script>alert(1)</script>"},
    )
    assert response.status_code == 200
    soup = check_page(response)
    summary = soup.find(class_="error-summary")
    assert summary.find("a", href="#t-hint")
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    db.expire_all()
    question = next(q for q in db.scalars(select(Survey)).one().questions if q.key == "wohnung")
    assert question.texts["label"]["de"] == "Passt Ihre Wohnung zu dem, was Sie brauchen?"


def test_quotes_and_ampersands_are_shown_escaped(client, app, coordinator):
    slug = seed(app)
    text = 'Bus & Bahn " onfocus="alert(1)'
    client.post(f"/builder/{slug}/texts/de", data={"t-title": text})
    html = client.get(f"/builder/{slug}/texts/de?lang=en").get_data(as_text=True)
    assert 'value="Bus &amp; Bahn &#34; onfocus=&#34;alert(1)"' in html
    assert 'onfocus="alert' not in html
    check_page(client.get(f"/builder/{slug}/?lang=en"))


def test_ten_megabytes_of_text_in_a_form_are_refused(client, app, db, coordinator):
    slug = seed(app)
    response = client.post(
        f"/builder/{slug}/texts/de?lang=en", data={"t-intro": "x" * (10 * 2**20)}
    )
    soup = check_page(response)
    assert "5000" in soup.find(id="t-intro-error").get_text()
    assert len(response.data) < 100_000
    db.expire_all()
    assert "x" * 100 not in json.dumps(db.scalars(select(Survey)).one().texts)


def test_a_text_just_over_the_limit_gets_a_message_at_the_field(client, app, coordinator):
    slug = seed(app)
    response = client.post(f"/builder/{slug}/texts/de?lang=en", data={"t-intro": "x" * 5001})
    soup = check_page(response)
    assert soup.find(id="t-intro-error")
    assert "5000" in soup.find(id="t-intro-error").get_text()


def upload(client, name, body):
    return client.post(
        "/builder/import?lang=en",
        data={"file": (io.BytesIO(body), name)},
        content_type="multipart/form-data",
    )


def test_upload_errors_are_listed_and_nothing_is_imported(client, db, coordinator):
    before = count(db)
    for name, body in [
        ("survey.json", b"{broken"),
        ("survey.xlsx", b"not a workbook"),
        ("survey.csv", b"a,b"),
        ("survey.json", json.dumps({"format": "mitsprache-survey", "format_version": 1,
                                    "survey": {"languages": ["de"], "questions": [
                                        {"key": "a", "type": "short_text"},
                                        {"key": "a", "type": "short_text"}]}}).encode()),
    ]:  # fmt: skip
        response = upload(client, name, body)
        assert response.status_code == 200, name
        soup = check_page(response)
        assert soup.find(class_="error-summary"), name
        assert soup.find(id="file-error"), name
    assert count(db) == before


def test_upload_without_a_file_asks_for_one(client, coordinator):
    soup = check_page(client.post("/builder/import?lang=en", data={}))
    assert "Choose a file" in soup.find(class_="error-summary").get_text()


def test_xlsform_upload_with_unsupported_features_shows_the_report(client, db, coordinator):
    from .test_exchange import KOBO_FORM

    response = upload(client, "kobo.xlsx", KOBO_FORM)
    soup = check_page(response)
    reported = soup.find(class_="problem-list").get_text()
    assert "row 5" in reported
    assert "geopoint" not in soup.h1.get_text()
    assert count(db) == 1


def test_invalid_keys_and_duplicate_keys_are_refused_in_the_builder(client, app, coordinator):
    slug = seed(app)
    response = client.post(f"/builder/{slug}/questions/wohnung/?lang=en",
                           data={"key": "idee", "pictogram": "", "need_category": ""})  # fmt: skip
    soup = check_page(response)
    assert soup.find(class_="error-summary").find("a", href="#key")
    response = client.post(f"/builder/{slug}/questions/wohnung/?lang=en",
                           data={"key": "1 bad", "pictogram": "", "need_category": ""})  # fmt: skip
    assert check_page(response).find(class_="error-summary")


def test_a_forward_condition_cannot_be_added(client, app, coordinator):
    slug = seed(app)
    response = client.post(
        f"/builder/{slug}/questions/wohngebiet/condition?lang=en",
        data={"action": "add", "on": "freizeit", "values": ["yes"]},
    )
    soup = check_page(response)
    assert soup.find(class_="error-summary")
