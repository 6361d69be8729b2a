"""Walk protocols are built with the same builder: the `category` question is the checklist."""

from __future__ import annotations

from sqlalchemy import select

from survey.models import NeedCategory, SurveyKind
from survey.services import taxonomy
from survey.services.surveys import find_survey

from ..pages import check_page

B = "/builder/rundgang"


def test_a_new_walk_protocol_starts_with_its_checklist(client, db, coordinator):
    taxonomy.seed_need_categories(db)
    db.commit()
    response = client.post("/builder/new", data={"title": "Rundgang Nordviertel", "kind": "walk_protocol",
                                                 "language": "en", "slug": "rundgang"})  # fmt: skip
    assert response.status_code == 302
    protocol = find_survey(db, "rundgang")
    assert protocol.kind is SurveyKind.WALK_PROTOCOL
    checklist = protocol.questions[0]
    assert checklist.key == "category"
    assert [(c.key, c.observation_kind) for c in checklist.choices] == [
        ("good_place", "good_place"),
        ("idea", "idea"),
    ]
    assert checklist.texts["label"]["en"] == "What did you find?"

    client.post(
        f"{B}/questions/category/choices", data={"choice-key": "kerb", "choice-label": "High kerb"}
    )
    mobility = db.scalar(select(NeedCategory.id).where(NeedCategory.key == "mobility"))
    soup = check_page(client.get(f"{B}/questions/category/choices/kerb?lang=en"))
    assert soup.find(id="observation_kind")  # barrier, good place or idea
    client.post(f"{B}/questions/category/choices/kerb",
                data={"key": "kerb", "need_category": str(mobility), "weight": "2",
                      "observation_kind": ""})  # fmt: skip
    db.expire_all()
    kerb = find_survey(db, "rundgang").questions[0].choices[-1]
    assert (kerb.key, kerb.need_category_id, kerb.weight, kerb.observation_kind) == (
        "kerb", mobility, 2.0, None)  # fmt: skip
    page = check_page(client.get(f"{B}/?lang=en"))
    assert "Checklist categories" in page.get_text()


def test_the_checklist_question_cannot_be_deleted_or_renamed(client, db, coordinator):
    client.post("/builder/new", data={"title": "Rundgang", "kind": "walk_protocol", "language": "en",
                                      "slug": "rundgang"})  # fmt: skip
    client.post(f"{B}/questions/category/delete")
    response = client.post(f"{B}/questions/category/?lang=en",
                           data={"key": "kategorie", "pictogram": "", "need_category": ""})  # fmt: skip
    assert check_page(response).find(class_="error-summary")
    db.expire_all()
    assert [q.key for q in find_survey(db, "rundgang").questions] == ["category"]
