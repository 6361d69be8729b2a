"""Texts per language and easy-read, the translations grid, and the plain-language check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for

from .. import db
from ..auth import coordinator_required
from ..i18n import gettext as _
from ..i18n import text_direction
from ..services import plain_language, surveys
from ..services.survey_completeness import field_label, missing_texts, text_slots
from ..services.surveys import BuilderError, with_text
from .views import bp, check_language, load_question, load_survey

LONG_FIELDS = {"intro", "consent", "thanks", "who_asks", "results_note", "hint"}


@dataclass
class TextField:
    """One text box: a field of a texts dict in one language (standard or easy-read)."""

    id: str
    label: Any
    value: str
    multiline: bool
    easy: bool
    report: plain_language.Report | None = None
    error: str = ""
    reference: str = ""  # the same text in the main language, to translate from


def _label(name: str, prefix: str) -> Any:
    if name == "label":
        return _("Answer text") if prefix.startswith("c-") else _("Question text")
    return field_label(name)


def _fields(prefix: str, texts: dict, names: list[str], lang: str, main: str) -> list[TextField]:
    fields = []
    for name in names:
        for easy in (False, True):
            key = f"{name}_easy" if easy else name
            value = ((texts or {}).get(key) or {}).get(lang, "")
            label = _label(name, prefix)
            reference = ((texts or {}).get(key) or {}).get(main, "") if lang != main else ""
            fields.append(
                TextField(
                    id=f"{prefix}{key}",
                    label=_("%(field)s – easy-read", field=label) if easy else label,
                    value=value,
                    multiline=name in LONG_FIELDS,
                    easy=easy,
                    report=plain_language.check_text(value, lang, easy) if value else None,
                    reference=reference,
                )
            )
    return fields


def _apply(texts: dict, fields: list[TextField], form, lang: str) -> tuple[dict, list]:
    """The texts with the submitted values; errors as (field id, message)."""
    errors = []
    for field in fields:
        if field.id not in form:  # browsers send every box, even empty ones; keep the rest
            continue
        field.value = form[field.id]
        # the hints shown next to the box belong to the text in it, saved or not
        checked = field.value[: surveys.TEXT_MAX]
        field.report = plain_language.check_text(checked, lang, field.easy) if checked else None
        name = field.id.split("-")[-1]
        try:
            texts = with_text(texts, name, lang, field.value)
        except BuilderError as error:
            field.value = field.value[: surveys.TEXT_MAX * 2]  # do not send megabytes back
            field.error = str(error.message)
            errors.append((field.id, field.error))
    return texts, errors


@bp.route("/<slug>/texts/<lang>", methods=["GET", "POST"])
@coordinator_required
def edit_survey_texts(slug: str, lang: str):
    survey = load_survey(slug)
    check_language(survey, lang)
    main = survey.default_language
    fields = _fields("t-", survey.texts, surveys.SURVEY_FIELDS, lang, main)
    errors = None
    if request.method == "POST":
        texts, errors = _apply(survey.texts, fields, request.form, lang)
        if not errors:
            survey.texts = texts
            db.get_session().commit()
            flash(_("The texts have been saved."), "success")
            return redirect(url_for("builder.edit_survey_texts", slug=slug, lang=lang))
    return render_template(
        "builder/survey_texts.html", survey=survey, lang=lang, fields=fields, errors=errors,
        dir=text_direction(lang),
    )  # fmt: skip


@bp.route("/<slug>/questions/<key>/texts/<lang>", methods=["GET", "POST"])
@coordinator_required
def edit_question_texts(slug: str, key: str, lang: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    check_language(survey, lang)
    main = survey.default_language
    fields = _fields("t-", question.texts, surveys.QUESTION_FIELDS, lang, main)
    choice_fields = [
        (choice, _fields(f"c-{choice.key}-", choice.texts, ["label"], lang, main))
        for choice in question.choices
    ]
    errors = None
    if request.method == "POST":
        texts, errors = _apply(question.texts, fields, request.form, lang)
        new_choice_texts = []
        for choice, cfields in choice_fields:
            ctexts, cerrors = _apply(choice.texts, cfields, request.form, lang)
            errors += cerrors
            new_choice_texts.append((choice, ctexts))
        if not errors:
            question.texts = texts
            for choice, ctexts in new_choice_texts:
                choice.texts = ctexts
            db.get_session().commit()
            flash(_("The texts have been saved."), "success")
            return redirect(url_for("builder.edit_question_texts", slug=slug, key=key, lang=lang))
    return render_template(
        "builder/question_texts.html", survey=survey, question=question, lang=lang,
        fields=fields, choice_fields=choice_fields, errors=errors, dir=text_direction(lang),
    )  # fmt: skip


@bp.get("/<slug>/translations")
@coordinator_required
def show_translations(slug: str):
    survey = load_survey(slug)
    rows = []
    for slot in text_slots(survey):
        if not slot.required and not any(slot.has(lang) for lang in survey.languages):
            continue
        cells = [(lang, slot.has(lang), slot.has(lang, easy=True)) for lang in survey.languages]
        rows.append((slot, cells))
    missing = missing_texts(survey)
    return render_template(
        "builder/translations.html", survey=survey, rows=rows, missing=len(missing)
    )


@bp.post("/plain-language")
@coordinator_required
def check_plain_language():
    """JSON for the live hints in the edit forms (the same hints show after saving)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):  # a JSON array, number or string instead of an object
        data = {}
    text = str(data.get("text") or "")[: surveys.TEXT_MAX]
    easy = data.get("easy") in (True, 1, "1", "true", "yes")  # "false" is a true-ish string
    report = plain_language.check_text(text, str(data.get("lang") or "de")[:20], easy)
    result = report.as_json()
    # the sentences of the box under the text field, as the server renders them after saving
    result["title"] = _("Plain-language hints")
    result["no_hints"] = (
        _("No plain-language hints for this text.")
        if text.strip() and report.checked and not report.hints
        else None
    )
    result["score_text"] = (
        _("Reading ease: %(score)s of 100 (higher is easier).", score=round(report.score))
        if report.score is not None
        else None
    )
    return jsonify(result)
