"""The ready needs survey in all eight languages: Persian, Russian and Polish included."""

from __future__ import annotations

from typing import Any

import pytest

from survey.config import LANGUAGES as PRODUCT_LANGUAGES
from survey.services import demo, survey_completeness
from survey.services.surveys import find_survey
from survey.services.templates_de import needs_survey_spec
from survey.services.templates_de_more import MORE_LANGS, MORE_TEXTS

from ..pages import check_page


def template_texts() -> list[tuple[str, str, dict[str, Any]]]:
    """(place, field, texts by language) for every translatable text of the template."""
    spec = needs_survey_spec()
    found = []

    def walk(place: str, texts: dict[str, Any]) -> None:
        for field, values in texts.items():
            if field.endswith("_easy") or field == "pictogram":
                continue  # easy read is German only; pictogram names are not translated
            found.append((place, field, values))

    walk("survey", spec["texts"])
    for question in spec["questions"]:
        walk(question["key"], question["texts"])
        for choice in question["choices"]:
            walk(f"{question['key']} / {choice['key']}", choice["texts"])
    return found


def test_the_template_walk_finds_every_question_and_choice():
    places = {place for place, _field, _values in template_texts()}
    spec = needs_survey_spec()
    assert "survey" in places
    assert {q["key"] for q in spec["questions"]} <= places
    assert len(template_texts()) > 80


@pytest.mark.parametrize("lang", MORE_LANGS)
def test_every_template_text_has_its_own_translation(lang):
    for place, field, values in template_texts():
        text = (values.get(lang) or "").strip()
        assert text, f"{place} {field}: no {lang}"
        assert text == MORE_TEXTS[values["de"]][lang]
        assert text != values["de"], f"{place} {field}: {lang} is the German text"


def test_every_translation_belongs_to_a_text_of_the_template():
    used = {values["de"] for _place, _field, values in template_texts()}
    assert set(MORE_TEXTS) == used
    for german, versions in MORE_TEXTS.items():
        assert set(versions) == set(MORE_LANGS), german


def test_numbers_stay_the_same_in_every_language():
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    for place, field, values in template_texts():
        expected = sorted(ch for ch in values["de"] if ch.isdigit())
        for lang in MORE_LANGS:
            found = sorted(ch for ch in values[lang].translate(digits) if ch.isdigit())
            assert found == expected, f"{place} {field} {lang}"


def test_the_template_offers_all_product_languages():
    assert sorted(needs_survey_spec()["languages"]) == sorted(PRODUCT_LANGUAGES)


def test_the_demo_survey_is_complete_in_all_eight_languages(app, db):
    demo.seed_demo(db, app.extensions["password_hasher"])
    db.commit()
    survey = find_survey(db, demo.DEMO_SURVEY_SLUG)
    assert survey.languages == ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]
    assert survey_completeness.missing_texts(survey) == []
    assert survey_completeness.publish_problems(survey) == []


@pytest.mark.parametrize(
    ("lang", "direction", "title"),
    [
        ("fa", "rtl", MORE_TEXTS["Bedarfserhebung Inklusion im Stadtteil"]["fa"]),
        ("ru", "ltr", MORE_TEXTS["Bedarfserhebung Inklusion im Stadtteil"]["ru"]),
        ("pl", "ltr", MORE_TEXTS["Bedarfserhebung Inklusion im Stadtteil"]["pl"]),
    ],
)
def test_residents_see_the_demo_survey_in_their_language(app, db, client, lang, direction, title):
    demo.seed_demo(db, app.extensions["password_hasher"])
    db.commit()
    soup = check_page(client.get(f"/s/{demo.DEMO_SURVEY_SLUG}?lang={lang}"))
    assert soup.html["lang"] == lang
    assert soup.html["dir"] == direction
    assert title in soup.get_text()
