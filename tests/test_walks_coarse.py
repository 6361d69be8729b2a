"""Location privacy: the coarse export for public maps (pages and CLI) holds no exact
position, no accuracy, no note, quote or typed place; the exact one says it is for staff.
And the printed report, photos included."""

from __future__ import annotations

import csv
import io
import json

from survey.models import Role
from survey.services import walks

from .pages import check_page
from .test_walks_flow import assert_rfc7946
from .walk_helpers import client_for, jpeg_with_gps, make_walk, observation_data

SECRETS = ["Vor dem Haus Nr. 12", "Frau K. wohnt hier", "Ich komme hier nie rüber"]
EXACT = (51.315123, 9.495851)


def _walk_with_secrets(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader, title="Rundgang Nord")
    client = client_for(app, leader)
    located = observation_data(
        latitude=str(EXACT[0]), longitude=str(EXACT[1]), accuracy_m="4",
        place_name=SECRETS[0], note=SECRETS[1], quote=SECRETS[2],
    )  # fmt: skip
    unlocated = observation_data(category="steps", severity="1", note="Ohne Ort")
    for data in (located, unlocated):
        assert client.post(f"/api/v1/walks/{walk_uuid}/observations", data=data).status_code == 201
    return client, walk_uuid, located["client_uuid"]


def _assert_nothing_exact(text: str) -> None:
    for secret in [*SECRETS, "Ohne Ort", "51.315123", "9.495851", "accuracy_m", "note", "quote"]:
        assert secret not in text, secret


def test_coarse_exports_hold_no_exact_place_or_words(app, make_user):
    client, walk_uuid, located_uuid = _walk_with_secrets(app, make_user)
    coarse = walks.coarsen(*EXACT)
    for url in (f"/walks/{walk_uuid}/export", "/walks/export"):
        geo = client.get(f"{url}.geojson?places=coarse")
        assert geo.status_code == 200
        assert "ungefaehr" in geo.headers["Content-Disposition"]
        text = geo.get_data(as_text=True)
        _assert_nothing_exact(text)
        doc = json.loads(text)
        assert_rfc7946(doc)
        by_id = {f["id"]: f for f in doc["features"]}
        assert by_id[located_uuid]["geometry"]["coordinates"] == [coarse[1], coarse[0]]
        assert len(doc["features"]) == 2
        assert by_id[located_uuid]["properties"]["category_key"] == "kerb"

        table = client.get(f"{url}.csv?places=coarse").get_data(as_text=True)
        _assert_nothing_exact(table)
        rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
        assert len(rows) == 2
        located = next(r for r in rows if r["observation"] == located_uuid)
        assert (float(located["latitude"]), float(located["longitude"])) == coarse
        assert located["severity"] == "3"

    # the exact export still has everything, for staff
    exact = client.get(f"/walks/{walk_uuid}/export.geojson").get_data(as_text=True)
    for secret in SECRETS:
        assert secret in exact


def test_cli_writes_the_coarse_export(app, make_user, tmp_path):
    _client, walk_uuid, located_uuid = _walk_with_secrets(app, make_user)
    runner = app.test_cli_runner()
    out = tmp_path / "public.geojson"
    result = runner.invoke(
        args=["export-walks", "--format", "geojson", "--coarse", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    _assert_nothing_exact(text)
    [feature] = [f for f in json.loads(text)["features"] if f["id"] == located_uuid]
    assert feature["geometry"]["coordinates"] == list(reversed(walks.coarsen(*EXACT)))
    table = runner.invoke(args=["export-walks", "--format", "csv", "--coarse", "--walk", walk_uuid])
    assert table.exit_code == 0, table.output
    _assert_nothing_exact(table.output)
    exact = runner.invoke(args=["export-walks", "--format", "csv", "--walk", walk_uuid])
    assert SECRETS[1] in exact.output


def test_csv_names_the_severity_and_the_kind_in_words(app, make_user):
    client, walk_uuid, located_uuid = _walk_with_secrets(app, make_user)
    table = client.get(f"/walks/{walk_uuid}/export.csv?lang=en").get_data(as_text=True)
    rows = {r["observation"]: r for r in csv.DictReader(io.StringIO(table.lstrip("\ufeff")))}
    located = rows[located_uuid]
    assert (located["severity"], located["severity_label"]) == ("3", "Blocks")
    assert located["kind_label"] == "Barrier"
    [other] = [r for r in rows.values() if r["observation"] != located_uuid]
    assert (other["severity"], other["severity_label"]) == ("1", "Minor")


def test_pages_offer_both_exports_and_say_which_is_for_staff(app, make_user):
    client, walk_uuid, _ = _walk_with_secrets(app, make_user)
    for path, prefix in [
        ("/walks/?lang=en", "/walks/export."),
        (f"/walks/{walk_uuid}/report?lang=en", f"/walks/{walk_uuid}/export."),
    ]:
        soup = check_page(client.get(path))
        links = {a["href"]: a.get_text(" ", strip=True) for a in soup.select("a[download]")}
        assert set(links) == {
            f"{prefix}geojson", f"{prefix}csv",
            f"{prefix}geojson?places=coarse", f"{prefix}csv?places=coarse",
        }  # fmt: skip
        assert "exact places" in links[f"{prefix}geojson"]
        assert "approximate places" in links[f"{prefix}geojson?places=coarse"]
        text = soup.get_text(" ", strip=True)
        assert "Staff only" in text
        assert "do not publish them" in text


def test_report_photos_load_at_once_so_that_they_are_printed(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader)
    client = client_for(app, leader)
    data = observation_data()
    data["photos"] = (io.BytesIO(jpeg_with_gps()), "IMG_0001.JPG")
    response = client.post(
        f"/api/v1/walks/{walk_uuid}/observations", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 201
    report = check_page(client.get(f"/walks/{walk_uuid}/report?lang=en"))
    [photo] = report.select("main img[src*='/walks/photos/']")
    assert not photo.has_attr("loading")
    walk_page = check_page(client.get(f"/walks/{walk_uuid}?lang=en"))
    [photo] = walk_page.select("main img[src*='/walks/photos/']")
    assert photo["loading"] == "lazy"  # on screen, photos further down load when needed
