"""Choices of a question: add, edit (need mapping, weight, picture), move up/down, delete."""

from __future__ import annotations

from flask import abort, flash, render_template, request

from .. import db
from ..auth import coordinator_required
from ..i18n import gettext as _
from ..services import survey_choices as sc
from ..services.surveys import BuilderError
from .forms import AddChoiceForm, ChoiceForm
from .views import (
    bp,
    errors_of,
    flash_error,
    load_question,
    load_survey,
    need_choices,
    pictogram_choices,
)
from .views_questions import back


@bp.post("/<slug>/questions/<key>/choices")
@coordinator_required
def add_choice(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    form = AddChoiceForm(prefix="choice")
    if form.validate_on_submit():
        try:
            sc.add_choice(
                db.get_session(),
                question,
                label=form.label.data,
                lang=survey.default_language,
                key=form.key.data or "",
            )
        except BuilderError as error:
            flash_error(error)
        else:
            db.get_session().commit()
            flash(_("The answer has been added."), "success")
    else:
        for messages in form.errors.values():
            flash(str(messages[0]), "error")
    return back(survey, question)


def _load_choice(question, choice_key: str):
    choice = next((c for c in question.choices if c.key == choice_key), None)
    if choice is None:
        abort(404)
    return choice


@bp.route("/<slug>/questions/<key>/choices/<choice_key>", methods=["GET", "POST"])
@coordinator_required
def edit_choice(slug: str, key: str, choice_key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    choice = _load_choice(question, choice_key)
    form = ChoiceForm(
        key=choice.key,
        need_category=str(choice.need_category_id or ""),
        weight=f"{choice.weight:g}",
        exclusive=choice.exclusive,
        observation_kind=choice.observation_kind or "",
        pictogram=((choice.texts or {}).get("pictogram") or {}).get("*", ""),
    )
    form.need_category.choices = need_choices()
    form.pictogram.choices = pictogram_choices()
    errors = None
    if form.validate_on_submit():
        try:
            _save_choice(choice, form)
        except BuilderError as error:
            db.get_session().rollback()
            errors = errors_of(error, form[error.field].id if error.field in form else "")
        else:
            db.get_session().commit()
            flash(_("The answer has been saved."), "success")
            return back(survey, question)
    return render_template(
        "builder/choice.html", survey=survey, question=question, choice=choice, form=form,
        errors=errors,
    )  # fmt: skip


def _save_choice(choice, form: ChoiceForm) -> None:
    try:
        weight = float((form.weight.data or "1").replace(",", "."))
    except ValueError:
        raise BuilderError(_("Enter the weight as a number, like 1 or 0.5."), "weight") from None
    texts = {k: v for k, v in (choice.texts or {}).items() if k != "pictogram"}
    if form.pictogram.data:
        texts["pictogram"] = {"*": form.pictogram.data}
    sc.update_choice(
        db.get_session(),
        choice,
        key=form.key.data,
        weight=weight,
        need_category_id=int(form.need_category.data) if form.need_category.data else None,
        exclusive=form.exclusive.data,
        observation_kind=form.observation_kind.data or None,
        texts=texts,
    )


@bp.post("/<slug>/questions/<key>/choices/<choice_key>/move")
@coordinator_required
def move_choice(slug: str, key: str, choice_key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    choice = _load_choice(question, choice_key)
    sc.move_choice(db.get_session(), choice, -1 if request.form.get("to") == "up" else 1)
    db.get_session().commit()
    return back(survey, question)


@bp.post("/<slug>/questions/<key>/choices/<choice_key>/delete")
@coordinator_required
def delete_choice(slug: str, key: str, choice_key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    choice = _load_choice(question, choice_key)
    try:
        sc.delete_choice(db.get_session(), choice)
    except BuilderError as error:
        db.get_session().rollback()
        flash_error(error)
    else:
        db.get_session().commit()
        flash(_("The answer has been deleted."), "success")
    return back(survey, question)


@bp.post("/<slug>/questions/<key>/areas")
@coordinator_required
def refresh_areas(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    added = sc.refresh_area_choices(db.get_session(), question)
    db.get_session().commit()
    flash(_("Areas added: %(count)s.", count=added), "success")
    return back(survey, question)
