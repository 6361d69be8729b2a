"""Which language a visitor gets: the browser's list by quality with regional tags reduced to
their language, and stored content that falls back to the survey's own language, visibly."""

from __future__ import annotations

import pytest

from survey.i18n import force_locale, localized

from .pages import check_page
from .respond.helpers import begin, open_survey


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,en;q=0.8", "ru"),
        ("uk-UA,en;q=0.5", "uk"),
        ("en-GB,de;q=0.9", "en"),
        ("fr-FR,fa-IR;q=0.7,en;q=0.6", "fa"),
        ("fr-CA,fr;q=0.9", "de"),  # nothing we have: the default
        ("de;q=0.2,tr-TR;q=0.9", "tr"),  # quality, not the order in the header
        ("PL-pl", "pl"),
    ],
)
def test_accept_language_picks_the_first_supported_language_by_quality(client, header, expected):
    soup = check_page(client.get("/login", headers={"Accept-Language": header}))
    assert soup.html["lang"] == expected


LABELS = {"tr": "Hangi mahallede oturuyorsunuz?", "ar": "في أي حي تسكن؟"}


def _survey(db, default_language):
    question = {
        "key": "wohnort",
        "type": "single_choice",
        "choices": ["altstadt", "nord"],
        "texts": {"label": dict(LABELS)},
    }
    return open_survey(
        db,
        questions=[question],
        languages=["tr", "ar", "de"],
        default_language=default_language,
        texts={"title": {"tr": "Anketimiz", "ar": "استبياننا"}},
    )


@pytest.mark.parametrize(("default", "name"), [("tr", "Türkçe"), ("ar", "العربية")])
def test_missing_text_falls_back_to_the_surveys_language_and_says_so(client, db, default, name):
    _survey(db, default)
    first = begin(client, query="?lang=de")
    soup = check_page(client.get(first))
    assert soup.html["lang"] == "de"
    text = soup.h1.find(class_="fallback-text")
    assert text["lang"] == default
    assert text["dir"] == ("rtl" if default == "ar" else "ltr")
    assert LABELS[default] in text.get_text()
    marker = text.find(class_="content-language")
    assert marker.get_text() == f"({name})"
    assert marker["lang"] == default


def test_a_text_in_the_page_language_has_no_marker(client, db):
    _survey(db, "tr")
    first = begin(client, query="?lang=ar")
    soup = check_page(client.get(first))
    assert LABELS["ar"] in soup.h1.get_text()
    assert soup.h1.find(class_="content-language") is None


def test_localized_takes_the_fallback_before_german():
    texts = {"label": {"de": "Deutsch", "tr": "Türkçe metin"}}
    with force_locale("en"):
        assert localized(texts, "label").text == "Deutsch"
        chosen = localized(texts, "label", fallbacks=("tr",))
    assert chosen.text == "Türkçe metin"
    assert chosen.lang == "tr"
    assert chosen.fallback
