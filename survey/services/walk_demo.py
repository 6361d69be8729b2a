"""Two demo walks with realistic observations, led by the demo walk leader (idempotent)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, Observation, ObservationKind, User, Walk, WalkStatus
from . import protocols

NAMESPACE = uuid.UUID("5b0f6a52-3a52-4b7e-9d0e-6f6d1f0c7a11")

# category, severity, note, quote, place, latitude, longitude, accuracy in metres
ALTSTADT = [
    ("kerb", 3, "Bordstein an der Querung etwa 8 cm hoch, keine Absenkung.",
     "Hier komme ich mit dem Rollstuhl nur rückwärts und mit Hilfe runter.",
     "Marktgasse, Ecke Kirchplatz", 51.31512, 9.49585, 6),
    ("steps", 3, "Drei Stufen zum Eingang des Bürgerbüros, keine Rampe, Klingel nicht erreichbar.",
     "Wie soll ich da meinen Ausweis abholen?", "Bürgerbüro, Rathausplatz 2", 51.31468, 9.49712, 8),
    ("pavement", 2, "Gehweg durch Tische und Stühle des Cafés auf etwa 80 cm verengt.", "",
     "Obere Königsstraße, vor dem Café", 51.31551, 9.49498, 10),
    ("tactile", 2, "Keine Bodenindikatoren an der Haltestelle, die Leitlinie endet vor dem Wartehäuschen.",
     "Ich finde die Tür vom Bus nur, wenn mich jemand ruft.", "Haltestelle Rathaus",
     51.31430, 9.49640, 5),
    ("toilet", 3, "Öffentliche Toilette nur über zwei Stufen erreichbar, keine Toilette mit Euroschlüssel.",
     "", "Marktplatz", 51.31495, 9.49605, 6),
    ("bench", 1, "Auf 400 m keine Sitzgelegenheit, mittags pralle Sonne.",
     "Ich muss mich alle 200 Meter hinsetzen.", "Fußweg zum Friedhof", 51.31390, 9.49820, 12),
    ("signage", 1, "Wegweiser zur Stadtbibliothek zu klein und mit wenig Kontrast.", "",
     "Kirchplatz", 51.31535, 9.49660, 9),
    ("good_place", None, "Neuer stufenloser Eingang mit automatischer Tür und Handlauf.",
     "Hier fühle ich mich willkommen.", "Stadtbibliothek", 51.31578, 9.49702, 7),
    ("idea", None, "Eine Bank mit Armlehnen auf halbem Weg zum Friedhof aufstellen.",
     "Eine Bank mit Lehne würde mir schon reichen.", "Friedhofsweg", None, None, None),
]  # fmt: skip

BAHNHOF = [
    ("crossing", 3, "Ampel zu kurz grün, kein Tonsignal für blinde Menschen.",
     "Bis zur Mitte ist es schon wieder rot.", "Querung Kurfürstenstraße", 51.31810, 9.48950, 8),
    ("lighting", 2, "Unterführung schlecht beleuchtet, zwei Lampen defekt.",
     "Abends gehe ich hier nicht mehr durch.", "Unterführung zu Gleis 1", 51.31860, 9.48880, 15),
    ("noise", 1, "Dauerlärm von Baustelle und Busbahnhof, Durchsagen kaum zu verstehen.", "",
     "Busbahnhof", 51.31790, 9.48990, 10),
    ("signage", 2, "Fahrplanaushang zu hoch und nur auf Deutsch.",
     "Ich kann das nicht lesen. Die Schrift ist so klein.", "Bahnhofsvorplatz",
     51.31835, 9.49010, 9),
    ("pavement", 2, "E-Scooter stehen auf dem Leitstreifen für blinde Menschen.", "",
     "Bahnhofsvorplatz, Ausgang Nord", 51.31845, 9.48960, 6),
    ("good_place", None, "Der Aufzug zu den Gleisen funktioniert, die Ansage ist klar.",
     "Der Aufzug ist super. Hoffentlich bleibt das so.", "Aufzug Gleis 2", 51.31870, 9.48920, 5),
    ("idea", None, "Eine Tafel mit Piktogrammen und mehreren Sprachen am Eingang.",
     "Bilder würden allen helfen.", "Haupteingang", None, None, None),
]  # fmt: skip

WALKS = [
    {
        "key": "altstadt", "title": "Rundgang Altstadt mit dem Seniorenbeirat",
        "date": date(2026, 5, 14), "meeting_point": "Marktplatz, am Brunnen",
        "route": "Marktplatz – Kirchplatz – Rathaus – Obere Königsstraße – Friedhofsweg",
        "participants": {"wheelchair_user": 2, "walking_aid": 1, "blind": 1, "senior": 4},
        "observations": ALTSTADT, "closed": True,
    },
    {
        "key": "bahnhof", "title": "Rundgang rund um den Bahnhof",
        "date": date(2026, 6, 3), "meeting_point": "Bahnhofsvorplatz, vor dem Haupteingang",
        "route": "Haupteingang – Busbahnhof – Unterführung – Kurfürstenstraße",
        "participants": {"wheelchair_user": 1, "learning_difficulty": 3, "pram": 2,
                         "language": 2, "resident": 3},
        "observations": BAHNHOF, "closed": False,
    },
]  # fmt: skip


def _observation(walk: Walk, index: int, row: tuple, choices: dict, start: datetime):
    category, severity, note, quote, place, lat, lon, accuracy = row
    choice = choices[category]
    return Observation(
        walk_id=walk.id,
        client_uuid=str(uuid.uuid5(NAMESPACE, f"{walk.uuid}/{index}")),
        category_id=choice.id,
        need_category_id=choice.need_category_id,
        kind=ObservationKind(choice.observation_kind or "barrier"),
        severity=severity,
        note=note,
        quote=quote,
        place_name=place,
        latitude=lat,
        longitude=lon,
        accuracy_m=accuracy,
        observed_at=start + timedelta(minutes=9 * index),
        created_by_id=walk.leader_id,
    )


def seed_demo_walks(session: Session, leader: User) -> int:
    """Create the demo walks that are missing; returns how many were added."""
    protocol = protocols.create_default_walk_protocol(session)
    choices = {c.key: c for c in protocols.checklist(session, protocol)}
    areas = {a.key: a.id for a in session.scalars(select(Area))}
    added = 0
    for spec in WALKS:
        walk_uuid = str(uuid.uuid5(NAMESPACE, spec["key"]))
        if session.scalar(select(Walk.id).where(Walk.uuid == walk_uuid)) is not None:
            continue
        walk = Walk(
            uuid=walk_uuid, protocol_id=protocol.id, area_id=areas.get(spec["key"]),
            leader_id=leader.id, title=spec["title"], walk_date=spec["date"],
            meeting_point=spec["meeting_point"], route=spec["route"],
            participants=spec["participants"], settings={"use_location": True},
            status=WalkStatus.PLANNED,
        )  # fmt: skip
        session.add(walk)
        session.flush()
        start = datetime.combine(spec["date"], datetime.min.time(), UTC) + timedelta(hours=8)
        for index, row in enumerate(spec["observations"]):
            session.add(_observation(walk, index, row, choices, start))
        if spec["closed"]:
            walk.status = WalkStatus.CLOSED
            walk.closed_at = start + timedelta(hours=3)
        added += 1
    session.flush()
    return added
