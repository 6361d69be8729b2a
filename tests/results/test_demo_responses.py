"""Demo answers: about 300 per demo questionnaire, with patterns, and safe to run again."""

from __future__ import annotations

from sqlalchemy import func, select

from survey.models import Response
from survey.services import aggregate as agg
from survey.services.demo_responses import seed_demo_responses
from survey.services.needs import need_profile
from tests.factories import ALL_TYPES, make_survey

from .conftest import build_survey


def test_demo_responses_fill_the_named_open_questionnaires_once(db):
    survey = build_survey(db, slug="demo")
    survey.publish()
    draft = make_survey(db, "entwurf", [dict(q) for q in ALL_TYPES if q["key"] != "wohnort"])
    db.flush()
    assert seed_demo_responses(db, ["demo", "entwurf"]) == 300
    assert seed_demo_responses(db, ["demo", "entwurf"]) == 0
    counts = dict(
        db.execute(select(Response.survey_id, func.count()).group_by(Response.survey_id)).all()
    )
    assert counts[survey.id] == 300 + 25  # the fixture's own answers stay
    assert draft.id not in counts
    activity = agg.activity(db, survey, agg.Filters())
    assert set(activity.by_channel) == {"web", "paper"}
    assert len(activity.by_language) >= 2
    by_area = agg.Dimension("area", agg.area_question(survey))
    per_area = agg.respondent_counts(db, survey, agg.Filters(), by_area)
    assert min(n for key, n in per_area.items() if key is not None) >= 60
    profile = need_profile(db, survey, agg.Filters(area="altstadt"), 5)
    assert any(not row.hidden and row.share > 0 for row in profile.rows)
