"""Ready-made surveys: "Bedarfserhebung Inklusion im Stadtteil" in German with Leichte Sprache,
English, Turkish, Arabic, Ukrainian, Russian, Persian and Polish. The template is a spec in the JSON exchange format
(see exchange_json.py), so it goes through the same checks as an imported file.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from ..i18n import lazy_gettext as _l
from ..models import Survey
from . import question_defaults, taxonomy
from .exchange_json import build_survey
from .survey_questions import renumber
from .surveys import duplicate_survey, find_survey, unique_slug
from .templates_de_content import LANGS, NEEDS_QUESTIONS, NEEDS_TEXTS

LANGUAGES = list(LANGS)
NEEDS_SLUG = "bedarfserhebung"


def needs_survey_spec(slug: str = NEEDS_SLUG) -> dict[str, Any]:
    """The needs survey as an exchange-format spec (a fresh copy each time)."""
    return {
        "slug": slug,
        "kind": "questionnaire",
        "languages": list(LANGUAGES),
        "default_language": "de",
        "texts": copy.deepcopy(NEEDS_TEXTS),
        "anonymous": True,
        "min_cell": 5,
        "public_results": False,
        "estimated_minutes": 10,
        "questions": copy.deepcopy(NEEDS_QUESTIONS),
    }


def create_needs_survey(
    session: Session, created_by_id: int | None = None, slug: str = NEEDS_SLUG
) -> Survey:
    """A draft copy of the needs survey (the slug gets a number if it is taken)."""
    survey = build_survey(session, needs_survey_spec(unique_slug(session, slug)), created_by_id)
    renumber(survey)
    for question in survey.questions:
        if question.type == "area" and not question.choices:
            question.choices.extend(question_defaults.area_choices(session))
    session.flush()
    return survey


def _walk_protocol(session: Session, created_by_id: int | None = None) -> Survey:
    """The ready walk protocol; once it exists, a draft copy to adapt."""
    from . import protocols  # written by the walks helper

    existing = find_survey(session, protocols.DEFAULT_SLUG)
    if existing is not None:
        return duplicate_survey(session, existing, created_by_id)
    return protocols.create_default_walk_protocol(session)


def available() -> dict[str, tuple[Any, Callable[..., Survey]]]:
    """Template key → (label, factory); the walk protocol once its module exists."""
    result: dict[str, tuple[Any, Callable[..., Survey]]] = {
        "needs": (_l("Needs assessment: inclusion in the neighbourhood (8 languages)"),
                  create_needs_survey),
    }  # fmt: skip
    try:
        from . import protocols
    except ImportError:
        return result
    if hasattr(protocols, "create_default_walk_protocol"):
        result["walk"] = (_l("Walk protocol: checklist of barriers"), _walk_protocol)
    return result


def create_from_template(session: Session, key: str, created_by_id: int | None = None) -> Survey:
    """A new survey from the template `key`; the need categories it maps to are seeded first
    (an installation made with init-db has them already; this covers any other)."""
    _label, factory = available()[key]
    taxonomy.seed_need_categories(session)
    return factory(session, created_by_id=created_by_id)
