"""Exports (CSV safe for spreadsheets, GeoJSON), the CLI, the protocol, the demo, coarsening."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select

from survey.models import (
    Choice,
    NeedCategory,
    Observation,
    Question,
    Role,
    Survey,
    SurveyKind,
    Walk,
)
from survey.services import demo, protocols, walks
from survey.walks.exports import safe_cell

from .pages import check_page
from .test_walks_flow import assert_rfc7946
from .walk_helpers import client_for, make_walk, observation_data


def test_csv_cells_cannot_start_a_formula(app, make_user):
    leader = make_user(Role.WALK_LEADER)
    walk_uuid = make_walk(app, leader, title='=HYPERLINK("http://evil")')
    client = client_for(app, leader)
    nasty = observation_data(note="=1+1", quote="+49 561 123", place_name="@SUM(A1)", alt_text="-2")
    assert client.post(f"/walks/{walk_uuid}/observations/new", data=nasty).status_code == 302
    response = client.get(f"/walks/{walk_uuid}/export.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["walk_title"] == '\'=HYPERLINK("http://evil")'
    assert (row["note"], row["quote"], row["place"]) == ("'=1+1", "'+49 561 123", "'@SUM(A1)")
    assert row["category_key"] == "kerb"
    assert row["severity"] == "3"
    for value in ["\tcmd", "\rcmd", "-1", "plain"]:
        assert safe_cell(value) == (value if value == "plain" else "'" + value)
    assert safe_cell(-1.5) == -1.5  # numbers stay numbers


def test_cli_exports_geojson_and_csv(app, make_user, tmp_path):
    leader = make_user(Role.WALK_LEADER)
    first = make_walk(app, leader, title="Erster")
    second = make_walk(app, leader, title="Zweiter")
    client = client_for(app, leader)
    for walk_uuid, lat in [(first, "51.31"), (second, "51.32")]:
        data = observation_data(latitude=lat, longitude="9.49")
        client.post(f"/walks/{walk_uuid}/observations/new", data=data)
    runner = app.test_cli_runner()

    out = tmp_path / "all.geojson"
    result = runner.invoke(args=["export-walks", "--format", "geojson", "--output", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_rfc7946(doc)
    assert sorted(f["geometry"]["coordinates"][1] for f in doc["features"]) == [51.31, 51.32]

    result = runner.invoke(args=["export-walks", "--format", "csv", "--walk", second])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert [r["walk_title"] for r in rows] == ["Zweiter"]

    missing = runner.invoke(args=["export-walks", "--format", "csv", "--walk", "nope"])
    assert missing.exit_code != 0
    assert "no walk" in missing.output


def test_default_protocol_has_the_checklist_mapped_to_needs(db):
    protocol = protocols.create_default_walk_protocol(db)
    db.commit()
    assert protocols.create_default_walk_protocol(db).id == protocol.id  # only once
    assert protocol.kind is SurveyKind.WALK_PROTOCOL
    assert protocol.is_open
    assert protocol.texts["title"]["de"] == "Rundgangsprotokoll Barrieren im Stadtteil"
    [question] = protocol.questions
    assert (question.key, question.type) == ("category", "single_choice")
    choices = protocols.checklist(db, protocol)
    assert len(choices) == 12
    needs = {n.id: n.key for n in db.scalars(select(NeedCategory))}
    mapped = {c.key: (needs[c.need_category_id], c.observation_kind) for c in choices}
    assert mapped["kerb"] == ("mobility", None)
    assert mapped["lighting"] == ("safety", None)
    assert mapped["signage"] == ("information", None)
    assert mapped["good_place"][1] == "good_place"
    assert mapped["idea"][1] == "idea"
    for choice in choices:
        assert {"de", "en"} <= choice.texts["label"].keys()
        assert choice.texts["label_easy"]["de"]


def test_demo_seeds_two_walks_once_and_their_pages_render(app, db):
    demo.seed_demo(db, app.extensions["password_hasher"])
    db.commit()
    demo.seed_demo(db, app.extensions["password_hasher"])
    db.commit()
    assert db.scalar(select(func.count(Walk.id))) == 2
    protocols = select(func.count(Survey.id)).where(Survey.kind == SurveyKind.WALK_PROTOCOL)
    assert db.scalar(protocols) == 1
    counts = db.scalar(select(func.count(Observation.id)))
    assert counts >= 14
    demo_walks = list(db.scalars(select(Walk)))
    assert len({w.area_id for w in demo_walks}) == 2
    assert all(w.leader_id == demo_walks[0].leader_id for w in demo_walks)
    located = db.scalar(select(func.count(Observation.id)).where(Observation.latitude.is_not(None)))
    assert 0 < located < counts
    protocol_choices = (
        select(func.count(Choice.id))
        .join(Question, Choice.question_id == Question.id)
        .join(Survey, Question.survey_id == Survey.id)
        .where(Survey.kind == SurveyKind.WALK_PROTOCOL)
    )
    assert db.scalar(protocol_choices) == 12

    client = app.test_client()
    client.post("/login", data={"email": "rundgang@example.org", "password": demo.DEMO_PASSWORD})
    for walk in demo_walks:
        check_page(client.get(f"/walks/{walk.uuid}?lang=en"))
        report = check_page(client.get(f"/walks/{walk.uuid}/report?lang=en"))
        assert report.select("figure.walk-plot svg circle")
        if not walk.is_closed:
            check_page(client.get(f"/walks/{walk.uuid}/observations/new?lang=en"))
    check_page(client.get("/walks/new?lang=en"))
    check_page(client.get("/dashboard?lang=de"))
    check_page(client.get("/walks/?lang=ar"))


def test_coarsen_hides_the_exact_position():
    lat, lon = 51.315123, 9.495851
    coarse = walks.coarsen(lat, lon)
    assert coarse != (lat, lon)
    assert abs(coarse[0] - lat) < 0.0025
    assert abs(coarse[1] - lon) < 0.004
    # everything in the same ~250 m cell lands on the same point
    assert walks.coarsen(lat + 0.0002, lon + 0.0002) == coarse


def test_service_worker_is_served_for_the_walk_scope(client, walk_leader):
    response = client.get("/walks/sw.js")
    assert response.status_code == 200
    assert response.headers["Service-Worker-Allowed"] == "/walks/"
    assert "javascript" in response.headers["Content-Type"]
    assert b'addEventListener("fetch"' in response.data
