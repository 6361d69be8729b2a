"""A walk from start to end: plan → log (with/without photo and location) → close → report."""

from __future__ import annotations

import io
import json
import math

from bs4 import BeautifulSoup

from survey.db import get_session
from survey.models import ObservationKind, WalkStatus
from survey.services import protocols, taxonomy

from .pages import check_page
from .walk_helpers import find_walk, jpeg_with_gps, observation_data


def assert_rfc7946(doc: dict) -> None:
    """The rules of RFC 7946 that a FeatureCollection of points must follow."""
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc, "RFC 7946 removed the crs member"
    assert isinstance(doc["features"], list)
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert "geometry" in feature
        assert "properties" in feature
        assert isinstance(feature.get("id", ""), str | int | float)
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        position = geometry["coordinates"]
        assert isinstance(position, list)
        assert len(position) in (2, 3)
        assert all(isinstance(n, int | float) and math.isfinite(n) for n in position)
        lon, lat = position[0], position[1]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
    json.dumps(doc, allow_nan=False)  # no NaN or Infinity anywhere


def _plan(app, client) -> str:
    with app.app_context():
        taxonomy.seed_areas(get_session())
        get_session().commit()
    page = client.get("/walks/new?lang=en")
    soup = check_page(page, form_required=True)
    protocol_id = soup.select_one("#protocol_id option")["value"]
    area_id = [o["value"] for o in soup.select("#area_id option") if o["value"] != "0"][0]
    response = client.post(
        "/walks/new",
        data={
            "title": "Rundgang Altstadt",
            "protocol_id": protocol_id,
            "area_id": area_id,
            "walk_date": "2026-05-14",
            "meeting_point": "Marktplatz, am Brunnen",
            "route": "Marktplatz – Kirchplatz",
            "use_location": "1",
            "group_wheelchair_user": "2",
            "group_blind": "1",
            "group_senior": "4",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]


def test_walk_from_plan_to_geojson(app, client, walk_leader):
    walk_uuid = _plan(app, client)
    soup = check_page(client.get(f"/walks/{walk_uuid}?lang=en"))
    assert "7 people took part" in soup.get_text()

    form_page = client.get(f"/walks/{walk_uuid}/observations/new?lang=en")
    form = check_page(form_page, form_required=True)
    assert len(form.select("input[name=category]")) == 12
    assert form.select_one("form[data-outbox]")["enctype"] == "multipart/form-data"

    # without photo and without location
    plain = observation_data(place_name="Haltestelle Rathaus")
    assert client.post(f"/walks/{walk_uuid}/observations/new", data=plain).status_code == 302
    # with photo and with location
    located = observation_data(
        category="good_place", kind="barrier", severity=None, latitude="51.31578",
        longitude="9.49702", accuracy_m="7", alt_text="Stufenloser Eingang der Bibliothek",
    )  # fmt: skip
    located["photos"] = (io.BytesIO(jpeg_with_gps()), "IMG_0001.JPG")
    response = client.post(
        f"/walks/{walk_uuid}/observations/new", data=located, content_type="multipart/form-data"
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    # a good-place category makes the observation a good place, whatever the radio said
    walk = find_walk(app, walk_uuid)
    assert [o.kind for o in walk.observations] == [
        ObservationKind.BARRIER,
        ObservationKind.GOOD_PLACE,
    ]
    assert walk.observations[1].severity is None
    assert len(walk.observations[1].photos) == 1

    assert client.post(f"/walks/{walk_uuid}/close").status_code == 302
    assert find_walk(app, walk_uuid).status is WalkStatus.CLOSED
    late = client.post(f"/walks/{walk_uuid}/observations/new?lang=en", data=observation_data())
    assert late.status_code == 409
    assert "This walk is closed" in check_page(late).get_text()

    report = check_page(client.get(f"/walks/{walk_uuid}/report?lang=en"))
    captions = [c.get_text(strip=True) for c in report.select("table caption")]
    assert "Observations by category and severity" in captions
    assert "Observation points" in captions
    kerb_row = [r for r in report.select("table tr") if "Kerb without lowering" in r.get_text()][0]
    assert [td.get_text() for td in kerb_row.select("td")] == ["0", "0", "1", "0", "1"]
    total_row = report.select_one("table tfoot tr")
    assert [td.get_text() for td in total_row.select("td")] == ["0", "0", "1", "1", "2"]
    assert report.select_one("svg[role=img] circle, svg[role=img] rect")
    assert report.find("img", alt="Stufenloser Eingang der Bibliothek")
    assert "Da komme ich allein nicht runter." in report.get_text()

    geo = client.get(f"/walks/{walk_uuid}/export.geojson")
    assert geo.headers["Content-Type"].startswith("application/geo+json")
    doc = geo.get_json(force=True)
    assert_rfc7946(doc)
    features = {f["properties"]["category_key"]: f for f in doc["features"]}
    assert features["kerb"]["geometry"] is None
    assert features["good_place"]["geometry"]["coordinates"] == [9.49702, 51.31578]
    props = features["kerb"]["properties"]
    assert props["need_key"] == "mobility"
    assert props["severity"] == 3
    assert props["place"] == "Haltestelle Rathaus"
    assert props["kind"] == "barrier"


def test_editing_and_deleting_an_observation_until_the_walk_closes(app, client, walk_leader):
    walk_uuid = _plan(app, client)
    client.post(f"/walks/{walk_uuid}/observations/new", data=observation_data())
    obs_id = find_walk(app, walk_uuid).observations[0].id
    edit_url = f"/walks/{walk_uuid}/observations/{obs_id}/edit"
    page = check_page(client.get(edit_url + "?lang=en"), form_required=True)
    assert page.select_one("input[name=category][value=kerb]").has_attr("checked")
    changed = observation_data(category="steps", severity="2", note="Zwei Stufen.")
    assert client.post(edit_url, data=changed).status_code == 302
    obs = find_walk(app, walk_uuid).observations[0]
    assert (obs.severity, obs.note) == (2, "Zwei Stufen.")

    delete_url = f"/walks/{walk_uuid}/observations/{obs_id}/delete"
    check_page(client.get(delete_url + "?lang=en"), form_required=True)
    assert client.post(delete_url).status_code == 302
    assert find_walk(app, walk_uuid).observations == []


def test_bad_observation_input_is_explained_and_nothing_is_stored(app, client, walk_leader):
    walk_uuid = _plan(app, client)
    bad = observation_data(category=None, severity="7", latitude="123", longitude="abc")
    response = client.post(f"/walks/{walk_uuid}/observations/new?lang=en", data=bad)
    assert response.status_code == 422
    soup = check_page(response)
    summary = soup.select_one(".error-summary").get_text()
    assert "Choose what you found" in summary
    assert "The latitude must be between -90 and 90" in summary
    assert "Enter the longitude as a number" in summary
    assert soup.select_one(".error-summary a[href='#category-0']")
    assert soup.title.get_text().startswith("Error:")
    assert find_walk(app, walk_uuid).observations == []


def test_walk_form_errors_are_shown(client, walk_leader):
    response = client.post("/walks/new?lang=en", data={"title": "", "walk_date": "gestern"})
    assert response.status_code == 400
    soup = check_page(response)
    summary = soup.select_one(".error-summary").get_text()
    assert "Enter a name for the walk" in summary
    assert "Enter the date of the walk, for example 14.05.2027" in summary


def test_walk_leader_dashboard_links_to_walks(app, client, walk_leader):
    walk_uuid = _plan(app, client)
    soup = check_page(client.get("/dashboard?lang=en"))
    assert soup.find("a", href=f"/walks/{walk_uuid}")
    assert soup.find("a", href=f"/walks/{walk_uuid}/observations/new")
    index = check_page(client.get("/walks/?lang=en"))
    assert index.find("a", href=f"/walks/{walk_uuid}")


def test_report_plot_is_drawn_without_tiles(app, client, walk_leader):
    walk_uuid = _plan(app, client)
    for lat, lon in [("51.3150", "9.4950"), ("51.3160", "9.4970")]:
        data = observation_data(latitude=lat, longitude=lon, accuracy_m="5")
        client.post(f"/walks/{walk_uuid}/observations/new", data=data)
    html = client.get(f"/walks/{walk_uuid}/report?lang=en").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.select_one("figure.walk-plot svg")
    width = float(svg["viewbox"].split()[2]) if svg.has_attr("viewbox") else float(svg["width"])
    xs = [float(c["cx"]) for c in svg.select("circle")]
    assert len(xs) == 2
    assert all(0 < x < width for x in xs)
    assert xs[0] < xs[1], "the point further east is drawn further right"
    assert "http" not in "".join(str(t) for t in svg.select("image"))  # no map tiles


def test_a_typed_german_date_is_understood(app, client, walk_leader):
    with app.app_context():
        protocols.ensure_walk_protocol(get_session())
        get_session().commit()
    soup = check_page(client.get("/walks/new?lang=en"))
    protocol_id = soup.select_one("#protocol_id option")["value"]
    response = client.post(
        "/walks/new",
        data={"title": "Rundgang", "protocol_id": protocol_id, "area_id": "0",
              "walk_date": "14.05.2027", "use_location": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    walk_uuid = response.headers["Location"].rsplit("/", 1)[-1]
    walk = find_walk(app, walk_uuid)
    assert str(walk.walk_date) == "2027-05-14"
    assert walk.area_id is None
    assert not walk.use_location
    page = check_page(client.get(f"/walks/{walk_uuid}/observations/new?lang=en"))
    assert not page.select("[data-geo]"), "no location button when the leader did not allow it"


def test_report_shows_an_observation_without_category(app, client, walk_leader, db):
    from sqlalchemy import select

    from survey.models import Observation

    walk_uuid = _plan(app, client)
    client.post(f"/walks/{walk_uuid}/observations/new", data=observation_data())
    observation = db.scalar(select(Observation))
    observation.category_id = None  # e.g. its category was removed from the protocol
    db.commit()
    soup = check_page(client.get(f"/walks/{walk_uuid}/report?lang=en"))
    assert "Without category" in soup.get_text()
