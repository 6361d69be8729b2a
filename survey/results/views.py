"""Coordinator results pages: overview with need profile, questions, comparison, report."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from .. import db
from ..auth import coordinator_required
from ..forms import ActionForm
from ..i18n import format_date, format_number, language_name
from ..i18n import gettext as _
from ..models import Response, ResponseStatus, Survey, SurveyKind
from ..services import aggregate as agg
from ..services import charts
from ..services.needs import need_profile
from ..services.suppression import explanation, filter_explanation, suppress_line
from .common import cell_minimum, filter_choices, load_or_404, read_filters
from .needblocks import comparison, dimensions, need_block, priority_block
from .report import Block, Row, hidden_text, question_blocks

bp = Blueprint("results", __name__)


@bp.get("/results/")
@coordinator_required
def index():
    session = db.get_session()
    surveys = session.scalars(
        select(Survey)
        .where(Survey.kind == SurveyKind.QUESTIONNAIRE, Survey.archived.is_(False))
        .order_by(Survey.created_at.desc())
    ).all()
    counts = dict(
        session.execute(
            select(Response.survey_id, func.count())
            .where(Response.status == ResponseStatus.COMPLETE)
            .group_by(Response.survey_id)
        ).all()
    )
    return render_template("results/index.html", surveys=surveys, counts=counts)


def _context(survey: Survey) -> dict:
    """What every coordinator results page needs: filters, minimum, the people counted."""
    session = db.get_session()
    k = cell_minimum(survey)
    filters = read_filters(survey, request.args)
    respondents = agg.respondent_counts(session, survey, filters)[None]
    return {
        "survey": survey,
        "k": k,
        "filters": filters,
        "respondents": respondents,
        "too_few": respondents < k,
        "explanation": explanation(k),
        "filter_explanation": filter_explanation(k),
        "choices": filter_choices(survey, agg.rounds(session, survey)),
        "dimensions": dimensions(survey),
    }


@bp.get("/results/<slug>/")
@coordinator_required
def show_survey(slug: str):
    survey = load_or_404(slug)
    ctx = _context(survey)
    if not ctx["too_few"]:
        session = db.get_session()
        profile = need_profile(session, survey, ctx["filters"], ctx["k"])
        ctx["need"] = need_block(profile)
        ctx["priority"] = priority_block(profile)
        ctx["activity"] = _activity_blocks(agg.activity(session, survey, ctx["filters"]), ctx["k"])
    return render_template("results/survey.html", form=ActionForm(), **ctx)


def _activity_blocks(activity: agg.Activity, k: int) -> list[Block]:
    weeks: dict = {}
    for day, n in activity.by_day:
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + n
    starts = sorted(weeks)
    hidden = suppress_line([weeks[w] for w in starts], activity.complete, k)
    week_rows = [
        Row(_("Week of %(date)s", date=format_date(w)), None if h else weeks[w], None)
        for w, h in zip(starts, hidden, strict=True)
    ]
    title = _("Complete answers per week")
    figure = charts.timeline_chart(
        title, [w for w, h in zip(starts, hidden, strict=True) if not h],
        [weeks[w] for w, h in zip(starts, hidden, strict=True) if not h], _("Answers"),
    )  # fmt: skip
    summary = _("%(count)s complete answers so far; %(partial)s people started but did not finish.",
                count=format_number(activity.complete), partial=format_number(activity.partial))  # fmt: skip
    blocks = [Block("weeks", title, summary, week_rows, figure, activity.complete, kind="count")]
    labels = {"web": _("Online"), "paper": _("On paper"), "walk": _("On a walk")}
    for key, title, counts in [
        ("channels", _("Answers by way of answering"), {labels.get(c, c): n for c, n in activity.by_channel.items()}),
        ("languages", _("Answers by language"), activity.by_language),
    ]:  # fmt: skip
        names = list(counts)
        hidden = suppress_line([counts[n] for n in names], activity.complete, k)
        rows = [Row(language_name(n) if key == "languages" else n, None if h else counts[n],
                    None if h else counts[n] / activity.complete)
                for n, h in zip(names, hidden, strict=True)]  # fmt: skip
        shown = [r for r in rows if r.count is not None]
        summary = (_("Most answers: %(name)s (%(count)s).", name=shown[0].label,
                     count=format_number(shown[0].count)) if shown  # fmt: skip
                   else _("The numbers are hidden to protect small groups."))  # fmt: skip
        figure = charts.bar_chart(title, [r.label for r in rows], [r.share for r in rows],
                                  [format_number(r.count) if r.count is not None else hidden_text()
                                   for r in rows], _("Share of answers"))  # fmt: skip
        blocks.append(Block(key, title, summary, rows, figure, activity.complete, _("Share")))
    return blocks


@bp.get("/results/<slug>/questions")
@coordinator_required
def show_questions(slug: str):
    survey = load_or_404(slug)
    ctx = _context(survey)
    if not ctx["too_few"]:
        ctx["blocks"] = question_blocks(db.get_session(), survey, ctx["filters"], ctx["k"])
    return render_template("results/questions.html", **ctx)


@bp.get("/results/<slug>/compare")
@coordinator_required
def compare(slug: str):
    survey = load_or_404(slug)
    ctx = _context(survey)
    by = request.args.get("by", "area")
    available = ctx["dimensions"]
    by = by if by in available else next(iter(available))
    ctx["by"] = by
    if not ctx["too_few"]:
        headers, rows, block = comparison(
            db.get_session(), survey, ctx["filters"], ctx["k"], available[by][1]
        )
        ctx.update(headers=headers, table_rows=rows, block=block)
    return render_template("results/compare.html", **ctx)


@bp.get("/results/<slug>/report")
@coordinator_required
def print_report(slug: str):
    survey = load_or_404(slug)
    ctx = _context(survey)
    if not ctx["too_few"]:
        session = db.get_session()
        profile = need_profile(session, survey, ctx["filters"], ctx["k"])
        ctx["need"] = need_block(profile)
        ctx["priority"] = priority_block(profile)
        ctx["blocks"] = question_blocks(session, survey, ctx["filters"], ctx["k"])
    return render_template("results/report.html", **ctx)


@bp.post("/results/<slug>/public")
@coordinator_required
def toggle_public(slug: str):
    survey = load_or_404(slug)
    form = ActionForm()
    if form.validate_on_submit():
        survey.public_results = request.form.get("public") == "1"
        db.get_session().commit()
        if survey.public_results:
            flash(_("The public results page is switched on."), "success")
        else:
            flash(_("The public results page is switched off."), "success")
    return redirect(url_for("results.show_survey", slug=slug))


from . import exports_views, public, texts  # noqa: E402,F401  (routes on the same blueprint)
