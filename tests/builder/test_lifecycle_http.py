"""The survey's lifecycle over HTTP: publish, what an open survey still misses, languages of an
open survey, archive, duplicate, close and reopen."""

from __future__ import annotations

from sqlalchemy import select

from survey.models import Survey, SurveyStatus

from ..factories import ALL_TYPES, make_survey
from ..pages import check_page


def setup_survey(app, slug="umfrage", **kw) -> str:
    from survey.db import get_session

    with app.app_context():
        session = get_session()
        kw.setdefault("texts", {"title": {"de": "Unsere Umfrage", "en": "Our survey"}})
        make_survey(session, slug=slug, questions=ALL_TYPES, **kw)
        session.commit()
    return slug


def load(db, slug) -> Survey:
    db.expire_all()
    return db.scalars(select(Survey).where(Survey.slug == slug)).one()


def settings(languages, slug="umfrage"):
    return {"slug": slug, "languages": languages, "default_language": "de", "min_cell": "5",
            "anonymous": "y"}  # fmt: skip


def test_an_open_survey_shows_what_a_new_question_still_misses(client, app, db, coordinator):
    slug = setup_survey(app)
    assert client.post(f"/builder/{slug}/publish").status_code == 302
    page = check_page(client.get(f"/builder/{slug}/?lang=en"))
    assert page.find(id="open-problems") is None
    client.post(f"/builder/{slug}/questions", data={"type": "short_text", "label": "Neu?", "key": "neu"})  # fmt: skip
    assert load(db, slug).status is SurveyStatus.OPEN
    edit = check_page(client.get(f"/builder/{slug}/questions/neu/?lang=en")).get_text()
    assert "Residents see the new question at once." in edit
    notice = check_page(client.get(f"/builder/{slug}/?lang=en")).find(id="open-problems")
    items = [li.get_text(" ", strip=True) for li in notice.find_all("li")]
    assert items == ["Question “neu”: the text “Question or answer text” is missing in English."]
    german = check_page(client.get(f"/builder/{slug}/?lang=de")).find(id="open-problems")
    assert "Englisch" in german.get_text()


def test_a_language_without_its_texts_cannot_join_an_open_survey(client, app, db, coordinator):
    slug = setup_survey(app)
    client.post(f"/builder/{slug}/publish")
    response = client.post(f"/builder/{slug}/settings?lang=en", data=settings(["de", "en", "tr"]))
    assert response.status_code == 200
    summary = check_page(response).find(class_="error-summary").get_text(" ", strip=True)
    assert "Turkish cannot be added while the survey is open" in summary
    assert load(db, slug).languages == ["de", "en"]
    # the way the message describes: close, add, translate, reopen
    client.post(f"/builder/{slug}/close")
    assert client.post(f"/builder/{slug}/settings", data=settings(["de", "en", "tr"])).status_code == 302  # fmt: skip
    assert load(db, slug).languages == ["de", "en", "tr"]
    refused = client.post(f"/builder/{slug}/publish?lang=en")
    assert refused.status_code == 409
    problems = check_page(refused).find(class_="problem-list").get_text()
    assert "Survey texts: the text “Title” is missing in Turkish." in problems
    assert "Question “hilfe”, answer “nie”: the text “Question or answer text” is missing in Turkish." in problems  # fmt: skip
    assert load(db, slug).status is SurveyStatus.CLOSED


def test_an_open_survey_keeps_a_language_whose_texts_are_there(client, app, db, coordinator):
    slug = setup_survey(app)
    client.post(f"/builder/{slug}/publish")
    client.post(f"/builder/{slug}/settings", data=settings(["de"]))
    assert load(db, slug).languages == ["de"]
    response = client.post(f"/builder/{slug}/settings", data=settings(["de", "en"]))
    assert response.status_code == 302  # the English texts are all still there
    assert load(db, slug).languages == ["de", "en"]


def test_an_archived_survey_cannot_be_published(client, app, db, coordinator):
    slug = setup_survey(app)
    client.post(f"/builder/{slug}/archive", data={"archived": "1"})
    response = client.post(f"/builder/{slug}/publish?lang=en")
    assert response.status_code == 409
    assert "archived survey cannot be published" in check_page(response).get_text()
    survey = load(db, slug)
    assert (survey.status, survey.archived) == (SurveyStatus.DRAFT, True)


def test_duplicate_archive_close_and_reopen(client, app, db, coordinator):
    slug = setup_survey(app)
    client.post(f"/builder/{slug}/publish")
    response = client.post(f"/builder/{slug}/duplicate")
    assert response.status_code == 302
    copy_slug = response.headers["Location"].rstrip("/").split("/")[-1]
    copy_ = load(db, copy_slug)
    original = load(db, slug)
    assert copy_slug != slug
    assert copy_.status is SurveyStatus.DRAFT
    assert [(q.key, q.type, [c.key for c in q.choices]) for q in copy_.questions] == [
        (q.key, q.type, [c.key for c in q.choices]) for q in original.questions
    ]

    client.post(f"/builder/{copy_slug}/archive", data={"archived": "1"})
    assert load(db, copy_slug).archived

    def listed(url):
        return {a["href"] for a in check_page(client.get(url)).select("table a[href]")}

    copy_link = f"/builder/{copy_slug}/"
    assert copy_link not in listed("/builder/?lang=en")
    assert copy_link in listed("/builder/?archived=1&lang=en")
    client.post(f"/builder/{copy_slug}/archive", data={"archived": "0"})
    assert not load(db, copy_slug).archived
    assert copy_link in listed("/builder/?lang=en")

    assert client.post(f"/builder/{slug}/close").status_code == 302
    closed = load(db, slug)
    assert closed.status is SurveyStatus.CLOSED
    assert closed.closed_at is not None
    assert not closed.is_open
    assert client.post(f"/builder/{slug}/publish").status_code == 302
    assert load(db, slug).status is SurveyStatus.OPEN
    # closing twice is refused with a message, nothing changes
    client.post(f"/builder/{slug}/close")
    client.post(f"/builder/{slug}/close")
    assert load(db, slug).status is SurveyStatus.CLOSED
