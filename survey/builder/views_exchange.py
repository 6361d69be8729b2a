"""Import (JSON or XLSForm upload), export, and the phone preview."""

from __future__ import annotations

import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from .. import db
from ..auth import coordinator_required
from ..i18n import force_locale
from ..i18n import gettext as _
from ..questions import AnswerError, get_type
from ..services import exchange_json, xlsform, xlsform_import
from ..services.exchange_json import MAX_IMPORT_BYTES, ImportFailed
from .forms import ImportForm
from .views import bp, check_language, load_survey

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/import", methods=["GET", "POST"])
@coordinator_required
def import_survey():
    form = ImportForm()
    problems: list = []
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", ""):
            problems = [("file", _("Choose a file to import."))]
        else:
            try:
                result = _import(upload.filename, upload.stream.read(MAX_IMPORT_BYTES + 1))
            except ImportFailed as failed:
                db.get_session().rollback()
                problems = [("file", str(p)) for p in failed.problems]
            else:
                db.get_session().commit()
                flash(_("The survey has been imported as a draft."), "success")
                if result.reports:
                    return render_template(
                        "builder/import_report.html", survey=result.survey, reports=result.reports
                    )
                return redirect(url_for("builder.show_survey", slug=result.survey.slug))
    return render_template("builder/import.html", form=form, errors=problems)


def _import(filename: str, raw: bytes):
    session = db.get_session()
    name = filename.lower()
    if name.endswith(".json"):
        return exchange_json.import_json(session, raw, current_user.id)
    if name.endswith(".xlsx"):
        return xlsform_import.import_xlsform(session, raw, current_user.id)
    raise ImportFailed(
        [exchange_json.Problem(filename, _("Choose a .json file or an XLSForm .xlsx file."))]
    )


@bp.get("/<slug>/export.json")
@coordinator_required
def export_json(slug: str):
    survey = load_survey(slug)
    body = exchange_json.dumps(exchange_json.export_survey(db.get_session(), survey))
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{survey.slug}.json"'},
    )


@bp.get("/<slug>/export.xlsx")
@coordinator_required
def export_xlsform(slug: str):
    survey = load_survey(slug)
    body = xlsform.export_xlsform(db.get_session(), survey)
    return Response(
        body,
        mimetype=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{survey.slug}.xlsx"'},
    )


def _pages(survey) -> list[list]:
    pages: dict[int, list] = {}
    for question in survey.questions:
        pages.setdefault(question.page or question.position + 1, []).append(question)
    return [pages[number] for number in sorted(pages)]


@bp.route("/<slug>/preview/<lang>", methods=["GET", "POST"])
@coordinator_required
def preview_survey(slug: str, lang: str):
    """The questions of one page as a phone shows them; answering shows what would be stored."""
    return _preview(slug, lang, easy=False)


@bp.route("/<slug>/preview/<lang>/easy", methods=["GET", "POST"])
@coordinator_required
def preview_survey_easy(slug: str, lang: str):
    """The same preview with the easy-read texts."""
    return _preview(slug, lang, easy=True)


def _preview(slug: str, lang: str, easy: bool):
    survey = load_survey(slug)
    check_language(survey, lang)
    pages = _pages(survey)
    number = request.values.get("page", "1")
    # fullmatch, not isdigit(): "²" is a digit to isdigit() and no number to int()
    wanted = int(number) - 1 if re.fullmatch(r"[0-9]{1,6}", number) else 0
    index = min(max(wanted, 0), max(len(pages) - 1, 0))
    questions = pages[index] if pages else []
    form = request.form if request.method == "POST" else MultiDict()
    with force_locale(lang, easy):
        values, errors, stored = {}, {}, {}
        for question in questions:
            qtype = get_type(question)
            values[question.key] = qtype.raw_value(question, form)
            if request.method == "POST":
                try:
                    rows = qtype.parse(question, form)
                except AnswerError as error:
                    errors[question.key] = str(error.message)
                else:
                    stored[question.key] = (
                        len(rows),
                        qtype.display(question, values[question.key]),
                    )
        frame = Markup(
            render_template(
                "builder/_phone.html", survey=survey, questions=questions, values=values,
                errors=errors, stored=stored, lang=lang, easy=easy,
            )
        )  # fmt: skip
    return render_template(
        "builder/preview.html", survey=survey, frame=frame, lang=lang, easy=easy,
        page=index + 1, page_count=len(pages),
    )  # fmt: skip
