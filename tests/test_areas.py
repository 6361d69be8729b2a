"""Coordinators keep the town's areas: add, rename, reorder, remove; walks and area questions use them."""

from __future__ import annotations

from sqlalchemy import select

from survey.db import get_session
from survey.models import Area, Role
from survey.services import question_defaults

from .pages import check_page
from .walk_helpers import make_walk


def _areas(app) -> list[tuple[str, dict]]:
    with app.app_context():
        rows = get_session().scalars(select(Area).order_by(Area.position, Area.id))
        return [(a.key, a.texts) for a in rows]


def _id(app, key: str) -> int:
    with app.app_context():
        return get_session().scalar(select(Area.id).where(Area.key == key))


def test_coordinator_adds_renames_and_orders_areas(app, client, coordinator):
    page = client.get("/areas/?lang=en")
    check_page(page)
    assert "There are no areas yet." in page.get_data(as_text=True)
    check_page(client.get("/areas/new?lang=ar"))

    for german, arabic in [("Nordstadt", "المدينة الشمالية"), ("Südviertel", "")]:
        response = client.post(
            "/areas/new", data={"label_de": f"  {german} ", "label_ar": arabic, "easy_de": ""}
        )
        assert response.status_code == 302
    assert _areas(app) == [
        ("nordstadt", {"label": {"de": "Nordstadt", "ar": "المدينة الشمالية"}}),
        ("sudviertel", {"label": {"de": "Südviertel"}}),
    ]
    listing = client.get("/areas/?lang=ar")
    check_page(listing)
    assert "المدينة الشمالية" in listing.get_data(as_text=True)

    south = _id(app, "sudviertel")
    edit = client.get(f"/areas/{south}?lang=en")
    check_page(edit)
    assert 'value="Südviertel"' in edit.get_data(as_text=True)
    response = client.post(
        f"/areas/{south}", data={"label_de": "Süd", "label_en": "South", "easy_de": "Der Süden"}
    )
    assert response.status_code == 302
    assert client.post(f"/areas/{south}/move", data={"to": "up"}).status_code == 302
    assert _areas(app) == [
        (
            "sudviertel",
            {"label": {"de": "Süd", "en": "South"}, "label_easy": {"de": "Der Süden"}},
        ),
        ("nordstadt", {"label": {"de": "Nordstadt", "ar": "المدينة الشمالية"}}),
    ]

    # a new area question offers the areas in their order, with their keys
    with app.app_context():
        choices = question_defaults.area_choices(get_session())
    assert [c.key for c in choices] == ["sudviertel", "nordstadt"]


def test_bad_area_names_are_refused_with_a_message_and_nothing_stored(app, client, coordinator):
    missing = client.post("/areas/new?lang=en", data={"label_de": " ", "label_en": "North"})
    assert missing.status_code == 400
    check_page(missing)
    assert "Enter the name of the area in German." in missing.get_data(as_text=True)
    assert 'value="North"' in missing.get_data(as_text=True)  # nothing typed is lost

    tag = client.post("/areas/new?lang=en", data={"label_de": "<script>alert(1)</script>"})
    assert tag.status_code == 400
    assert "<script>alert" not in tag.get_data(as_text=True)
    long = client.post("/areas/new?lang=en", data={"label_de": "x" * 121})
    assert long.status_code == 400
    assert _areas(app) == []

    assert client.post("/areas/new", data={"label_de": "Mitte"}).status_code == 302
    twice = client.post("/areas/new?lang=en", data={"label_de": " mitte"})
    assert twice.status_code == 400
    assert "There is already an area with this name." in twice.get_data(as_text=True)
    assert [key for key, _ in _areas(app)] == ["mitte"]

    assert client.post("/areas/99999999999999999999/move", data={"to": "up"}).status_code == 404
    assert client.post(f"/areas/{_id(app, 'mitte')}/move", data={"to": "x"}).status_code == 400


def test_an_area_with_walks_stays_and_an_unused_one_can_be_removed(
    app, client, coordinator, make_user
):
    leader = make_user(Role.WALK_LEADER)
    make_walk(app, leader)  # seeds the demo areas; the walk has none yet
    with app.app_context():
        session = get_session()
        used = session.scalars(select(Area).order_by(Area.position)).first()
        from survey.models import Walk

        session.scalars(select(Walk)).one().area_id = used.id
        session.commit()
        used_id, used_key = used.id, used.key
    before = len(_areas(app))

    page = client.get(f"/areas/{used_id}/delete?lang=en")
    check_page(page)
    assert "Walks belong to this area." in page.get_data(as_text=True)
    refused = client.post(f"/areas/{used_id}/delete?lang=en", follow_redirects=True)
    assert "Walks belong to this area." in refused.get_data(as_text=True)
    assert len(_areas(app)) == before

    unused = _areas(app)[-1][0]
    confirm = client.get(f"/areas/{_id(app, unused)}/delete?lang=en")
    check_page(confirm)
    assert client.post(f"/areas/{_id(app, unused)}/delete").status_code == 302
    keys = [key for key, _ in _areas(app)]
    assert unused not in keys
    assert used_key in keys
    assert len(keys) == before - 1


def test_only_coordinators_keep_the_areas(client, walk_leader):
    assert client.get("/areas/").status_code == 403
    assert client.post("/areas/new", data={"label_de": "Nord"}).status_code == 403
