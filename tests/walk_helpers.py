"""Helpers for the walk tests: logged-in clients, walks made through the services, photos."""

from __future__ import annotations

import io
import uuid
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from survey.db import get_session
from survey.models import Role, User, Walk
from survey.services import protocols, taxonomy, walks

from .conftest import TEST_PASSWORD

GPS_IFD = 0x8825


def client_for(app: Flask, user: User) -> FlaskClient:
    """A separate test client logged in as `user`."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def make_walk(app: Flask, leader: User, **fields) -> str:
    """Plan a walk for `leader` through the service; returns its UUID."""
    with app.app_context():
        session = get_session()
        taxonomy.seed_areas(session)
        protocol = protocols.create_default_walk_protocol(session)
        walk = walks.save_walk(
            session,
            None,
            title=fields.pop("title", "Rundgang Test"),
            protocol_id=protocol.id,
            leader_id=leader.id,
            walk_date=fields.pop("walk_date", date(2026, 5, 14)),
            use_location=fields.pop("use_location", True),
            **fields,
        )
        session.commit()
        return walk.uuid


def find_walk(app: Flask, walk_uuid: str) -> Walk:
    with app.app_context():
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        from survey.models import Observation

        session = get_session()
        walk = session.scalar(
            select(Walk)
            .where(Walk.uuid == walk_uuid)
            .options(selectinload(Walk.observations).selectinload(Observation.photos))
        )
        session.expunge_all()
        return walk


def jpeg_with_gps(size=(1200, 900), orientation: int | None = None) -> bytes:
    """A JPEG whose EXIF carries a GPS position, a camera make and an orientation."""
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 3))  # so rotation shows
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Industries"  # Make
    exif[0x0110] = "Model X-1000"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 18.0, 45.72)
    gps[3] = "E"
    gps[4] = (9.0, 29.0, 47.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_bytes(size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def observation_data(**overrides) -> dict:
    data = {
        "client_uuid": str(uuid.uuid4()),
        "category": "kerb",
        "kind": "barrier",
        "severity": "3",
        "note": "Bordstein 8 cm hoch, keine Absenkung.",
        "quote": "Da komme ich allein nicht runter.",
        "place_name": "Marktgasse, Ecke Kirchplatz",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def leader(make_user, name="Murat") -> User:
    return make_user(Role.WALK_LEADER, name=name)
