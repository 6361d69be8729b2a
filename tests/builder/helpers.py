"""Shared helpers for the builder tests."""

from __future__ import annotations

from survey.db import get_session
from survey.services import taxonomy
from survey.services.templates_de import create_needs_survey


def seed(app, slug: str = "bedarf") -> str:
    """Need categories, areas and the needs survey (draft); returns its slug."""
    with app.app_context():
        session = get_session()
        taxonomy.seed_need_categories(session)
        taxonomy.seed_areas(session)
        survey = create_needs_survey(session, slug=slug)
        session.commit()
        return survey.slug
