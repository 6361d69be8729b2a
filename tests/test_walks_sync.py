"""The outbox sync API: idempotent by client UUID, 409 on a changed replay, CSRF-protected."""

from __future__ import annotations

import base64
import io
import json
import re
import threading
import uuid
from pathlib import Path

from survey.models import Role

from .conftest import TEST_PASSWORD
from .pages import check_page
from .walk_helpers import client_for, find_walk, jpeg_with_gps, make_walk, observation_data


def _multipart(data: dict, photo: bytes | None = None) -> dict:
    body = dict(data)
    if photo is not None:
        body["photos"] = (io.BytesIO(photo), "outbox.jpg")
    return body


def test_same_uuid_sent_five_times_at_once_is_stored_once(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    clients = [client_for(app, leader) for _ in range(5)]
    data = observation_data(latitude="51.3151", longitude="9.4958", accuracy_m="6")
    photo = jpeg_with_gps()
    barrier = threading.Barrier(len(clients))
    results: list[tuple[int, dict]] = []

    def send(client):
        barrier.wait()
        response = client.post(
            f"/api/v1/walks/{walk_uuid}/observations",
            data=_multipart(data, photo),
            content_type="multipart/form-data",
        )
        results.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    codes = sorted(code for code, _ in results)
    assert codes == [200, 200, 200, 200, 201], results
    assert {body["client_uuid"] for _, body in results} == {data["client_uuid"]}
    assert len({body["id"] for _, body in results}) == 1
    walk = find_walk(app, walk_uuid)
    assert len(walk.observations) == 1
    assert len(walk.observations[0].photos) == 1
    files = [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()]
    assert len(files) == 1, "the losing requests left no files behind"


def test_replay_with_another_body_is_refused_with_409(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    url = f"/api/v1/walks/{walk_uuid}/observations"
    data = observation_data()
    assert client.post(url, data=data).status_code == 201
    again = client.post(url, data=data)
    assert again.status_code == 200
    assert again.get_json()["status"] == "exists"
    changed = client.post(url + "?lang=en", data={**data, "note": "Etwas ganz anderes."})
    assert changed.status_code == 409
    assert changed.get_json()["error"] == "conflict"
    assert "already sent with other content" in changed.get_json()["errors"][0]["message"]
    [obs] = find_walk(app, walk_uuid).observations
    assert obs.note == data["note"]


def test_json_body_with_base64_photo(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    body = observation_data(severity=2, latitude=51.3, longitude=9.4, accuracy_m=12)
    body["photos"] = [base64.b64encode(jpeg_with_gps()).decode()]
    body["observed_at"] = "2026-05-14T08:15:00Z"
    response = client.post(f"/api/v1/walks/{walk_uuid}/observations", json=body)
    assert response.status_code == 201, response.get_json()
    [obs] = find_walk(app, walk_uuid).observations
    assert (obs.severity, obs.latitude, obs.longitude, len(obs.photos)) == (2, 51.3, 9.4, 1)


def test_half_a_character_in_a_json_body_is_refused_and_nothing_stored(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    # "\ud800" is valid JSON but half a character that no database can store
    body = json.dumps({**observation_data(), "note": "Stufe"}).replace("Stufe", "Stufe\\ud800")
    response = client.post(
        f"/api/v1/walks/{walk_uuid}/observations?lang=en",
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["status"] == 400
    assert find_walk(app, walk_uuid).observations == []


def test_bad_input_gets_422_with_field_messages(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    url = f"/api/v1/walks/{walk_uuid}/observations?lang=en"
    cases = [
        ({"category": None}, "category", "Choose what you found"),
        ({"category": "ufo"}, "category", "Choose one of the categories"),
        ({"latitude": "91", "longitude": "9"}, "latitude", "between -90 and 90"),
        ({"latitude": "51", "longitude": "-181"}, "longitude", "between -180 and 180"),
        ({"latitude": "51"}, "longitude", "Enter the longitude too"),
        ({"latitude": "nan", "longitude": "9"}, "latitude", "between -90 and 90"),
        ({"client_uuid": "not-a-uuid"}, "client_uuid", "valid identifier"),
        ({"note": "x" * 2001}, "note", "2,000 characters"),
    ]
    for change, field, message in cases:
        response = client.post(url, data=observation_data(**change))
        assert response.status_code == 422, change
        errors = {e["field"]: e["message"] for e in response.get_json()["errors"]}
        assert message in errors[field], (change, errors)
    unknown = client.post(f"/api/v1/walks/{uuid.uuid4()}/observations", data=observation_data())
    assert unknown.status_code == 404
    assert find_walk(app, walk_uuid).observations == []


def _csrf_login(app, user):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client


def test_api_needs_a_csrf_token_and_hands_out_fresh_ones(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = _csrf_login(app, leader)
    url = f"/api/v1/walks/{walk_uuid}/observations"
    data = observation_data()

    missing = client.post(url, data=data)
    assert missing.status_code == 400
    assert missing.get_json()["error"] == "csrf"
    # a token from another (older) session, as in an item queued before logging in again
    other = _csrf_login(app, leader)
    stale = other.get("/api/v1/csrf").get_json()["csrf_token"]
    wrong = client.post(url, data=data, headers={"X-CSRFToken": stale})
    assert wrong.status_code == 400
    assert wrong.get_json()["error"] == "csrf"
    assert find_walk(app, walk_uuid).observations == []

    fresh = client.get("/api/v1/csrf")
    assert fresh.headers["Cache-Control"] == "no-store"
    token = fresh.get_json()["csrf_token"]
    ok = client.post(url, data=data, headers={"X-CSRFToken": token})
    assert ok.status_code == 201
    assert len(find_walk(app, walk_uuid).observations) == 1


def test_double_submitted_html_form_stores_once(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    page = check_page(client.get(f"/walks/{walk_uuid}/observations/new"))
    form_uuid = page.select_one("input[name=client_uuid]")["value"]
    assert uuid.UUID(form_uuid), "the form carries its own client UUID"
    data = observation_data(client_uuid=form_uuid)
    for _ in range(2):  # an impatient double tap without JavaScript
        assert client.post(f"/walks/{walk_uuid}/observations/new", data=data).status_code == 302
    assert len(find_walk(app, walk_uuid).observations) == 1


def test_closed_walk_refuses_new_observations_but_accepts_a_replay(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    url = f"/api/v1/walks/{walk_uuid}/observations?lang=en"
    sent = observation_data()
    assert client.post(url, data=sent).status_code == 201
    assert client.post(f"/walks/{walk_uuid}/close").status_code == 302
    # the outbox may resend an item whose first answer got lost: it still hears "exists"
    assert client.post(url, data=sent).status_code == 200
    late = client.post(url, data=observation_data())
    assert late.status_code == 409
    assert late.get_json()["error"] == "walk_closed"
    assert len(find_walk(app, walk_uuid).observations) == 1
