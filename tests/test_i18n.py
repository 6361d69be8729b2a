"""Language choice, direction, formatting and localized stored texts."""

from __future__ import annotations

from survey.i18n import force_locale, format_number, format_percent, gettext, localized

from .pages import check_page


def test_default_language_is_german(client):
    soup = check_page(client.get("/login"))
    assert soup.html["lang"] == "de"
    assert soup.html["dir"] == "ltr"
    assert soup.h1.get_text() == "Anmelden"


def test_accept_language_is_used_when_no_choice_was_made(client):
    soup = check_page(client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Log in"


def test_lang_parameter_gives_rtl_and_sticks(client):
    soup = check_page(client.get("/login?lang=ar"))
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"
    assert soup.h1.get_text() != "Log in"
    again = check_page(client.get("/login", headers={"Accept-Language": "en"}))
    assert again.html["lang"] == "ar", "the cookie wins over Accept-Language"


def test_unknown_language_falls_back(client):
    assert check_page(client.get("/login?lang=xx")).html["lang"] == "de"


def test_language_switcher_names_each_language_in_itself(client):
    soup = check_page(client.get("/login"))
    links = soup.select(".language-switcher a")
    names = {a["lang"]: a.get_text(strip=True) for a in links}
    assert names["de"] == "Deutsch"
    assert names["ar"] == "العربية"
    assert names["uk"] == "Українська"
    assert all(a["hreflang"] == a["lang"] for a in links)
    assert soup.select_one('.language-switcher a[aria-current="true"]')["lang"] == "de"


def test_switcher_keeps_other_query_parameters(client):
    soup = check_page(client.get("/login?next=/users/"))
    href = soup.select_one('.language-switcher a[lang="en"]')["href"]
    assert "next=%2Fusers%2F" in href
    assert "lang=en" in href


def test_numbers_follow_the_locale():
    with force_locale("de"):
        assert format_number(1234.5, 1) == "1.234,5"
        assert format_percent(0.62).replace("\xa0", " ") == "62 %"
    with force_locale("en"):
        assert format_number(1234.5, 1) == "1,234.5"


def test_localized_falls_back_visibly():
    texts = {
        "label": {"de": "Wie alt sind Sie?"},
        "label_easy": {"de": "Wie alt sind Sie? (leicht)"},
    }
    result = localized(texts, "label", "ar", easy_read=False)
    assert result.text == "Wie alt sind Sie?"
    assert result.lang == "de"
    assert result.fallback
    easy = localized(texts, "label", "de", easy_read=True)
    assert easy.text.endswith("(leicht)")
    assert not easy.fallback
    assert localized({}, "label", "de").text == ""


def test_lazy_strings_follow_each_request_language():
    from survey.i18n import lazy_gettext

    label = lazy_gettext("Log in")
    with force_locale("de"):
        assert str(label) == "Anmelden"
    with force_locale("en"):
        assert str(label) == "Log in"


def test_gettext_formats_named_placeholders():
    with force_locale("en"):
        assert gettext("Hello, %(name)s.", name="Ana") == "Hello, Ana."
