"""Fixtures the builder tests share."""

from __future__ import annotations

import pytest

from survey.services import taxonomy
from survey.services.templates_de import create_needs_survey


@pytest.fixture
def needs(db):
    """The ready needs survey (with its need categories and areas), slug "bedarf"."""
    taxonomy.seed_need_categories(db)
    taxonomy.seed_areas(db)
    return create_needs_survey(db, slug="bedarf")
