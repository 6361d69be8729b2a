"""Resident pages: start, one page per question, check your answers, thanks, save and resume.

Every page is a plain form POST followed by a redirect, so everything works without JavaScript.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import db, i18n
from ..db import get_session
from ..i18n import gettext as _
from ..models import Question, Response, ResponseStatus, Survey
from ..questions import get_type
from ..services import responses, resume
from . import identity
from .flow import Journey, parse_answers

bp = Blueprint("respond", __name__)


@bp.before_request
def _read_first():
    # every write below comes after identity.limit_writes() or db.write_now()
    db.read_first()


@bp.app_context_processor
def _switcher_languages():
    # the header's language switcher offers only the survey's languages on resident pages
    return {"switcher_languages": g.get("survey_languages")}


def _journey(survey: Survey, response: Response) -> Journey:
    return Journey(list(survey.questions), responses.load_answers(get_session(), response))


def _next_url(survey: Survey, journey: Journey, key: str | None) -> str:
    if key is None:
        return url_for(".check_answers", slug=survey.slug)
    return url_for(".answer_page", slug=survey.slug, key=key)


def _active_response(survey: Survey):
    """The browser's unfinished response, or a redirect to where the resident belongs."""
    response = identity.current_response(survey)
    if response is None:
        return None, redirect(url_for(".start", slug=survey.slug))
    if response.status is ResponseStatus.COMPLETE:
        return None, redirect(url_for(".thanks", slug=survey.slug))
    return response, None


def _go_on(survey: Survey, response: Response):
    """Redirect to where this response goes on, and let this browser remember it."""
    if response.status is ResponseStatus.COMPLETE:
        reply = redirect(url_for(".thanks", slug=survey.slug))
    else:
        journey = _journey(survey, response)
        reply = redirect(_next_url(survey, journey, journey.resume_key()))
    identity.remember(reply, survey, response.client_uuid)
    return reply


@bp.route("/s/<slug>", methods=["GET", "POST"])
def start(slug: str):
    survey = identity.load_survey(slug)
    existing = identity.current_response(survey)
    client_uuid = identity.valid_uuid(request.form.get("client_uuid"))
    errors = []
    if request.method == "POST" and client_uuid:
        identity.limit_writes()
        if request.form.get("consent") != "yes":
            # Translators: resident
            errors = [("consent", _("Tick the box to say that you agree to take part"))]
        else:
            start = {"language": g.locale, "easy_read": g.easy_read,
                     "consent_version": survey.consent_version}  # fmt: skip
            response = responses.start_response(get_session(), survey, client_uuid, **start)
            theirs = existing is None or existing.id != response.id
            if theirs and responses.is_in_progress_elsewhere(get_session(), response):
                # a leaked or guessed client UUID must never open someone else's answers;
                # a double tap on "Start" still finds its own (still empty) response
                new_uuid = identity.new_client_uuid()
                response = responses.start_response(get_session(), survey, new_uuid, **start)
            get_session().commit()
            return _go_on(survey, response)
    continue_url = None
    if existing is not None and existing.status is ResponseStatus.PARTIAL:
        continue_url = _next_url(survey, j := _journey(survey, existing), j.resume_key())
    return render_template(
        "respond/start.html",
        survey=survey,
        errors=errors,
        client_uuid=client_uuid or identity.new_client_uuid(),
        continue_url=continue_url,
        answered_before=existing is not None and existing.status is ResponseStatus.COMPLETE,
        question_count=Journey(list(survey.questions)).question_count,
    ), (400 if errors else 200)


@bp.post("/s/<slug>/new")
def start_new(slug: str):
    """Someone else answers on this device: forget this browser's response (it stays stored,
    and its own code still opens it) and show the start page with a fresh consent form."""
    survey = identity.load_survey(slug)
    reply = redirect(url_for(".start", slug=survey.slug), 303)
    identity.forget(reply, survey)
    return reply


@bp.route("/s/<slug>/q/<key>", methods=["GET", "POST"])
def answer_page(slug: str, key: str):
    survey = identity.load_survey(slug)
    response, elsewhere = _active_response(survey)
    if elsewhere:
        return elsewhere
    journey = _journey(survey, response)
    page = journey.page(key)
    if page is None:
        return redirect(_next_url(survey, journey, journey.resume_key()))
    to_check = request.args.get("return") == "check"
    values = {q.id: journey.value(q) for q in page}
    errors: list = []
    if request.method == "POST" and request.form.get("switch") in {"0", "1"}:
        identity.limit_writes()
        return _switch_easy_read(survey, response, journey, page, key, to_check)
    if request.method == "POST":
        identity.limit_writes()
        action = request.form.get("action", "continue")
        optional = all(not q.required for q in page)
        if action == "skip" and optional:
            rows = {q: [] for q in page}
        else:
            rows, values, errors = parse_answers(page, request.form)
            # a question hidden by an answer on this same page is not stored
            shown = Journey(list(survey.questions), {**journey.answers, **_by_id(rows)}).visible
            rows = {q: (r if q in shown else []) for q, r in rows.items()}
            errors = [e for e in errors if e[0] in shown]
        if not errors or action == "later":
            return _after_save(survey, response, rows if not errors else {}, key, action, to_check)
    return _render_page(survey, journey, page, key, to_check, values, errors)


