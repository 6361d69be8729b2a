"""A questionnaire with answers from several areas and groups, for the page tests."""

from __future__ import annotations

import pytest

from survey.models import Area, NeedCategory
from survey.services.taxonomy import seed_areas, seed_need_categories
from tests.factories import make_survey, texts

from .factory import add_many


def build_survey(db, slug="stadtteil", extra_questions=0, public=False):
    seed_need_categories(db)
    seed_areas(db)
    cats = {c.key: c.id for c in db.query(NeedCategory)}
    areas = [a.key for a in db.query(Area).order_by(Area.position)]
    questions = [
        {"key": "gebiet", "type": "area", "choices": areas},
        {"key": "alter", "type": "single_choice", "choices": ["jung", "alt"],
         "settings": {"is_group": True}},
        {"key": "probleme", "type": "multiple_choice", "choices": [
            {"key": "bus", "need_category_id": cats["mobility"]},
            {"key": "briefe", "need_category_id": cats["information"]},
            {"key": "keine", "exclusive": True}]},
        {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3", "4", "5"]},
        {"key": "wichtig", "type": "ranking", "choices": ["bank", "licht"]},
        {"key": "alter_jahre", "type": "number", "settings": {"min": 0, "max": 120}},
        {"key": "idee", "type": "long_text",
         "texts": texts("=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")")},
    ] + [
        {"key": f"extra{i}", "type": "single_choice", "choices": ["a", "b"]}
        for i in range(extra_questions)
    ]  # fmt: skip
    survey = make_survey(db, slug, questions, languages=["de", "en", "ar"], public_results=public)
    for n, area in enumerate(areas[:2]):
        add_many(db, survey, 6 + n, {
            "gebiet": area, "alter": "jung", "probleme": ["bus"], "zufrieden": "4",
            "wichtig": {"bank": 1, "licht": 2}, "alter_jahre": 30 + n,
            **{f"extra{i}": "a" for i in range(extra_questions)}})  # fmt: skip
        add_many(db, survey, 5, {
            "gebiet": area, "alter": "alt", "probleme": ["briefe", "bus"], "zufrieden": "2",
            "idee": "-2+3 Rampe am Markt", "alter_jahre": 70,
            **{f"extra{i}": "b" for i in range(extra_questions)}}, channel="paper")  # fmt: skip
    add_many(db, survey, 2, {"gebiet": areas[2], "probleme": ["keine"]})
    db.commit()
    return survey


@pytest.fixture
def survey(db):
    return build_survey(db)
