"""Survey list, new survey (blank or from a template), settings, lifecycle."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from .. import db
from ..auth import coordinator_required
from ..forms import error_list
from ..i18n import gettext as _
from ..models import IllegalTransition, Response, Survey, SurveyKind
from ..services import survey_completeness, surveys, templates_de
from ..services.exchange_json import ImportFailed
from ..services.surveys import BuilderError
from .forms import NewSurveyForm, SettingsForm, TemplateForm, language_choices
from .views import bp, errors_of, load_survey, share_links


@bp.get("/")
@coordinator_required
def index():
    archived = request.args.get("archived") == "1"
    session = db.get_session()
    items = session.scalars(
        select(Survey).where(Survey.archived == archived).order_by(Survey.updated_at.desc())
    ).all()
    counts = dict(
        session.execute(
            select(Response.survey_id, func.count(Response.id)).group_by(Response.survey_id)
        ).all()
    )
    return render_template("builder/index.html", surveys=items, counts=counts, archived=archived)


def _template_form() -> TemplateForm:
    form = TemplateForm(prefix="template")
    form.template.choices = [
        SelectChoice(key, label) for key, (label, _f) in templates_de.available().items()
    ]
    return form


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def new_survey():
    form = NewSurveyForm()
    form.language.choices = language_choices()
    errors = None
    if form.validate_on_submit():
        try:
            survey = surveys.create_survey(
                db.get_session(),
                title=form.title.data,
                language=form.language.data,
                kind=SurveyKind(form.kind.data),
                slug=form.slug.data or "",
                created_by_id=current_user.id,
            )
        except BuilderError as error:
            errors = errors_of(error, form[error.field].id if error.field in form else "")
        else:
            db.get_session().commit()
            flash(_("The survey has been created. Now add questions."), "success")
            return redirect(url_for("builder.show_survey", slug=survey.slug))
    return render_template(
        "builder/new.html", form=form, template_form=_template_form(), errors=errors
    )


@bp.post("/from-template")
@coordinator_required
def create_from_template():
    form = _template_form()
    if form.validate_on_submit():
        session = db.get_session()
        try:
            survey = templates_de.create_from_template(
                session, form.template.data, created_by_id=current_user.id
            )
        except ImportFailed:
            session.rollback()
            form.template.errors.append(
                _(
                    "The template could not be set up in this installation. Nothing was created; please tell your administrator."
                )
            )
        else:
            session.commit()
            flash(
                _("The survey has been created from the template. Check it and adapt it."),
                "success",
            )
            return redirect(url_for("builder.show_survey", slug=survey.slug))
    new_form = NewSurveyForm(formdata=None)
    new_form.language.choices = language_choices()
    return render_template(
        "builder/new.html", form=new_form, template_form=form, errors=error_list(form)
    ), 400


@bp.get("/<slug>/")
@coordinator_required
def show_survey(slug: str):
    survey = load_survey(slug)
    session = db.get_session()
    responses = session.scalar(
        select(func.count(Response.id)).where(Response.survey_id == survey.id)
    )
    return render_template(
        "builder/survey.html",
        survey=survey,
        responses=responses,
        problems=survey_completeness.publish_problems(survey),
        links=share_links(),
    )


@bp.route("/<slug>/settings", methods=["GET", "POST"])
@coordinator_required
def edit_settings(slug: str):
    survey = load_survey(slug)
    form = SettingsForm(obj=survey)
    form.languages.choices = language_choices(survey.languages)
    form.default_language.choices = language_choices(survey.languages)
    errors = None
    if form.validate_on_submit():
        try:
            surveys.update_settings(
                db.get_session(),
                survey,
                slug=form.slug.data,
                languages=form.languages.data,
                default_language=form.default_language.data,
                anonymous=form.anonymous.data,
                public_results=form.public_results.data,
                min_cell=form.min_cell.data,
                estimated_minutes=form.estimated_minutes.data,
            )
        except BuilderError as error:
            field = form[error.field].id if error.field in form else ""
            errors = errors_of(error, field)
        else:
            db.get_session().commit()
            flash(_("The settings have been saved."), "success")
            return redirect(url_for("builder.show_survey", slug=survey.slug))
    return render_template("builder/settings.html", survey=survey, form=form, errors=errors)


@bp.post("/<slug>/publish")
@coordinator_required
def publish_survey(slug: str):
    survey = load_survey(slug)
    try:
        surveys.publish_survey(db.get_session(), survey)
    except surveys.PublishRefused as refused:
        return render_template(
            "builder/publish_refused.html", survey=survey, problems=refused.problems
        ), 409
    except IllegalTransition:
        flash(_("The survey is already open."), "info")
        return redirect(url_for("builder.show_survey", slug=slug))
    db.get_session().commit()
    flash(_("The survey is open. Residents can answer now."), "success")
    return redirect(url_for("builder.show_survey", slug=slug))


@bp.post("/<slug>/close")
@coordinator_required
def close_survey(slug: str):
    survey = load_survey(slug)
    try:
        surveys.close_survey(db.get_session(), survey)
    except IllegalTransition:
        flash(_("Only an open survey can be closed."), "error")
    else:
        db.get_session().commit()
        flash(_("The survey is closed. Nobody can answer any more."), "success")
    return redirect(url_for("builder.show_survey", slug=slug))


@bp.post("/<slug>/duplicate")
@coordinator_required
def duplicate_survey(slug: str):
    survey = load_survey(slug)
    copy = surveys.duplicate_survey(db.get_session(), survey, current_user.id)
    db.get_session().commit()
    flash(_("This is a copy of the survey. It is a draft."), "success")
    return redirect(url_for("builder.show_survey", slug=copy.slug))


@bp.post("/<slug>/archive")
@coordinator_required
def archive_survey(slug: str):
    survey = load_survey(slug)
    archived = request.form.get("archived", "1") == "1"
    surveys.set_archived(db.get_session(), survey, archived)
    db.get_session().commit()
    if archived:
        flash(_("The survey has been archived."), "success")
    else:
        flash(_("The survey is back in the list."), "success")
    return redirect(url_for("builder.index"))
