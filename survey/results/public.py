"""/r/<slug>: plain-language results for residents, when the coordinator switches it on."""

from __future__ import annotations

from flask import abort, render_template, request

from .. import db
from ..services import aggregate as agg
from ..services import textcodes
from ..services.needs import need_profile
from ..services.suppression import explanation, filter_explanation
from .common import cell_minimum, filter_choices, load_or_404
from .needblocks import need_block
from .report import question_blocks
from .views import bp


@bp.get("/r/<slug>")
def public_results(slug: str):
    survey = load_or_404(slug)
    if not survey.public_results:
        abort(404)
    session = db.get_session()
    k = cell_minimum(survey)
    area = request.args.get("area", "")
    question = agg.area_question(survey)
    if not (question and any(c.key == area for c in question.choices)):
        area = ""
    filters = agg.Filters(area=area or None, round=survey.round)
    respondents = agg.respondent_counts(session, survey, filters)[None]
    ctx = {
        "survey": survey, "filters": filters, "respondents": respondents, "k": k,
        "too_few": respondents < k, "explanation": explanation(k),
        "filter_explanation": filter_explanation(k),
        "areas": filter_choices(survey, [])["area"],
    }  # fmt: skip
    if respondents >= k:
        ctx["need"] = need_block(need_profile(session, survey, filters, k))
        ctx["blocks"] = [
            b for b in question_blocks(session, survey, filters, k)
            if b.kind in {"distribution", "scale", "ranking"} and b.key != getattr(question, "key", None)
        ]  # fmt: skip
        ctx["texts"] = textcodes.released_texts(session, survey)
    return render_template("results/public.html", **ctx)
