"""The condition editor: show a question only if an earlier answer has certain values.

Works without JavaScript in two steps: choose the earlier question (a GET form), then tick
its answers and add the rule (a POST form).
"""

from __future__ import annotations

import copy

from flask import flash, redirect, render_template, request, url_for

from .. import db
from ..auth import coordinator_required
from ..conditions import CHOICE_TYPES
from ..i18n import gettext as _
from ..services import survey_questions as sq
from ..services.surveys import BuilderError
from .views import bp, load_question, load_survey


def _candidates(survey, question):
    return [
        q
        for q in survey.questions
        if q.position < question.position and q.type in CHOICE_TYPES and q.page != question.page
    ]


@bp.route("/<slug>/questions/<key>/condition", methods=["GET", "POST"])
@coordinator_required
def edit_condition(slug: str, key: str):
    survey = load_survey(slug)
    question = load_question(survey, key)
    candidates = _candidates(survey, question)
    chosen = next((q for q in candidates if q.key == request.values.get("on")), None)
    errors = None
    if request.method == "POST":
        try:
            condition = _changed(question.condition, request.form, chosen)
            sq.set_condition(db.get_session(), question, condition)
        except BuilderError as error:
            db.get_session().rollback()
            field = "values-0" if chosen is not None else ""
            errors = [(field, str(error.message))]
        else:
            db.get_session().commit()
            flash(_("The condition has been saved."), "success")
            return redirect(url_for("builder.edit_condition", slug=slug, key=key))
    by_key = {q.key: q for q in survey.questions}
    return render_template(
        "builder/condition.html",
        survey=survey,
        question=question,
        candidates=candidates,
        chosen=chosen,
        by_key=by_key,
        errors=errors,
    )


def _changed(condition, form, chosen):
    """The condition after the POSTed action: add a rule, remove one, change the mode, clear."""
    result = copy.deepcopy(condition or {"mode": "any", "rules": []})
    action = form.get("action")
    if action == "clear":
        return None
    if action == "remove":
        index = form.get("index", "")
        if index.isascii() and index.isdecimal() and int(index) < len(result["rules"]):
            del result["rules"][int(index)]
    elif action == "add":
        if chosen is None:
            raise BuilderError(_("Choose an earlier question first."))
        values = [v for v in form.getlist("values") if v]
        if not values:
            raise BuilderError(_("Choose at least one answer for the condition."))
        result["rules"].append({"question": chosen.key, "values": values})
    if form.get("mode") in {"any", "all"}:
        result["mode"] = form["mode"]
    return result if result["rules"] else None
