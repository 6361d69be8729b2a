"""Bad input to the walk pages and the sync API: a clear answer, never a 500, nothing stored.

JSON bodies of the wrong shape, NUL characters, ids too big for the column, and requests
too big for the server, each answered in words the outbox can show."""

from __future__ import annotations

import io

import pytest

from survey.models import Role

from .pages import check_page
from .walk_helpers import client_for, find_walk, jpeg_with_gps, make_walk, observation_data

BAD_SHAPES = [
    ({"photos": 5}, "photos"),
    ({"photos": True}, "photos"),
    ({"photos": "abcd"}, "photos"),
    ({"photos": {"a": 1}}, "photos"),
    ({"photos": [1, 2]}, "photos"),
    ({"note": ["a"]}, "note"),
    ({"quote": {"x": 1}}, "quote"),
    ({"place_name": 12}, "place_name"),
    ({"severity": True}, "severity"),
    ({"category": ["kerb"]}, "category"),
    ({"client_uuid": 7}, "client_uuid"),
    ({"latitude": [51.3], "longitude": 9.4}, "latitude"),
]


@pytest.mark.parametrize(
    ("change", "field"), BAD_SHAPES, ids=[f"{f}-{c[f]!r}" for c, f in BAD_SHAPES]
)
def test_json_body_of_the_wrong_shape_is_a_422_with_the_field(app, make_user, change, field):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    response = client.post(
        f"/api/v1/walks/{walk_uuid}/observations?lang=en", json={**observation_data(), **change}
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] == "invalid"
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert set(fields) == {field}
    assert fields[field]
    assert find_walk(app, walk_uuid).observations == []


def test_json_numbers_are_still_taken_where_the_form_takes_numbers(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    body = observation_data(severity=2, latitude=51.3, longitude=9.4, accuracy_m=12)
    response = client.post(f"/api/v1/walks/{walk_uuid}/observations", json=body)
    assert response.status_code == 201
    [obs] = find_walk(app, walk_uuid).observations
    assert (obs.severity, obs.latitude, obs.accuracy_m) == (2, 51.3, 12)


@pytest.mark.parametrize("field", ["note", "quote", "place_name", "alt_text"])
def test_nul_in_a_text_is_a_422_everywhere(app, make_user, field):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    bad = observation_data(**{field: "Stufe\x00am Markt"})
    api_url = f"/api/v1/walks/{walk_uuid}/observations?lang=en"
    for response in (
        client.post(api_url, json=bad),
        client.post(api_url, data=bad),
    ):
        assert response.status_code == 422
        [error] = response.get_json()["errors"]
        assert error["field"] == field
        assert "not allowed" in error["message"]
    page = client.post(f"/walks/{walk_uuid}/observations/new?lang=en", data=bad)
    assert page.status_code == 422
    assert "not allowed" in check_page(page).select_one(".error-summary").get_text()
    assert find_walk(app, walk_uuid).observations == []

    # and when an observation is changed
    assert client.post(api_url, data=observation_data()).status_code == 201
    [obs] = find_walk(app, walk_uuid).observations
    edit = client.post(f"/walks/{walk_uuid}/observations/{obs.id}/edit?lang=en", data=bad)
    assert edit.status_code == 422
    check_page(edit)
    [obs] = find_walk(app, walk_uuid).observations
    assert "\x00" not in (getattr(obs, field, "") or "")
    assert obs.note == observation_data()["note"]


HUGE = ["9" * 30, "9" * 19, str(2**31), str(2**63), "0"]


def test_ids_too_big_for_the_column_are_404_pages(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    for obs_id in HUGE:
        base = f"/walks/{walk_uuid}/observations/{obs_id}"
        for method, path in [
            ("get", f"{base}/edit"),
            ("post", f"{base}/edit"),
            ("get", f"{base}/delete"),
            ("post", f"{base}/delete"),
            ("post", f"{base}/photos/{'9' * 30}/delete"),
        ]:
            response = getattr(client, method)(path + "?lang=en", data=observation_data())
            assert response.status_code == 404, (method, path, response.status_code)
            check_page(response)
    for walk_id in HUGE:
        for path in [f"/walks/{walk_id}", f"/walks/{walk_id}/report", f"/walks/{walk_id}/edit"]:
            response = client.get(path + "?lang=en")
            assert response.status_code == 404, (path, response.status_code)
            check_page(response)
        api = client.post(f"/api/v1/walks/{walk_id}/observations?lang=en", data=observation_data())
        assert api.status_code == 404
        assert "no longer exists" in api.get_json()["detail"]


def test_a_request_too_big_for_the_server_gets_a_message_the_outbox_can_show(make_app, make_user):
    app = make_app(MAX_CONTENT_LENGTH=60_000)
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    data = observation_data()
    data["photos"] = [
        (io.BytesIO(jpeg_with_gps(size=(1600, 1200))), f"IMG_{n}.JPG") for n in range(3)
    ]
    response = client.post(
        f"/api/v1/walks/{walk_uuid}/observations?lang=en",
        data=data,
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    body = response.get_json()
    assert "too big to send together" in body["detail"]
    assert body["errors"][0]["message"] == body["detail"]
    assert find_walk(app, walk_uuid).observations == []
