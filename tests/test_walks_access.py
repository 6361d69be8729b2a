"""Who may see and change which walk: leaders only their own, coordinators all."""

from __future__ import annotations

import io

from survey.models import Role

from .pages import check_page
from .walk_helpers import client_for, find_walk, jpeg_with_gps, make_walk, observation_data


def _walk_with_photo(app, leader) -> tuple[str, int, str]:
    client = client_for(app, leader)
    walk_uuid = make_walk(app, leader, title="Rundgang von B")
    data = observation_data()
    data["photos"] = (io.BytesIO(jpeg_with_gps()), "b.jpg")
    response = client.post(
        f"/walks/{walk_uuid}/observations/new", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    obs = find_walk(app, walk_uuid).observations[0]
    return walk_uuid, obs.id, obs.photos[0].uuid


def test_leader_cannot_see_or_change_another_leaders_walk(app, make_user):
    leader_a = make_user(Role.WALK_LEADER, name="A")
    leader_b = make_user(Role.WALK_LEADER, name="B")
    b_walk, b_obs, b_photo = _walk_with_photo(app, leader_b)
    a_walk = make_walk(app, leader_a, title="Rundgang von A")
    a = client_for(app, leader_a)

    index = a.get("/walks/?lang=en").get_data(as_text=True)
    assert "Rundgang von A" in index
    assert "Rundgang von B" not in index
    for url in [
        f"/walks/{b_walk}",
        f"/walks/{b_walk}/edit",
        f"/walks/{b_walk}/report",
        f"/walks/{b_walk}/export.geojson",
        f"/walks/{b_walk}/export.csv",
        f"/walks/{b_walk}/observations/new",
        f"/walks/{b_walk}/observations/{b_obs}/edit",
        f"/walks/{a_walk}/observations/{b_obs}/edit",  # own walk, another walk's observation id
        f"/walks/{a_walk}/observations/{b_obs}/delete",
        f"/walks/photos/{b_photo}",
    ]:
        assert a.get(url).status_code == 404, url
    for url in [
        f"/walks/{b_walk}/close",
        f"/walks/{b_walk}/edit",
        f"/walks/{b_walk}/observations/new",
        f"/walks/{b_walk}/observations/{b_obs}/edit",
        f"/walks/{b_walk}/observations/{b_obs}/delete",
        f"/walks/{a_walk}/observations/{b_obs}/delete",
        f"/walks/{a_walk}/observations/{b_obs}/photos/{b_photo}/delete",
        f"/walks/{b_walk}/observations/{b_obs}/photos/{b_photo}/delete",
    ]:
        assert a.post(url, data=observation_data()).status_code == 404, url
    api = a.post(f"/api/v1/walks/{b_walk}/observations", data=observation_data())
    assert api.status_code == 404
    assert api.get_json()["status"] == 404
    assert a.get("/walks/export.geojson").get_json()["features"] == []

    walk = find_walk(app, b_walk)
    assert walk.status.value == "planned"
    assert len(walk.observations) == 1
    assert walk.observations[0].note == observation_data()["note"]
    assert len(walk.observations[0].photos) == 1


def test_coordinator_sees_every_walk_and_photo(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid, obs_id, photo_uuid = _walk_with_photo(app, leader)
    coordinator = client_for(app, make_user(Role.COORDINATOR))
    check_page(coordinator.get(f"/walks/{walk_uuid}?lang=en"))
    check_page(coordinator.get(f"/walks/{walk_uuid}/report?lang=en"))
    check_page(coordinator.get("/walks/?lang=en"))
    assert coordinator.get(f"/walks/photos/{photo_uuid}").status_code == 200
    assert len(coordinator.get("/walks/export.geojson").get_json()["features"]) == 1


def test_only_coordinators_reopen_a_closed_walk(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    own = client_for(app, leader)
    assert own.post(f"/walks/{walk_uuid}/close").status_code == 302
    assert own.post(f"/walks/{walk_uuid}/reopen").status_code == 403
    assert own.get(f"/walks/{walk_uuid}/edit").status_code == 302  # closed: back to the walk
    coordinator = client_for(app, make_user(Role.COORDINATOR))
    assert coordinator.post(f"/walks/{walk_uuid}/reopen").status_code == 302
    assert find_walk(app, walk_uuid).status.value == "planned"


def test_anonymous_people_are_sent_to_login_or_get_401(app, make_user):
    walk_uuid, obs_id, photo_uuid = _walk_with_photo(app, make_user(Role.WALK_LEADER))
    anonymous = app.test_client()
    for url in ["/walks/", f"/walks/{walk_uuid}", f"/walks/photos/{photo_uuid}", "/walks/sw.js"]:
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"], url
    api = anonymous.post(f"/api/v1/walks/{walk_uuid}/observations", data=observation_data())
    assert api.status_code == 401
    assert api.get_json()["error"] == "login"
    assert anonymous.get("/api/v1/csrf").status_code == 401
    assert len(find_walk(app, walk_uuid).observations) == 1
