""" "I prefer not to say": the coordinator offers it, the resident can choose it, alone only."""

from __future__ import annotations

from sqlalchemy import select

from survey.models import Answer, Choice, SurveyStatus

from ..factories import make_survey, texts
from ..pages import check_page
from .helpers import begin


def test_coordinator_offers_prefer_not_to_say_and_a_resident_chooses_it_alone(
    app, client, db, coordinator
):
    survey = make_survey(
        db,
        "persoenlich",
        [
            {
                "key": "hilfen",
                "type": "multiple_choice",
                "choices": ["rollstuhl", "blindenstock"],
                "texts": texts("Welche Hilfen nutzen Sie?", "Which aids do you use?"),
            }
        ],
        languages=["de", "en"],
        texts={"title": {"de": "Über Sie", "en": "About you"}},
    )
    db.commit()

    form = client.get("/builder/persoenlich/questions/hilfen/?lang=en")
    check_page(form)
    assert "Offer “I prefer not to say”" in form.get_data(as_text=True)
    saved = client.post(
        "/builder/persoenlich/questions/hilfen/",
        data={"key": "hilfen", "allow_prefer_not": "y", "pictogram": "", "need_category": ""},
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    db.expire_all()
    choice = db.scalar(select(Choice).where(Choice.key == "prefer_not"))
    assert choice.exclusive
    assert choice.texts["label"]["de"] == "Das möchte ich nicht sagen"
    assert choice.texts["label"]["en"] == "I prefer not to say"

    survey.status = SurveyStatus.OPEN
    db.commit()
    first = begin(client, "persoenlich", "?lang=en")
    page = client.get(first)
    check_page(page)
    assert "I prefer not to say" in page.get_data(as_text=True)

    both = client.post(first, data={"q-hilfen": ["rollstuhl", "prefer_not"]})
    assert both.status_code == 400
    check_page(both)
    alone = client.post(first, data={"q-hilfen": ["prefer_not"]})
    assert alone.status_code == 302
    stored = db.scalars(select(Answer.choice_id).where(Answer.question_id == choice.question_id))
    assert list(stored) == [choice.id]
