"""Easy-read registers (Leichte Sprache for German): complete for every resident string,
following the rules, switched on by ?easy=1, sticking in a cookie, falling back per string."""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.catalog import Catalog

from survey import catalogs, i18n

from .pages import check_page

# Words that Leichte Sprache splits with a middle dot ("Stadt·teil") when they appear.
COMPOUNDS = {
    "Stadtteil": "Stadt·teil",
    "Netzwerk": "Netz·werk",
    "Startseite": "Start·seite",
    "Internetseite": "Internet·seite",
    "mitmachen": "mit·machen",
    "Alltagssprache": "Alltags·sprache",
    "Buchstabe": "Buch·stabe",
}
ABBREVIATIONS = re.compile(
    r"\b(z\.\s?B\.|usw\.|bzw\.|etc\.|ggf\.|d\.\s?h\.|u\.\s?a\.|evtl\.|inkl\.|ca\.|Nr\.|bspw\.)",
    re.I,
)
PASSIVE = re.compile(r"\b(wird|werden|wurde|wurden|worden)\b", re.I)
NEGATION = re.compile(r"\b(nicht|kein|keine|keinen|keiner|nie|niemand)\b", re.I)
# Where a negation says it most plainly; every other easy-read text is positive.
NEGATION_OK = {"Page not found"}
MAX_WORDS = 10


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.read_catalog(catalogs.POT)


@pytest.fixture(scope="module")
def easy_de() -> Catalog:
    return catalogs.read_catalog(catalogs.po_path("de", "easy"), "de")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text.strip()) if s]


# --- the catalog ---------------------------------------------------------------------------


def test_resident_strings_are_marked_in_the_code(template):
    resident = {k[1] for k in catalogs.resident_keys(template)}
    # the start page, errors, navigation helpers and the switchers a resident uses
    for msgid in [
        "Mitsprache: have your say in your neighbourhood",
        "Skip to main content",
        "Language",
        "Easy-read",
        "Error:",
        "There is a problem",
        "Back",
        "Page not found",
        "Mitsprache – nothing about us without us.",
    ]:
        assert msgid in resident, msgid
    assert "Log out" not in resident, "staff-only strings need no easy-read version"


def test_every_easy_read_register_covers_every_resident_string(template):
    registers = list(catalogs.catalogs("easy"))
    assert "de" in dict(registers), "German has an easy-read register (Leichte Sprache)"
    wanted = catalogs.resident_keys(template)
    for locale, path in registers:
        catalog = catalogs.read_catalog(path, locale)
        have = {k for k, m in catalogs.entries(catalog).items() if all(_strings(m))}
        assert wanted - have == set(), f"{locale}/easy.po lacks: {sorted(wanted - have)}"
        problems = list(catalogs.check_catalog(locale, "easy", catalog, template))
        assert not problems, [str(p) for p in problems]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, list | tuple) else [message.string]


def test_leichte_sprache_rules(easy_de):
    for message in easy_de:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
        for text in _strings(message):
            for sentence in _sentences(text):
                words = sentence.split()
                assert len(words) <= MAX_WORDS, f"too long ({len(words)} words): {sentence}"
            assert not ABBREVIATIONS.search(text), f"abbreviation in {text!r}"
            assert not PASSIVE.search(text), f"passive voice in {text!r}"
            if msgid not in NEGATION_OK:
                assert not NEGATION.search(text), f"negation in {text!r}"
            for whole, split in COMPOUNDS.items():
                assert not re.search(rf"\b{whole}", text, re.I), f"write {split!r} in {text!r}"


def test_easy_read_differs_from_the_standard_register_where_it_matters(easy_de):
    standard = catalogs.read_catalog(catalogs.po_path("de"), "de")
    singular = [m for m in easy_de if m.id and isinstance(m.id, str)]
    rewritten = [m for m in singular if m.string != standard[m.id].string]
    assert len(rewritten) >= len(singular) * 2 // 3
    # the long sentences of the start page are the ones that must become easy
    start = "Nothing about us without us. Mitsprache helps local inclusion networks find out what people in a neighbourhood need, together with them."
    assert easy_de[start].string != standard[start].string


# --- the switch ----------------------------------------------------------------------------


def _easy(msgid: str) -> str:
    with i18n.force_locale("de", easy_read=True):
        return i18n.gettext(msgid)


def _standard(msgid: str) -> str:
    with i18n.force_locale("de"):
        return i18n.gettext(msgid)


