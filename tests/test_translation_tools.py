"""The translator's tools and the texts around the catalogs: the checker, `translate check`,
the update/missing/apply workflow, WTForms' own messages, and stored multilingual content."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess

import pytest
from babel.messages.catalog import Catalog

from survey import catalog_workflow as workflow
from survey import catalogs
from survey.config import LANGUAGES


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
    workflow.update_all(template)

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
        workflow.apply(catalog, {"%(num)d answer": ["%(num)d ответ", "%(num)d ответа"]})
    changed, unknown = workflow.apply(catalog, {"Nothing like this": "x"})
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
                '<span lang="de" dir="ltr" class="fallback-text">Wie kommen Sie zum Einkaufen? '
                '<span class="content-language" lang="de" dir="ltr">(Deutsch)</span></span>'
            )
        with force_locale("en"):
            only_arabic = {"label": {"ar": "كيف تصل إلى التسوق؟"}}
            html = render_template_string(page, texts=only_arabic)
            assert 'lang="ar" dir="rtl"' in html
            assert localized(only_arabic, "label").fallback


def test_a_plural_form_for_many_numbers_keeps_the_number():
    """Persian's second form is for every n >= 2: without %(num)s the number is lost (GNU
    msgfmt -c rejects it). Arabic's "many" form (11, 12 …) too."""
    template = Catalog(locale=None)
    plural = ("Fix this one", "Fix these %(num)s")
    template.add(plural)
    persian = Catalog(locale="fa")
    persian.add(plural, ("این را درست کنید", "اینها را درست کنید"))
    found = {(p.msgid, p.what) for p in catalogs.check_catalog("fa", "messages", persian, template)}
    assert found == {(plural[0], "plural form 1 lacks the placeholders of the plural msgid")}

    arabic = Catalog(locale="ar")
    forms = [f"%(num)s {word}" for word in ["صفر", "واحد", "اثنان", "قليلة", "كثيرة", "أخرى"]]
    arabic.add(plural, tuple(forms))
    assert not list(catalogs.check_catalog("ar", "messages", arabic, template))
    arabic = Catalog(locale="ar")
    arabic.add(plural, tuple(forms[:4] + ["كثيرة", forms[5]]))
    found = {p.what for p in catalogs.check_catalog("ar", "messages", arabic, template)}
    assert found == {"plural form 4 lacks the placeholders of the plural msgid"}


def test_catalogs_pass_gnu_msgfmt_check(tmp_path):
    """The catalogs pass `msgfmt -c`, the check Poedit and Weblate run (gettext is installed
    by scripts/system-deps.sh)."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is missing: run scripts/system-deps.sh"
    failed = {}
    for domain in catalogs.DOMAINS:
        for locale, path in catalogs.catalogs(domain):
            run = subprocess.run(
                [msgfmt, "-c", "-o", str(tmp_path / f"{locale}-{domain}.mo"), str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if run.returncode:
                failed[f"{locale}/{domain}"] = run.stderr
    assert not failed, failed
