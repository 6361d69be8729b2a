"""Questions and choices: add, edit, move up/down, pages, delete, conditions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from .. import db
from ..auth import coordinator_required
from ..i18n import gettext as _
from ..models import SurveyStatus
from ..services import question_defaults
from ..services import survey_questions as sq
from ..services.surveys import BuilderError
from .forms import AddChoiceForm, AddQuestionForm, QuestionForm
from .views import (
    bp,
    errors_of,
    flash_error,
    load_question,
    load_survey,
    need_choices,
    need_labels,
    pictogram_choices,
)


def back(survey, question=None, anchor=""):
    if question is None:
        return redirect(url_for("builder.show_survey", slug=survey.slug, _anchor=anchor or None))
    return redirect(url_for("builder.edit_question", slug=survey.slug, key=question.key))


@bp.post("/<slug>/questions")
@coordinator_required
def add_question(slug: str):
    survey = load_survey(slug)
    form = AddQuestionForm()
    if form.validate_on_submit():
        try:
            question = sq.add_question(
                db.get_session(),
                survey,
                type_=form.type.data,
                label=form.label.data,
                lang=survey.default_language,
                key=form.key.data or "",
            )
        except BuilderError as error:
            flash_error(error)
        else:
            db.get_session().commit()
            flash(_("The question has been added."), "success")
            if survey.status is SurveyStatus.OPEN and len(survey.languages) > 1:
                flash(
                    _(
                        "Residents see the new question at once. Add its texts in the survey's other languages now."
                    ),
                    "info",
                )
            return back(survey, question)
    else:
        for messages in form.errors.values():
            flash(str(messages[0]), "error")
    return back(survey, anchor="add-question")


def _question_form(question) -> QuestionForm:
    settings = question.settings or {}
    form = QuestionForm(
        key=question.key,
        required=question.required,
        pictogram=((question.texts or {}).get("pictogram") or {}).get("*", ""),
        need_category=str(question.need_category_id or ""),
        **{k: settings.get(k) for k in ("min", "max", "max_length", "is_group")},
        **{
            k: question_defaults.has_exclusive(question, k)
            for k in question_defaults.settings_for(question)
        },
    )
    form.pictogram.choices = pictogram_choices()
    form.need_category.choices = need_choices()
    return form


@bp.route("/<slug>/questions/<key>/", methods=["GET", "POST"])
@coordinator_required
def edit_question(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    form = _question_form(question)
    errors = None
    if form.validate_on_submit():
        try:
            _save_question(question, form)
        except BuilderError as error:
            db.get_session().rollback()
            errors = errors_of(error, form[error.field].id if error.field in form else "")
        else:
            db.get_session().commit()
            flash(_("The question has been saved."), "success")
            return back(survey, question)
    return render_template(
        "builder/question.html",
        survey=survey,
        question=question,
        form=form,
        errors=errors,
        choice_form=AddChoiceForm(formdata=None, prefix="choice"),
        flags=_flags(question, form),
        needs=need_labels(),
    )


def _flags(question, form: QuestionForm) -> list:
    """The checkboxes that apply to this type of question."""
    flags = [form.required] if question.type != "note" else []
    if question.type in ("single_choice", "area", "rating", "yes_no"):
        flags.append(form.is_group)
    return flags + [form[name] for name in question_defaults.settings_for(question)]


def _save_question(question, form: QuestionForm) -> None:
    texts = question.texts or {}
    picture = form.pictogram.data or ""
    texts = {k: v for k, v in texts.items() if k != "pictogram"}
    if picture:
        texts["pictogram"] = {"*": picture}
    values = {
        "key": form.key.data,
        "required": form.required.data if question.type != "note" else False,
        "texts": texts,
        "need_category_id": int(form.need_category.data) if form.need_category.data else None,
        "settings": {
            "min": form.min.data if question.type == "number" else None,
            "max": form.max.data if question.type == "number" else None,
            "max_length": form.max_length.data
            if question.type in ("short_text", "long_text")
            else None,
            "is_group": True if form.is_group.data else None,
        },
    }
    for name in question_defaults.settings_for(question):
        values[name] = form[name].data
    sq.update_question(db.get_session(), question, **values)


@bp.post("/<slug>/questions/<key>/move")
@coordinator_required
def move_question(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    try:
        sq.move_question(db.get_session(), question, -1 if request.form.get("to") == "up" else 1)
    except BuilderError as error:
        db.get_session().rollback()
        flash_error(error)
    else:
        db.get_session().commit()
    return back(survey, anchor=f"question-{key}")


@bp.post("/<slug>/questions/<key>/page")
@coordinator_required
def set_page(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    try:
        sq.set_same_page(db.get_session(), question, request.form.get("together") == "1")
    except BuilderError as error:
        flash_error(error)
    else:
        db.get_session().commit()
    return back(survey, anchor=f"question-{key}")


@bp.route("/<slug>/questions/<key>/delete", methods=["GET", "POST"])
@coordinator_required
def delete_question(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    if request.method == "POST":
        try:
            sq.delete_question(db.get_session(), question)
        except BuilderError as error:
            db.get_session().rollback()
            flash_error(error)
            return back(survey, question)
        db.get_session().commit()
        flash(_("The question has been deleted."), "success")
        return back(survey)
    return render_template("builder/delete_question.html", survey=survey, question=question)
