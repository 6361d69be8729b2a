"""The description (alt text) of a photo already saved can be changed with its observation."""

from __future__ import annotations

import io

from survey.models import Role

from .pages import check_page
from .walk_helpers import client_for, find_walk, jpeg_with_gps, make_walk, observation_data


def _observation_with_photo(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    data = observation_data(alt_text="Foto")
    data["photos"] = (io.BytesIO(jpeg_with_gps()), "IMG_0001.JPG")
    response = client.post(
        f"/api/v1/walks/{walk_uuid}/observations", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 201
    [obs] = find_walk(app, walk_uuid).observations
    return client, walk_uuid, obs


def test_the_description_of_a_saved_photo_can_be_changed(app, make_user):
    client, walk_uuid, obs = _observation_with_photo(app, make_user)
    [photo] = obs.photos
    url = f"/walks/{walk_uuid}/observations/{obs.id}/edit"
    page = check_page(client.get(url + "?lang=en"), form_required=True)
    field = page.select_one(f"form.obs-form input[name='alt-{photo.uuid}']")
    assert field["value"] == "Foto"
    assert page.select_one(f"label[for='alt-{photo.uuid}']").get_text() == "Description of photo 1"

    described = "Bordstein an der Ecke, etwa 8 cm hoch, ohne Absenkung"
    sent = observation_data(**{f"alt-{photo.uuid}": described})
    assert client.post(url, data=sent).status_code == 302
    [obs] = find_walk(app, walk_uuid).observations
    assert obs.photos[0].alt_text == described
    report = check_page(client.get(f"/walks/{walk_uuid}/report?lang=en"))
    assert report.find("img", alt=described)


def test_a_bad_description_is_explained_and_nothing_changes(app, make_user):
    client, walk_uuid, obs = _observation_with_photo(app, make_user)
    [photo] = obs.photos
    url = f"/walks/{walk_uuid}/observations/{obs.id}/edit?lang=en"
    for bad, message in [("x" * 301, "300 characters or fewer"), ("a\x00b", "not allowed")]:
        sent = observation_data(note="Geändert", **{f"alt-{photo.uuid}": bad})
        response = client.post(url, data=sent)
        assert response.status_code == 422
        soup = check_page(response)
        link = soup.select_one(f".error-summary a[href='#alt-{photo.uuid}']")
        assert message in link.get_text()
        assert soup.select_one(f"#alt-{photo.uuid}-error")
        [obs] = find_walk(app, walk_uuid).observations
        assert (obs.note, obs.photos[0].alt_text) == (observation_data()["note"], "Foto")
