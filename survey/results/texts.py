"""Free texts: list, search, code into need categories, release for the public page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from .. import db
from ..auth import coordinator_required
from ..forms import ActionForm
from ..i18n import gettext as _
from ..models import NeedCategory
from ..services import textcodes
from .common import load_or_404, url_number
from .views import bp


@bp.get("/results/<slug>/texts")
@coordinator_required
def list_texts(slug: str):
    survey = load_or_404(slug)
    session = db.get_session()
    search = request.args.get("q", "").strip()[:200]
    question_key = request.args.get("question", "")
    page_number = max(url_number(request.args.get("page")) or 1, 1)
    page = textcodes.list_texts(session, survey, search, question_key, page_number)
    categories = session.scalars(select(NeedCategory).order_by(NeedCategory.position)).all()
    text_questions = [q for q in survey.questions if q.type in textcodes.TEXT_TYPES]
    return render_template(
        "results/texts.html", survey=survey, page=page, categories=categories, search=search,
        question_key=question_key, text_questions=text_questions, page_number=page_number,
        page_size=textcodes.PAGE_SIZE, form=ActionForm(),
    )  # fmt: skip


@bp.post("/results/<slug>/texts/<int:answer_id>")
@coordinator_required
def code_text(slug: str, answer_id: int):
    survey = load_or_404(slug)
    session = db.get_session()
    answer = textcodes.find_text_answer(session, survey, answer_id)
    if answer is None:
        abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        known = set(session.scalars(select(NeedCategory.id)))
        chosen = {url_number(v) for v in request.form.getlist("category")} & known
        textcodes.code_text(
            session, answer, chosen, request.form.get("released") == "1", current_user.id
        )
        session.commit()
        flash(_("The codes for this text are saved."), "success")
    back = {k: v for k, v in request.args.items() if k in {"q", "question", "page"}}
    return redirect(url_for("results.list_texts", slug=slug, **back) + f"#text-{answer_id}")
