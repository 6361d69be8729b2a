"""Live-server fixtures: gunicorn with 2 workers on the test database (SQLite WAL or PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from .live import LiveServer


@pytest.fixture
def live_server(database_url, tmp_path):
    """Start with `live_server(config=...)`; every server started is stopped afterwards."""
    started: list[LiveServer] = []

    def start(**kw) -> LiveServer:
        server = LiveServer(database_url, tmp_path, **kw).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    engine.dispose()