def test_easy_read_start_page_in_german(client, easy_de):
    response = client.get("/?lang=de&easy=1")
    soup = check_page(response)
    assert "easy-read" in soup.body["class"]
    title = "Mitsprache: have your say in your neighbourhood"
    assert soup.h1.get_text() == easy_de[title].string
    text = soup.get_text(" ")
    start_page = [
        "Nothing about us without us. Mitsprache helps local inclusion networks find out what people in a neighbourhood need, together with them.",
        "Do you want to answer a survey?",
        "Use the link or the QR code you were given. You do not need an account. You can answer in your language and in easy-read language.",
        "Do you work in the network?",
        "Log in as a coordinator or walk leader",
    ]
    for msgid in start_page:
        assert easy_de[msgid].string in text, msgid
        assert _standard(msgid) not in text, msgid
    assert soup.select_one(".skip-link").get_text() == easy_de["Skip to main content"].string


def test_easy_read_choice_sticks_and_can_be_switched_off(client):
    first = client.get("/?lang=de&easy=1")
    assert any(c.startswith("easy=1;") for c in first.headers.getlist("Set-Cookie"))
    again = check_page(client.get("/"))
    assert again.h1.get_text() == _easy("Mitsprache: have your say in your neighbourhood")
    # the switch offers the way back, in easy-read words
    back = again.select_one(".easy-read-switch a")
    assert back.get_text() == _easy("Standard language")
    assert "easy=0" in back["href"]
    off = check_page(client.get(back["href"]))
    assert off.h1.get_text() == _standard("Mitsprache: have your say in your neighbourhood")
    assert "easy-read" not in (off.body.get("class") or [])
    later = check_page(client.get("/"))
    assert later.select_one(".easy-read-switch a").get_text() == "Leichte Sprache"


def test_easy_read_falls_back_per_string_to_the_standard_register(client):
    soup = check_page(client.get("/login?lang=de&easy=1"))
    assert soup.h1.get_text() == "Anmelden", "staff strings have no easy version: standard German"
    assert soup.select_one(".skip-link").get_text() == _easy("Skip to main content")


def test_easy_read_error_page(client):
    response = client.get("/no-such-page?lang=de&easy=1")
    assert response.status_code == 404
    soup = check_page(response)
    assert soup.h1.get_text() == _easy("Page not found")
    assert _easy("Page not found") != _standard("Page not found")


def test_language_without_easy_register_shows_no_switch_and_ignores_easy(client):
    soup = check_page(client.get("/?lang=en&easy=1"))
    assert soup.h1.get_text() == "Mitsprache: have your say in your neighbourhood"
    assert soup.select_one(".easy-read-switch") is None


@pytest.fixture
def translations_copy(tmp_path, monkeypatch):
    """A copy of translations/ the test may change; the app reads it instead."""
    copy = tmp_path / "translations"
    shutil.copytree(catalogs.TRANSLATIONS, copy)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", copy)
    i18n.clear_catalog_cache()
    yield copy
    monkeypatch.undo()
    i18n.clear_catalog_cache()


def test_another_language_gains_easy_read_by_adding_one_file(client, translations_copy):
    catalog = catalogs.new_catalog("en", "easy")
    catalog.add("Mitsprache: have your say in your neighbourhood", "Mitsprache: say what you need")
    catalogs.write_catalog(translations_copy / "en" / "LC_MESSAGES" / "easy.po", catalog)
    soup = check_page(client.get("/?lang=en&easy=1"))
    assert soup.h1.get_text() == "Mitsprache: say what you need"
    assert soup.select_one(".easy-read-switch a").get_text() == "Standard language"
    # strings the register lacks fall back to the standard English text
    assert soup.select_one(".skip-link").get_text() == "Skip to main content"


def test_a_half_translated_easy_entry_falls_back(client, translations_copy):
    path = translations_copy / "de" / "LC_MESSAGES" / "easy.po"
    catalog = catalogs.read_catalog(path, "de")
    catalog["Skip to main content"].string = ""
    catalogs.write_catalog(path, catalog)
    soup = check_page(client.get("/?lang=de&easy=1"))
    assert soup.select_one(".skip-link").get_text() == "Zum Inhalt springen"


def _contains(text: str, phrase: str) -> bool:
    """Whole words only: the English "or" is no leftover inside the German "oder"."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


@pytest.mark.parametrize("path", ["/", "/login", "/no-such-page"])
def test_public_pages_in_easy_read_german_use_the_easy_register(client, template, path):
    soup = check_page(client.get(path, query_string={"lang": "de", "easy": "1"}))
    assert soup.html["lang"] == "de"
    text = re.sub(r"\s+", " ", soup.get_text(" "))
    shown = 0
    for resident_key in catalogs.resident_keys(template):
        msgid = resident_key[1]
        if not isinstance(msgid, str):
            continue  # plural strings: none on these pages
        easy, standard = _easy(msgid), _standard(msgid)
        if easy in text:
            shown += 1
        if easy != standard:
            assert not _contains(text, standard), (
                f"{path}: standard German instead of easy-read: {standard!r}"
            )
        if msgid != easy:
            assert not _contains(text, msgid), (
                f"{path}: English left in easy-read German: {msgid!r}"
            )
    assert shown >= 3, f"{path} shows almost no resident strings in easy-read"
