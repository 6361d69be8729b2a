"""Fixtures: an app per test on SQLite and on PostgreSQL, clients, users and helpers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import create_engine, text

from survey import create_app
from survey.db import upgrade
from survey.models import Base, Role, User
from survey.services import users

from . import pg

TEST_PASSWORD = "correct horse battery staple"

# Property tests draw the same examples on every `make test` (and in CI), so a run can be
# repeated and a red one read again; `make fuzz` explores new ones (tests/security/fuzzing.py).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("MITSPRACHE_FUZZ") == "explore" else "repeatable")
ENGINES = os.environ.get("MITSPRACHE_TEST_ENGINES", "sqlite,postgresql").split(",")


# --- databases -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    try:
        cluster = pg.start()
    except pg.PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated to head once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_database(pg_cluster) -> str:
    """One PostgreSQL database migrated to head once; tests empty it afterwards."""
    engine = create_engine(pg_cluster.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE mitsprache_test"))
    engine.dispose()
    url = pg_cluster.url_for("mitsprache_test")
    upgrade(url)
    return url


def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path) -> Iterator[str]:
    """The URL of an empty, migrated database: SQLite and PostgreSQL in turn."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("pg_database")
        yield url
        _truncate_all(url)


# --- app and clients -------------------------------------------------------------------------


@pytest.fixture
def make_app(database_url, tmp_path) -> Iterator[Callable[..., Flask]]:
    """Build an app on the test database; keyword arguments override config."""
    apps: list[Flask] = []

    def factory(**overrides) -> Flask:
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "SERVER_NAME": "localhost",
        }
        config.update(overrides)
        app = create_app(config)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.extensions["db_engine"].dispose()


@pytest.fixture
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def db(app):
    """A session on the test database inside an app context."""
    with app.app_context():
        from survey.db import get_session

        yield get_session()


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def factory(role: Role = Role.COORDINATOR, email: str | None = None, **kw) -> User:
        with app.app_context():
            from survey.db import get_session

            session = get_session()
            user = users.create_user(
                session,
                app.extensions["password_hasher"],
                email=email or f"person{next(counter)}@example.org",
                name=kw.get("name", "Test Person"),
                password=kw.get("password", TEST_PASSWORD),
                role=role,
            )
            session.commit()
            session.refresh(user)
            session.expunge(user)
            return user

    return factory


@pytest.fixture
def login(client, make_user) -> Callable[..., User]:
    """Create a user of the given role and log the test client in as them."""

    def do_login(role: Role = Role.COORDINATOR, **kw) -> User:
        user = make_user(role, **kw)
        response = client.post(
            "/login", data={"email": user.email, "password": kw.get("password", TEST_PASSWORD)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return do_login


@pytest.fixture
def coordinator(login) -> User:
    return login(Role.COORDINATOR)


@pytest.fixture
def walk_leader(login) -> User:
    return login(Role.WALK_LEADER)
