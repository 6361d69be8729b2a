"""Crawl every route of the app as anonymous, walk leader and coordinator.

Routes come from `app.url_map`, so each route a feature adds is crawled without anyone
remembering to add it here. URL parameters are filled with real objects (a survey, a walk of
*another* walk leader, a photo, a response) so per-object checks are exercised, not only 404s.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule

from survey.db import get_session
from survey.models import (
    Answer,
    Observation,
    Photo,
    Response,
    ResponseStatus,
    Role,
    Survey,
    SurveyKind,
    User,
    Walk,
)
from survey.services import storage, users

from ..conftest import TEST_PASSWORD
from ..factories import ALL_TYPES, make_survey, texts

ANONYMOUS, WALK_LEADER, COORDINATOR = "anonymous", "walk_leader", "coordinator"
ROLES = (ANONYMOUS, WALK_LEADER, COORDINATOR)
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
COOKIE = "mitsprache_session"


@dataclass
class World:
    """Objects the crawl points its URL parameters at; and the logged-in cookies per role."""

    params: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str | None] = field(default_factory=dict)
    other_leader_id: int = 0


def _add_user(session, hasher, role: Role, email: str) -> User:
    return users.create_user(
        session, hasher, email=email, name=email.split("@")[0], password=TEST_PASSWORD, role=role
    )


def build_world(app: Flask) -> World:
    """Create a survey, a walk protocol, a walk with an observation and photo of another walk
    leader, a response, and log in one walk leader and one coordinator."""
    world = World()
    with app.app_context():
        session = get_session()
        hasher = app.extensions["password_hasher"]
        _add_user(session, hasher, Role.COORDINATOR, "coordinator@example.org")
        _add_user(session, hasher, Role.WALK_LEADER, "leader@example.org")
        other = _add_user(session, hasher, Role.WALK_LEADER, "other-leader@example.org")
        survey = make_survey(session, "umfrage", ALL_TYPES)
        survey.publish()
        survey.public_results = True
        protocol = make_survey(
            session,
            "rundgang",
            [{"key": "kategorie", "type": "single_choice", "choices": ["weg", "licht"]}],
            kind=SurveyKind.WALK_PROTOCOL,
            texts=texts("Rundgang", "Walk"),
        )
        protocol.publish()
        walk = Walk(
            uuid=str(uuid.uuid4()),
            protocol_id=protocol.id,
            leader_id=other.id,
            title="Rundgang Altstadt",
            walk_date=date(2026, 5, 4),
        )
        session.add(walk)
        session.flush()
        observation = Observation(
            walk_id=walk.id,
            client_uuid=str(uuid.uuid4()),
            category_id=protocol.questions[0].choices[0].id,
            severity=2,
            note="Stufe",
        )
        session.add(observation)
        session.flush()
        photo = Photo(
            uuid=str(uuid.uuid4()),
            observation_id=observation.id,
            storage_key=storage.new_key("jpg"),
            media_type="image/jpeg",
            width=4,
            height=3,
            size_bytes=100,
        )
        session.add(photo)
        response = Response(
            survey_id=survey.id,
            client_uuid=str(uuid.uuid4()),
            language="de",
            status=ResponseStatus.COMPLETE,
        )
        first = survey.questions[1]
        response.answers = [Answer(question_id=first.id, choice_id=first.choices[0].id)]
        session.add(response)
        session.commit()
        world.other_leader_id = other.id
        world.params = {
            "slug": survey.slug,
            "survey_slug": survey.slug,
            "key": first.key,
            "question_key": first.key,
            "walk_uuid": walk.uuid,
            "observation_id": str(observation.id),
            "photo_uuid": photo.uuid,
            "response_uuid": response.client_uuid,
            "response_id": str(response.id),
            "survey_id": str(survey.id),
            "user_id": str(other.id),
            "walk_id": str(walk.id),
            "fmt": "csv",
            "format": "csv",
            "filename": "css/app.css",
            "lang": "en",
        }
    world.cookies = {
        ANONYMOUS: None,
        WALK_LEADER: login_cookie(app, "leader@example.org"),
        COORDINATOR: login_cookie(app, "coordinator@example.org"),
    }
    return world


def login_cookie(app: Flask, email: str) -> str:
    """Log in once through the form and return the session cookie value."""
    client = app.test_client()
    csrf_on = app.config.get("WTF_CSRF_ENABLED", True)
    data = {"email": email, "password": TEST_PASSWORD}
    if csrf_on:
        page = client.get("/login").get_data(as_text=True)
        data["csrf_token"] = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.get_cookie(COOKIE).value


def client_for(app: Flask, cookie: str | None):
    """A fresh client, logged in when a cookie is given (a logout in one request
    cannot leak into the next)."""
    client = app.test_client()
    if cookie:
        client.set_cookie(COOKIE, cookie, domain=app.config.get("SERVER_NAME") or "localhost")
    return client


def sample_path(rule: Rule, params: dict[str, str]) -> str:
    """The rule's path with each parameter replaced by a real object's value."""

    def fill(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        if name in params:
            return params[name]
        return "1" if converter in {"int", "int:"} or name.endswith("id") else "x"

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", fill, rule.rule)


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


def existing_objects(app: Flask) -> dict[str, int]:
    """Count of rows in the tables the crawl points at (for the report in failures)."""
    with app.app_context():
        session = get_session()
        return {
            model.__tablename__: len(session.scalars(select(model.id)).all())
            for model in (Survey, Walk, Observation, Photo, Response, User)
        }


def fetch(app: Flask, role_cookie: str | None, path: str, method: str = "GET", **kw):
    """One request with a fresh client; the body is read and the response closed (static
    files are streamed from disk)."""
    response = client_for(app, role_cookie).open(path, method=method, **kw)
    response.get_data()
    response.close()
    return response
