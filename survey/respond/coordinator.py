"""Coordinator pages of the respond blueprint: share (link, QR, poster), print, paper entry."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select

from .. import db
from ..auth import coordinator_required
from ..db import get_session
from ..i18n import force_locale, get_locale, gettext, is_easy_read, localized, ngettext
from ..models import Channel, Response, Survey, SurveyKind, SurveyStatus
from ..questions import get_type
from ..services import responses, sharing
from . import identity
from .flow import Journey, parse_answers
from .structure import load_structure
from .views import bp


def _survey(slug: str) -> Survey:
    survey = load_structure(get_session(), slug)
    if survey is None or survey.kind is not SurveyKind.QUESTIONNAIRE:
        abort(404)
    return survey


def _public_url(survey: Survey) -> str:
    return url_for("respond.start", slug=survey.slug, _external=True)


def _title(survey: Survey) -> str:
    return localized(survey.texts, "title").text or survey.slug


@bp.get("/builder/<slug>/share")
@coordinator_required
def share_survey(slug: str):
    survey = _survey(slug)
    return render_template(
        "respond/share.html",
        survey=survey,
        url=_public_url(survey),
        title=_title(survey),
        back_url=_builder_url(survey),
    )


def _builder_url(survey: Survey) -> str | None:
    """The survey's page in the builder, once the builder exists."""
    if "builder.show_survey" not in current_app.view_functions:
        return None
    return url_for("builder.show_survey", slug=survey.slug)


def _image(data: bytes, mimetype: str, survey: Survey, ext: str) -> HttpResponse:
    reply = HttpResponse(data, mimetype=mimetype)
    if request.args.get("download"):
        reply.headers["Content-Disposition"] = f'attachment; filename="qr-{survey.slug}.{ext}"'
    reply.headers["Cache-Control"] = "private, max-age=3600"
    return reply


@bp.get("/builder/<slug>/qr.svg")
@coordinator_required
def qr_svg(slug: str):
    survey = _survey(slug)
    svg = sharing.qr_svg(_public_url(survey), title=_title(survey))
    return _image(svg, "image/svg+xml", survey, "svg")


@bp.get("/builder/<slug>/qr.png")
@coordinator_required
def qr_png(slug: str):
    survey = _survey(slug)
    return _image(sharing.qr_png(_public_url(survey)), "image/png", survey, "png")


@bp.get("/builder/<slug>/poster")
@coordinator_required
def poster(slug: str):
    survey = _survey(slug)
    easy = request.args.get("version") == "easy"
    blocks = []
    for lang in survey.languages:
        with force_locale(lang, easy):
            blocks.append(
                {
                    "lang": lang,
                    "title": localized(survey.texts, "title", lang, easy).text or survey.slug,
                    # Translators: resident
                    "call": gettext("Have your say: tell us what you need."),
                    # Translators: resident
                    "scan": gettext("Scan the code with your phone camera, or type this address:"),
                    # Translators: resident
                    "anonymous": gettext("You do not need to give your name.")
                    if survey.anonymous
                    else "",
                    # Translators: resident
                    "time": ngettext(
                        "It takes about %(num)s minute.",
                        "It takes about %(num)s minutes.",
                        survey.estimated_minutes,
                    )
                    if survey.estimated_minutes
                    else "",
                    # Translators: resident
                    "paper": gettext("You can also ask us for a paper form."),
                }
            )
    return render_template(
        "respond/poster.html", survey=survey, blocks=blocks, url=_public_url(survey)
    )


@bp.get("/builder/<slug>/print")
@coordinator_required
def print_survey(slug: str):
    survey = _survey(slug)
    lang = request.args.get("language") or get_locale()
    if lang not in survey.languages:
        lang = (
            survey.default_language
            if survey.default_language in survey.languages
            else survey.languages[0]
        )
    easy = request.args.get("version") == "easy"
    # the paper is in its own language; the page around it stays in the coordinator's
    with force_locale(lang, easy):
        title = localized(survey.texts, "title").text or survey.slug
        body = render_template(
            "respond/_print_body.html",
            survey=survey,
            title=title,
            questions=list(survey.questions),
            numbers=_paper_numbers(survey),
            by_key={q.key: q for q in survey.questions},
            url=_public_url(survey),
        )
    return render_template("respond/print.html", survey=survey, title=title, body=Markup(body))


def _paper_numbers(survey: Survey) -> dict[str, int]:
    """Question numbers on paper: every question that takes an answer, hidden or not."""
    asking = [q for q in survey.questions if get_type(q).takes_answer]
    return {q.key: number for number, q in enumerate(asking, start=1)}


def _paper_count(survey: Survey) -> int:
    return get_session().scalar(
        select(func.count(Response.id)).where(
            Response.survey_id == survey.id, Response.channel == Channel.PAPER
        )
    )


_EMPTY_FORMS_KEPT = 32


def _question_fields(survey: Survey, questions: list, values: dict, messages: dict) -> Markup:
    """The paper form's questions. The empty form, shown again after every saved response,
    is rendered once per survey version, language and register and kept in the process."""

    def render() -> Markup:
        return Markup(
            render_template(
                "respond/_paper_questions.html",
                questions=questions,
                values=values,
                messages=messages,
            )
        )

    if values or messages:
        return render()
    forms = current_app.extensions.setdefault("paper_forms", {})
    key = (survey.id, survey.updated_at, str(get_locale()), is_easy_read())
    if key not in forms:
        if len(forms) >= _EMPTY_FORMS_KEPT:
            forms.clear()
        forms[key] = render()
    return forms[key]


@bp.route("/builder/<slug>/paper", methods=["GET", "POST"])
@coordinator_required
def enter_paper_response(slug: str):
    survey = _survey(slug)
    questions = list(survey.questions)
    values, messages, errors = {}, {}, []
    client_uuid = identity.valid_uuid(request.form.get("client_uuid"))
    # a pile of forms in one language and register: the choice stays from one save to the next
    given = request.form if request.method == "POST" else request.args
    language = given.get("language", survey.default_language)
    if language not in survey.languages:
        language = survey.default_language
    easy_read = given.get("easy_read") == "1"
    if request.method == "POST" and survey.status is not SurveyStatus.DRAFT and client_uuid:
        rows, values, found = parse_answers(questions, request.form, blanks_allowed=True)
        messages = {q.id: message for q, _cid, message in found}
        errors = [(cid, message) for _q, cid, message in found]
        if not errors:
            shown = Journey(questions, {q.id: r for q, r in rows.items()}).visible
            # answers to questions the form told people to leave out are not stored
            answers = {q: rows[q] for q in shown}
            db.write_now()
            session = get_session()
            responses.record_response(
                session,
                survey,
                client_uuid,
                answers,
                language=language,
                easy_read=easy_read,
                channel=Channel.PAPER,
                entered_by_id=current_user.id,
            )
            session.commit()
            # the form it leads to says how many paper responses there are now
            flash(gettext("Paper response saved."), "success")
            kept = {"language": language, **({"easy_read": "1"} if easy_read else {})}
            return redirect(url_for(".enter_paper_response", slug=slug, saved=1, **kept))
    return render_template(
        "respond/paper.html",
        survey=survey,
        question_fields=_question_fields(survey, questions, values, messages),
        errors=errors,
        language=language,
        easy_read=easy_read,
        saved=request.args.get("saved") == "1" and not errors,
        client_uuid=client_uuid or identity.new_client_uuid(),
        count=_paper_count(survey),
        is_draft=survey.status is SurveyStatus.DRAFT,
        languages_ok=current_app.config["LANGUAGES"],
    ), (400 if errors else 200)
