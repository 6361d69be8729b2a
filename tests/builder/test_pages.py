"""Every builder page renders accessibly, for coordinators only."""

from __future__ import annotations

import pytest

from survey.models import Role

from ..pages import check_page
from .helpers import seed


@pytest.fixture
def slug(app, coordinator):
    return seed(app)


def builder_pages(slug: str) -> list[str]:
    q = f"/builder/{slug}/questions"
    return [
        "/builder/",
        "/builder/?archived=1",
        "/builder/new",
        "/builder/import",
        f"/builder/{slug}/",
        f"/builder/{slug}/settings",
        f"/builder/{slug}/texts/de",
        f"/builder/{slug}/texts/ar",
        f"/builder/{slug}/translations",
        f"/builder/{slug}/preview/de",
        f"/builder/{slug}/preview/de/easy",
        f"/builder/{slug}/preview/ar?page=2",
        f"/builder/{slug}/preview/uk?page=12",
        f"{q}/unterwegs_schwierig/",
        f"{q}/unterwegs_schwierig/texts/de",
        f"{q}/unterwegs_schwierig/texts/ar",
        f"{q}/unterwegs_schwierig/choices/bordsteine",
        f"{q}/freizeit_hindernis/condition",
        f"{q}/freizeit_hindernis/condition?on=freizeit",
        f"{q}/wohngebiet/",
        f"{q}/idee/delete",
        f"{q}/wichtig/",
    ]


@pytest.mark.parametrize("lang", ["en", "de", "ar"])
def test_every_builder_page_passes_the_page_check(client, slug, lang):
    for path in builder_pages(slug):
        sep = "&" if "?" in path else "?"
        response = client.get(f"{path}{sep}lang={lang}")
        assert response.status_code == 200, path
        check_page(response)


def test_builder_is_for_coordinators_only(client, app, login):
    slug = seed(app)
    login(Role.WALK_LEADER)
    for path in builder_pages(slug):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/builder/{slug}/publish").status_code == 403


def test_builder_appears_in_the_staff_menu(client, coordinator):
    soup = check_page(client.get("/dashboard?lang=en"))
    assert soup.find("a", href="/builder/")


def test_unknown_survey_question_or_language_is_404(client, slug):
    assert client.get("/builder/nope/").status_code == 404
    assert client.get(f"/builder/{slug}/questions/nope/").status_code == 404
    assert client.get(f"/builder/{slug}/texts/fr").status_code == 404
    assert client.get(f"/builder/{slug}/preview/pl").status_code == 404


def test_rtl_texts_are_edited_right_to_left(client, slug):
    soup = check_page(client.get(f"/builder/{slug}/questions/wohnung/texts/ar?lang=en"))
    field = soup.find(id="t-label")
    assert field["lang"] == "ar"
    assert field["dir"] == "rtl"
    assert "يناسب" in field["value"]
    assert soup.find("html")["dir"] == "ltr"  # the coordinator's interface stays English


def test_preview_shows_the_phone_in_the_chosen_language_and_register(client, slug):
    soup = check_page(client.get(f"/builder/{slug}/preview/ar?lang=en"))
    phone = soup.find(class_="phone")
    assert phone["lang"] == "ar"
    assert phone["dir"] == "rtl"
    assert "في أي جزء من المدينة" in phone.get_text()
    easy = check_page(client.get(f"/builder/{slug}/preview/de/easy?lang=en"))
    assert "Wo wohnen Sie?" in easy.find(class_="phone").get_text()


def test_pages_contain_no_inline_script_or_style(client, slug):
    import re

    for path in builder_pages(slug):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path
