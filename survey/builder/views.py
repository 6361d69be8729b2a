"""The blueprint and what its view modules share: loading surveys, pictograms, choices."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from .. import db
from ..i18n import lazy_gettext as _l
from ..i18n import localized
from ..models import NeedCategory, Question, Survey
from ..questions import REGISTRY
from ..services.survey_completeness import field_label
from ..services.surveys import BuilderError, find_survey

bp = Blueprint("builder", __name__, url_prefix="/builder")

PICTOGRAMS = Path(__file__).resolve().parent.parent / "static" / "pictograms"


@bp.context_processor
def _builder_context() -> dict[str, Any]:
    return {"question_types": list(REGISTRY.items()), "field_label": field_label}


def load_survey(slug: str) -> Survey:
    survey = find_survey(db.get_session(), slug)
    if survey is None:
        abort(404)
    return survey


def load_question(survey: Survey, key: str) -> Question:
    question = next((q for q in survey.questions if q.key == key), None)
    if question is None:
        abort(404)
    return question


def check_language(survey: Survey, lang: str) -> None:
    if lang not in survey.languages:
        abort(404)


@cache
def pictogram_names() -> list[str]:
    return sorted(p.stem for p in PICTOGRAMS.glob("*.svg"))


# what each drawing in static/pictograms shows, for the picture select (one per SVG file;
# tests/builder/test_pictograms.py fails when a new drawing has no name here)
PICTOGRAM_LABELS = {
    "book": _l("Book"),
    "bus": _l("Bus"),
    "heart": _l("Heart"),
    "house": _l("House"),
    "idea": _l("Light bulb (idea)"),
    "info": _l("Information sign"),
    "people": _l("People"),
    "shield": _l("Shield (safety)"),
    "speech": _l("Speech bubble"),
    "warning": _l("Warning sign"),
    "wheelchair": _l("Wheelchair"),
    "work": _l("Briefcase (work)"),
}


def pictogram_choices() -> list[SelectChoice]:
    labelled = [(name, PICTOGRAM_LABELS.get(name, name)) for name in pictogram_names()]
    labelled.sort(key=lambda item: str(item[1]).casefold())
    return [SelectChoice("", _l("No picture"))] + [
        SelectChoice(name, label) for name, label in labelled
    ]


def need_labels() -> dict[int, str]:
    needs = db.get_session().scalars(select(NeedCategory).order_by(NeedCategory.position)).all()
    return {n.id: localized(n.texts, "label").text or n.key for n in needs}


def need_choices() -> list[SelectChoice]:
    return [SelectChoice("", _l("No need category"))] + [
        SelectChoice(str(key), text) for key, text in need_labels().items()
    ]


def flash_error(error: BuilderError) -> None:
    flash(str(error.message), "error")


def errors_of(error: BuilderError, field_id: str | None = None) -> list[tuple[str, str]]:
    return [(field_id if field_id is not None else error.field, str(error.message))]


def share_links() -> dict[str, bool]:
    """Which of the other helpers' survey pages exist (share, print, paper entry)."""
    names = ("respond.share_survey", "respond.print_survey", "respond.enter_paper_response")
    return {name: name in current_app.view_functions for name in names}


# the view modules register their routes on `bp` when imported
from . import (  # noqa: E402, F401
    views_choices,
    views_conditions,
    views_exchange,
    views_questions,
    views_surveys,
    views_texts,
)
