"""The gettext catalogs: complete, compiling, placeholders intact, in step with the code, and
every public page readable in all eight languages without a missing translation."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
from gettext import c2py

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.support import Translations

from survey import catalogs
from survey.config import LANGUAGES
from survey.i18n import language_name

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


def test_the_checker_finds_what_a_translator_still_has_to_do():
    """The checker behind `translate check` and these tests reports each kind of problem."""
    template = Catalog(locale=None)
    template.add("Hello, %(name)s.")
    template.add("Back")
    template.add(("%(num)d file", "%(num)d files"))
    template.add("Gone")
    catalog = Catalog(locale="pl")
    catalog.add("Hello, %(name)s.", "Dzień dobry, %(imie)s.")
    catalog.add("Back", "Wstecz", flags=["fuzzy"])
    catalog.add(("%(num)d file", "%(num)d files"), ("%(num)d plik", "%(num)d pliki"))
    catalog.add("Removed", "Usunięte")
    found = {(p.msgid, p.what) for p in catalogs.check_catalog("pl", "messages", catalog, template)}
    assert ("Hello, %(name)s.", "placeholders differ from the msgid") in found
    assert ("Back", "fuzzy") in found
    assert ("%(num)d file", "has 2 plural forms, needs 3") in found
    assert ("Gone", "missing (run `translate update`)") in found
    assert ("Removed", "not in messages.pot any more (run `translate update`)") in found


def test_placeholders_counts_named_and_positional():
    assert catalogs.placeholders("%(a)s and %(b)d, 100%%") == (frozenset({"a:s", "b:d"}), ())
    assert catalogs.placeholders("%s of %d") == (frozenset(), ("s", "d"))
    assert catalogs.placeholders("%(a)s") != catalogs.placeholders("%(a)d")
    assert catalogs.placeholders("Allowed: {extensions}") == (frozenset({"{extensions}"}), ())
    assert catalogs.placeholders("{{literal}}") == (frozenset(), ())


def test_translate_check_command_reports_a_clean_state(app):
    result = app.test_cli_runner().invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    assert "All catalogs are complete." in result.output


# --- rendered pages ------------------------------------------------------------------------

ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def _texts(html: str) -> set[str]:
    soup = check_page(html)
    texts = {re.sub(r"\s+", " ", s).strip(" :") for s in soup.stripped_strings}
    for name in ATTRIBUTES:
        texts |= {tag[name].strip() for tag in soup.find_all(attrs={name: True})}
    return {t for t in texts if t}


def _allowed_same_as_english(locale: str) -> set[str]:
    """Texts that may be identical in English and `locale`: names, and translations that
    happen to be spelled the same (German "Status", "Team")."""
    same = {"Mitsprache", *(language_name(code) for code in LANGUAGES)}
    catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
    for message in catalog:
        if message.id and not isinstance(message.id, list | tuple):
            if message.string == message.id:
                same.add(message.id)
    return same


def _english_leftovers(locale: str, html: str, english_html: str) -> set[str]:
    english = _texts(english_html)
    allowed = _allowed_same_as_english(locale)
    leftovers = {t for t in _texts(html) & english if t not in allowed}
    # a brand or language name inside a longer text, like "Page not found – Mitsprache"
    return {t for t in leftovers if re.sub(r"\s*–\s*Mitsprache$", "", t) not in allowed}


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
            leftovers = _english_leftovers(locale, html, english)
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


# --- stored content: the default need categories --------------------------------------------


def test_default_need_categories_are_named_in_every_language():
    from survey.services.taxonomy import NEED_CATEGORIES

    for key, _dimension, labels, easy in NEED_CATEGORIES:
        assert set(labels) == set(LANGUAGES), key
        assert all(text.strip() for text in labels.values()), key
        assert easy.get("de"), f"{key} needs an easy-read German label"
    for lang in LANGUAGES:
        names = [labels[lang] for _k, _d, labels, _e in NEED_CATEGORIES]
        assert len(set(names)) == len(names), f"two categories share a name in {lang}"


def test_seeding_names_categories_and_fills_only_missing_languages(db):
    from sqlalchemy import select

    from survey.i18n import localized
    from survey.models import NeedCategory
    from survey.services.taxonomy import seed_need_categories

    assert seed_need_categories(db) == 10
    db.commit()
    mobility = db.scalars(select(NeedCategory).where(NeedCategory.key == "mobility")).one()
    assert localized(mobility.texts, "label", "uk", easy_read=False).text == (
        "Мобільність і пересування"
    )
    assert localized(mobility.texts, "label", "de", easy_read=True).text == "Unterwegs sein"
    # a network renamed one label and an older version stored only German and English
    mobility.texts = {"label": {"de": "Barrierefrei unterwegs", "en": "Getting around"}}
    db.commit()
    assert seed_need_categories(db) == 0
    db.commit()
    db.expire_all()
    mobility = db.scalars(select(NeedCategory).where(NeedCategory.key == "mobility")).one()
    assert mobility.texts["label"]["de"] == "Barrierefrei unterwegs"
    assert mobility.texts["label"]["en"] == "Getting around"
    assert mobility.texts["label"]["fa"] == "جابه‌جایی و رفت‌وآمد"
    assert mobility.texts["label_easy"]["de"] == "Unterwegs sein"


# --- the translator workflow (update, missing, apply) ---------------------------------------


@pytest.fixture
def scratch_translations(tmp_path, monkeypatch):
    """A copy of translations/ that the workflow commands may change."""
    copy = tmp_path / "translations"
    shutil.copytree(catalogs.TRANSLATIONS, copy)
    monkeypatch.setattr(catalogs, "TRANSLATIONS", copy)
    return copy


def _po_fill():
    spec = importlib.util.spec_from_file_location(
        "po_fill", catalogs.ROOT / "scripts" / "po_fill.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_new_strings_reach_every_catalog_and_can_be_filled(scratch_translations, capsys):
    template = catalogs.read_catalog(catalogs.POT)
    template.add("Thank you, %(name)s.", auto_comments=["resident"])
    template.add(("%(num)d answer", "%(num)d answers"))
    template.delete("Walk")  # the code no longer uses it
    catalogs.update_all(template)

    turkish = catalogs.read_catalog(catalogs.po_path("tr"), "tr")
    assert turkish["Thank you, %(name)s."].string == ""
    assert turkish["Back"].string == "Geri", "existing translations are kept"
    assert turkish.get("Walk") is None
    assert not any(m.fuzzy for m in turkish if m.id)
    english = catalogs.read_catalog(catalogs.po_path("en"), "en")
    assert english["Thank you, %(name)s."].string == "Thank you, %(name)s."
    easy = catalogs.read_catalog(catalogs.po_path("de", "easy"), "de")
    assert easy["Thank you, %(name)s."].string == ""
    assert easy.get("Log out") is None, "only resident strings go into easy.po"
    left = {p.locale for p in catalogs.check_all(template)}
    assert left == set(LANGUAGES) - {"en"}

    po_fill = _po_fill()
    capsys.readouterr()
    assert po_fill.main(["missing-all"]) == 0
    todo = json.loads(capsys.readouterr().out)
    assert set(todo) == set(LANGUAGES) - {"en"}
    assert len(todo["ar"]["%(num)d answer"]) == 6
    assert len(todo["uk"]["%(num)d answer"]) == 3
    for locale, strings in todo.items():
        for msgid in strings:
            if isinstance(strings[msgid], list):
                strings[msgid] = ["%(num)d ✓"] * len(strings[msgid])
            else:
                strings[msgid] = f"{msgid} ({locale})"
    mapping = scratch_translations / "todo.json"
    mapping.write_text(json.dumps(todo, ensure_ascii=False), encoding="utf-8")
    assert po_fill.main(["apply-all", str(mapping)]) == 0
    (scratch_translations / "easy.json").write_text(
        json.dumps({"de": {"Thank you, %(name)s.": "Danke, %(name)s."}}), encoding="utf-8"
    )
    assert (
        po_fill.main(["apply-all", str(scratch_translations / "easy.json"), "--domain", "easy"])
        == 0
    )
    assert catalogs.check_all(template) == []


def test_apply_refuses_a_wrong_number_of_plural_forms():
    catalog = Catalog(locale="ru")
    catalog.add(("%(num)d answer", "%(num)d answers"))
    with pytest.raises(ValueError, match="needs 3 plural forms"):
        catalogs.apply(catalog, {"%(num)d answer": ["%(num)d ответ", "%(num)d ответа"]})
    changed, unknown = catalogs.apply(catalog, {"Nothing like this": "x"})
    assert (changed, unknown) == (0, ["Nothing like this"])


# --- messages WTForms writes itself --------------------------------------------------------


def test_wtforms_messages_listed_for_translation_match_the_installed_wtforms():
    from pathlib import Path

    import flask_wtf
    import wtforms

    from survey.validation_messages import BUILT_IN

    source = "".join(
        path.read_text(encoding="utf-8")
        for package in (wtforms, flask_wtf)
        for path in Path(package.__file__).parent.rglob("*.py")
    )
    for entry in BUILT_IN:
        for text in entry if isinstance(entry, tuple) else (entry,):
            assert f'"{text}"' in source, f"WTForms no longer writes {text!r}: update the list"


def test_wtforms_built_in_messages_follow_the_language(app):
    from wtforms import IntegerField, RadioField
    from wtforms.fields.choices import SelectChoice
    from wtforms.validators import InputRequired, NumberRange

    from survey.forms import BaseForm
    from survey.i18n import force_locale

    class AgeForm(BaseForm):
        age = IntegerField("Age", validators=[NumberRange(min=0, max=120)])
        colour = RadioField(
            "Colour", choices=[SelectChoice("a", "A")], validators=[InputRequired()]
        )

    expected = {
        ("de", False): (
            "Bitte geben Sie eine ganze Zahl ein.",
            "Bitte wählen Sie eine der angebotenen Antworten.",
        ),
        ("de", True): (
            "Schreiben Sie eine Zahl. Zum Beispiel: 12",
            "Wählen Sie eine Antwort aus der Liste.",
        ),
        ("uk", False): ("Введіть ціле число.", "Виберіть один із запропонованих варіантів."),
    }
    for (locale, easy), (age_error, colour_error) in expected.items():
        data = {"age": "zwölf", "colour": "z"}
        with app.test_request_context("/", method="POST", data=data), force_locale(locale, easy):
            form = AgeForm()
            assert not form.validate()
            assert form.age.errors[0] == age_error
            assert form.colour.errors == [colour_error]
        with (
            app.test_request_context("/", method="POST", data={"age": "130"}),
            force_locale(locale),
        ):
            form = AgeForm()
            form.validate()
            assert catalogs.placeholders(form.age.errors[0]) == (frozenset(), ())
            assert "120" in form.age.errors[0]


def test_stored_text_in_another_language_is_marked_with_its_language(app):
    from flask import render_template_string

    from survey.i18n import force_locale, localized

    texts = {"label": {"de": "Wie kommen Sie zum Einkaufen?", "ar": "كيف تصل إلى التسوق؟"}}
    page = '{% import "components/i18n.html" as i18n %}{{ i18n.text(localized(texts, "label")) }}'
    with app.test_request_context("/"):
        with force_locale("ar"):
            assert render_template_string(page, texts=texts) == "كيف تصل إلى التسوق؟"
        with force_locale("uk"):
            html = render_template_string(page, texts=texts)
            assert html == (
                '<span lang="de" dir="ltr" class="fallback-text">Wie kommen Sie zum Einkaufen?</span>'
            )
        with force_locale("en"):
            only_arabic = {"label": {"ar": "كيف تصل إلى التسوق؟"}}
            html = render_template_string(page, texts=only_arabic)
            assert 'lang="ar" dir="rtl"' in html
            assert localized(only_arabic, "label").fallback
