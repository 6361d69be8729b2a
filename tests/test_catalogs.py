"""The gettext catalogs: complete, compiling, placeholders intact, in step with the code, and
every public page readable in all eight languages without a missing translation."""

from __future__ import annotations

import io
from gettext import c2py

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.support import Translations

from survey import catalogs
from survey.config import LANGUAGES

from .leftovers import english_leftovers
from .pages import check_page

RTL = {"ar", "fa"}
PUBLIC_PAGES = ["/", "/login", "/no-such-page"]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.read_catalog(catalogs.POT)


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, list | tuple) else [message.string]


# --- the catalogs themselves ---------------------------------------------------------------


def test_the_eight_languages_are_configured():
    assert LANGUAGES == ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_catalog_is_complete_with_no_fuzzy_or_empty_entry(locale, template):
    path = catalogs.po_path(locale)
    assert path.exists(), f"{path} is missing: run `python -m survey translate update`"
    catalog = catalogs.read_catalog(path, locale)
    have = catalogs.entries(catalog)
    missing = [k for k in catalogs.entries(template) if k not in have]
    assert not missing, f"{locale}: not in the catalog yet: {missing}"
    empty = [m.id for m in catalog if m.id and not all(_strings(m))]
    assert not empty, f"{locale}: untranslated: {empty}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{locale}: fuzzy: {fuzzy}"
    assert not catalog.fuzzy, f"{locale}: the catalog header is marked fuzzy"
    stale = [k for k in have if k not in catalogs.entries(template)]
    assert not stale, f"{locale}: strings the code no longer has: {stale}"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_placeholders_are_the_same_as_in_the_msgid(locale):
    catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, list | tuple):
            allowed = {catalogs.placeholders(text) for text in message.id}
            for index, text in enumerate(message.string):
                assert catalogs.placeholders(text) in allowed, (locale, message.id, index, text)
        else:
            assert catalogs.placeholders(message.string) == catalogs.placeholders(message.id), (
                locale,
                message.id,
                message.string,
            )


@pytest.mark.parametrize("locale", LANGUAGES)
def test_plural_forms_follow_babels_rules(locale):
    catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
    rule = get_plural(locale)
    assert catalog.num_plurals == rule.num_plurals
    assert catalog.plural_expr == rule.plural_expr
    plurals = [m for m in catalog if isinstance(m.id, list | tuple)]
    assert plurals, "the interface has plural strings; they must be in the catalog"
    for message in plurals:
        assert len(message.string) == rule.num_plurals, (locale, message.id)
        assert all(message.string), (locale, message.id)


def test_plural_form_counts_are_the_ones_the_languages_need():
    counts = {code: get_plural(code).num_plurals for code in LANGUAGES}
    assert counts["ar"] == 6
    assert counts["pl"] == counts["uk"] == counts["ru"] == 3


@pytest.mark.parametrize(("locale", "domain"), [(loc, d) for d in catalogs.DOMAINS
                                                for loc, _ in catalogs.catalogs(d)])  # fmt: skip
def test_catalog_compiles_and_translates(locale, domain):
    catalog = catalogs.read_catalog(catalogs.po_path(locale, domain), locale)
    translations = Translations(io.BytesIO(catalogs.compile_catalog(catalog)), domain=domain)
    sample = next(m for m in catalog if m.id and not isinstance(m.id, list | tuple))
    assert translations.ugettext(sample.id) == sample.string
    plural = next((m for m in catalog if isinstance(m.id, list | tuple)), None)
    if plural is not None:
        form = c2py(catalog.plural_expr)
        for n in range(0, 120):
            assert translations.ungettext(*plural.id, n) == plural.string[form(n)]


def test_arabic_uses_all_six_plural_forms():
    catalog = catalogs.read_catalog(catalogs.po_path("ar"), "ar")
    form = c2py(catalog.plural_expr)
    forms = {form(n) for n in (0, 1, 2, 3, 11, 100)}
    assert forms == {0, 1, 2, 3, 4, 5}


def test_the_pot_is_up_to_date_with_the_code(tmp_path, template):
    fresh = catalogs.extract(tmp_path / "messages.pot")
    in_code = set(catalogs.entries(fresh))
    in_pot = set(catalogs.entries(template))
    assert in_code - in_pot == set(), (
        "strings in the code that are not in translations/messages.pot: run "
        "`python -m survey translate extract` and `update`, then translate them"
    )
    assert in_pot - in_code == set(), "messages.pot has strings the code no longer uses"
    assert catalogs.resident_keys(fresh) == catalogs.resident_keys(template), (
        "the resident markers changed: run `python -m survey translate extract` and `update`"
    )


# --- rendered pages ------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LANGUAGES)
def test_public_pages_are_fully_translated(client, locale):
    direction = "rtl" if locale in RTL else "ltr"
    for path in PUBLIC_PAGES:
        english = client.get(path, query_string={"lang": "en"}).get_data(as_text=True)
        page = client.get(path, query_string={"lang": locale})
        assert page.status_code == (404 if "no-such" in path else 200)
        html = page.get_data(as_text=True)
        soup = check_page(html)
        assert soup.html["lang"] == locale
        assert soup.html["dir"] == direction
        if locale != "en":
            leftovers = english_leftovers(locale, html, english)
            assert not leftovers, f"{path}?lang={locale} shows English: {leftovers}"


@pytest.mark.parametrize("locale", sorted(RTL))
def test_right_to_left_pages_keep_each_language_in_its_own_direction(client, locale):
    soup = check_page(client.get("/", query_string={"lang": locale}))
    assert soup.html["dir"] == "rtl"
    for link in soup.select(".language-switcher a"):
        assert link["dir"] == ("rtl" if link["lang"] in RTL else "ltr")


def test_error_summary_prefix_is_translated_in_every_language(client):
    for locale in LANGUAGES:
        page = client.post("/login", data={}, query_string={"lang": locale})
        soup = check_page(page)
        catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
        assert soup.title.get_text().startswith(catalog["Error:"].string), locale
        assert soup.select_one(".error-summary__title").get_text() == (
            catalog["There is a problem"].string
        )