def _render_page(survey, journey, page, key, to_check, values, errors):
    return render_template(
        "respond/page.html",
        survey=survey,
        journey=journey,
        page=page,
        values=values,
        messages={q.id: m for q, _cid, m in errors},
        errors=[(cid, m) for _q, cid, m in errors],
        action_url=_page_url(survey, key, to_check),
        skippable=all(not q.required for q in page) and any(get_type(q).takes_answer for q in page),
        back_url=_back_url(survey, journey, key, to_check),
    ), (400 if errors else 200)


def _page_url(survey: Survey, key: str, to_check: bool, **params) -> str:
    if to_check:
        params["return"] = "check"
    return url_for(".answer_page", slug=survey.slug, key=key, **params)


def _switch_easy_read(survey, response, journey, page, key, to_check):
    """The easy-read switch inside the question form: keep what was typed on this page, then
    show the same page in the other register. Nothing typed is lost: a value that cannot be
    stored is shown again, with its message, in the register asked for."""
    wanted = request.form["switch"] == "1"
    rows, values, errors = parse_answers(page, request.form, blanks_allowed=True)
    shown = Journey(list(survey.questions), {**journey.answers, **_by_id(rows)}).visible
    rows = {q: (r if q in shown else []) for q, r in rows.items()}
    errors = [e for e in errors if e[0] in shown]
    g.easy_read = wanted
    if not errors:
        then = _page_url(survey, key, to_check, easy=int(wanted))
        return _after_save(survey, response, rows, key, "switch", to_check, then=then)
    html, status = _render_page(survey, journey, page, key, to_check, values, errors)
    reply = make_response(html, status)
    # as ?easy= does (survey/i18n.py): later pages stay in the register asked for
    reply.set_cookie(i18n.EASY_COOKIE, str(int(wanted)), max_age=i18n.COOKIE_AGE, samesite="Lax",
                     httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"])  # fmt: skip
    return reply


def _by_id(rows: dict) -> dict:
    return {q.id: r for q, r in rows.items()}


def _back_url(survey: Survey, journey: Journey, key: str, to_check: bool) -> str:
    if to_check:
        return url_for(".check_answers", slug=survey.slug)
    previous = journey.previous_key(key)
    return _next_url(survey, journey, previous) if previous else url_for(".start", slug=survey.slug)


def _after_save(survey, response, rows, key, action, to_check, then=None):
    session = get_session()
    try:
        responses.save_answers(
            session, survey, response, rows, language=g.locale, easy_read=g.easy_read
        )
    except responses.ResponseClosed:
        # sent meanwhile from another tab or by a double tap: nothing changes any more
        session.rollback()
        return redirect(url_for(".thanks", slug=survey.slug))
    if action == "later":
        code = resume.issue_code(session, response, current_app.config["SECRET_KEY"])
        session.commit()
        reply = redirect(url_for(".save_for_later", slug=survey.slug))
        identity.keep_code(reply, survey, code)
        return reply
    session.commit()
    if then:
        return redirect(then)
    journey = _journey(survey, response)
    return redirect(_next_url(survey, journey, None if to_check else journey.next_key(key)))


@bp.route("/s/<slug>/check", methods=["GET", "POST"])
def check_answers(slug: str):
    survey = identity.load_survey(slug)
    response, elsewhere = _active_response(survey)
    if elsewhere:
        return elsewhere
    journey = _journey(survey, response)
    missing = journey.missing_required()
    errors = []
    if request.method == "POST":
        identity.limit_writes()
        if not missing:
            responses.complete_response(
                get_session(), survey, response, [q.id for q in journey.visible]
            )
            get_session().commit()
            return redirect(url_for(".thanks", slug=slug))
        errors = [
            # Translators: resident
            (f"change-{q.key}", _("Answer this question: %(question)s", question=_label(q)))
            for q in missing
        ]
    return render_template("respond/check.html", survey=survey, journey=journey, errors=errors), (
        400 if errors else 200
    )


def _label(question: Question) -> str:
    from ..i18n import localized

    return localized(question.texts, "label").text or question.key


@bp.get("/s/<slug>/thanks")
def thanks(slug: str):
    survey = identity.load_survey(slug, open_only=False)
    response = identity.current_response(survey)
    if response is None or response.status is not ResponseStatus.COMPLETE:
        return redirect(url_for(".start", slug=slug))
    return render_template("respond/thanks.html", survey=survey)


@bp.route("/s/<slug>/later", methods=["GET", "POST"])
def save_for_later(slug: str):
    survey = identity.load_survey(slug)
    response, elsewhere = _active_response(survey)
    if elsewhere:
        return elsewhere
    if request.method == "POST":
        identity.limit_writes()
        return _after_save(survey, response, {}, "", "later", False)
    journey = _journey(survey, response)
    code = identity.shown_code(survey)
    return render_template(
        "respond/later.html",
        survey=survey,
        code=resume.format_code(code) if code else None,
        continue_url=_next_url(survey, journey, journey.resume_key()),
    )


@bp.route("/s/<slug>/resume", methods=["GET", "POST"])
def resume_with_code(slug: str):
    survey = identity.load_survey(slug)
    errors = []
    if request.method == "POST":
        identity.limit_writes("resume", (10, 15 * 60))
        found = resume.find_by_code(
            get_session(), survey.id, current_app.config["SECRET_KEY"], request.form.get("code", "")
        )
        get_session().commit()
        if found is not None:
            return _go_on(survey, found)
        errors = [
            # Translators: resident
            ("code", _("We cannot find answers with this code. Check the letters and try again."))
        ]
    return render_template(
        "respond/resume.html", survey=survey, errors=errors, code=request.form.get("code", "")
    ), (400 if errors else 200)
