"""A closed walk is frozen: no page and no API call changes its observations or photos."""

from __future__ import annotations

import io
from pathlib import Path

from survey.models import Role, WalkStatus

from .pages import check_page
from .walk_helpers import client_for, find_walk, jpeg_with_gps, make_walk, observation_data


def _snapshot(app, walk_uuid):
    walk = find_walk(app, walk_uuid)
    return [
        (o.id, o.client_uuid, o.note, o.quote, o.severity, o.latitude, o.category_id,
         sorted((p.uuid, p.storage_key, p.alt_text) for p in o.photos))
        for o in walk.observations
    ]  # fmt: skip


def _files(app) -> list[str]:
    return sorted(str(p) for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file())


def test_closing_a_walk_freezes_its_observations_and_photos(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    coordinator = make_user(Role.COORDINATOR)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    first = observation_data(latitude="51.3151", longitude="9.4958")
    first["photos"] = (io.BytesIO(jpeg_with_gps()), "IMG_0001.JPG")
    api = f"/api/v1/walks/{walk_uuid}/observations?lang=en"
    assert client.post(api, data=first, content_type="multipart/form-data").status_code == 201
    [obs] = find_walk(app, walk_uuid).observations
    [photo] = obs.photos
    assert client.post(f"/walks/{walk_uuid}/close").status_code == 302
    assert find_walk(app, walk_uuid).status is WalkStatus.CLOSED
    before, files = _snapshot(app, walk_uuid), _files(app)
    assert len(files) == 1

    base = f"/walks/{walk_uuid}/observations/{obs.id}"
    for who in (client, client_for(app, coordinator)):
        changed = observation_data(category="steps", severity="1", note="Geändert.", quote="")
        changed["photos"] = (io.BytesIO(jpeg_with_gps()), "IMG_0002.JPG")
        edit = who.post(f"{base}/edit?lang=en", data=changed, content_type="multipart/form-data")
        assert edit.status_code == 302
        assert edit.headers["Location"].endswith(f"/walks/{walk_uuid}")
        page = check_page(who.get(edit.headers["Location"] + "?lang=en"))
        assert "This walk is closed" in page.get_text()
        assert who.post(f"{base}/delete").status_code == 302
        assert who.post(f"{base}/photos/{photo.uuid}/delete").status_code == 409
        late = who.post(api, data=observation_data())
        assert late.status_code == 409
        assert late.get_json()["error"] == "walk_closed"
        new_page = who.post(f"/walks/{walk_uuid}/observations/new?lang=en", data=observation_data())
        assert new_page.status_code == 409
        check_page(new_page)
        replay = who.post(api, json={**first, "photos": None, "note": "Anders."})
        assert replay.status_code == 409
        # the walk page offers no way to change or delete anything
        walk_page = check_page(who.get(f"/walks/{walk_uuid}?lang=en"))
        assert not walk_page.select(f"a[href$='{base}/edit'], a[href$='{base}/delete']")
        assert not walk_page.select(f"form[action*='/walks/{walk_uuid}/close']")

    assert _snapshot(app, walk_uuid) == before
    assert _files(app) == files


def test_the_close_button_warns_that_phones_may_still_hold_observations(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    soup = check_page(client_for(app, leader).get(f"/walks/{walk_uuid}?lang=en"))
    form = soup.select_one(f"form[action$='/walks/{walk_uuid}/close']")
    warning = form.find_previous("p", class_="notice").get_text(" ", strip=True)
    assert "every phone used on the walk has sent its observations" in warning
