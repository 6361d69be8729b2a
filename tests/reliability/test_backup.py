"""`mitsprache backup` / `restore`: a consistent copy while residents keep answering."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time

import pytest
from sqlalchemy import create_engine

from survey import create_app
from survey.db import get_session, make_engine

from . import data


@pytest.fixture
def sqlite_app(sqlite_template, tmp_path):
    """An app on its own migrated SQLite file (backups are a SQLite feature)."""
    path = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, path)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{path}"})
    yield app
    app.extensions["db_engine"].dispose()


def _seed(app, responses: int = 50) -> tuple[int, dict]:
    with app.app_context():
        session = get_session()
        survey = data.add_survey(session)
        questions = data.question_map(session, survey)
        session.commit()
        survey_id = survey.id
    engine = app.extensions["db_engine"]
    for n in range(responses):
        with engine.begin() as conn:
            data.write_response(conn, survey_id, questions, n)
    return survey_id, questions


def _run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input, catch_exceptions=False)


def test_backup_while_another_thread_writes_is_consistent_and_restores_identically(
    sqlite_app, tmp_path
):
    survey_id, questions = _seed(sqlite_app)
    live_url = sqlite_app.config["DATABASE_URL"]
    writer_engine = make_engine(live_url)
    stop = threading.Event()
    written = []
    errors = []

    def writer():
        n = 1000
        try:
            while not stop.is_set():
                with writer_engine.begin() as conn:
                    data.write_response(conn, survey_id, questions, n)
                written.append(n)
                n += 1
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:  # make sure the backup overlaps with writes
            time.sleep(0.01)
        backups = []
        for i in range(3):
            target = tmp_path / f"backup-{i}.sqlite3"
            result = _run(sqlite_app, "backup", str(target))
            assert result.exit_code == 0, result.output
            assert "Backup written and checked." in result.output
            backups.append(target)
    finally:
        stop.set()
        thread.join()
        writer_engine.dispose()
    assert not errors, errors
    assert len(written) > 20

    counts = []
    for target in backups:
        engine = create_engine(f"sqlite:///{target}")
        assert engine.connect().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert data.orphans(engine) == 0, "a backup holds a response without all its answers"
        counts.append(data.table_digest(engine)["response"][0])
        engine.dispose()
    assert counts[0] >= 50
    assert counts == sorted(counts), "later backups must hold at least what earlier ones did"
    assert (tmp_path / "backup-0.sqlite3").stat().st_mode & 0o777 == 0o600

    # restore the last backup into a fresh file through the command
    fresh = tmp_path / "fresh" / "restored.sqlite3"
    restored_app = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{fresh}"}
    )
    result = _run(restored_app, "restore", str(backups[-1]))
    assert result.exit_code == 0, result.output
    assert "Database restored and checked." in result.output
    restored_app.extensions["db_engine"].dispose()

    backup_engine = create_engine(f"sqlite:///{backups[-1]}")
    restored_engine = create_engine(f"sqlite:///{fresh}")
    assert data.table_digest(restored_engine) == data.table_digest(backup_engine)
    assert data.choice_counts(restored_engine) == data.choice_counts(backup_engine)
    assert len(data.choice_counts(restored_engine)) == 6
    backup_engine.dispose()
    restored_engine.dispose()


def test_restore_over_existing_data_asks_first_and_replaces_everything(sqlite_app, tmp_path):
    _seed(sqlite_app, responses=10)
    target = tmp_path / "backup.sqlite3"
    assert _run(sqlite_app, "backup", str(target)).exit_code == 0
    engine = sqlite_app.extensions["db_engine"]
    before = data.table_digest(engine)
    _seed_more = create_engine(sqlite_app.config["DATABASE_URL"])
    with _seed_more.begin() as conn:
        conn.exec_driver_sql("DELETE FROM answer")
        conn.exec_driver_sql("DELETE FROM response")
    _seed_more.dispose()
    assert data.table_digest(engine)["response"][0] == 0

    refused = _run(sqlite_app, "restore", str(target), input="n\n")
    assert refused.exit_code == 1
    assert "replaces ALL data" in refused.output
    assert data.table_digest(engine)["response"][0] == 0, "a refused restore changed data"

    result = _run(sqlite_app, "restore", str(target), input="y\n")
    assert result.exit_code == 0, result.output
    engine.dispose()  # the pool must not hand out connections with stale page caches
    assert data.table_digest(engine) == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_restore_refuses_a_file_that_is_not_a_mitsprache_backup(sqlite_app, tmp_path):
    _seed(sqlite_app, responses=3)
    engine = sqlite_app.extensions["db_engine"]
    before = data.table_digest(engine)

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x17" * 5000)
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    future = tmp_path / "future.sqlite3"
    assert _run(sqlite_app, "backup", str(future)).exit_code == 0
    conn = sqlite3.connect(future)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()

    expected = {
        garbage: "not a readable SQLite database",
        foreign: "is not a Mitsprache backup",
        future: "does not know",
    }
    for path, message in expected.items():
        result = _run(sqlite_app, "restore", str(path), "--yes")
        assert result.exit_code == 1, result.output
        assert message in result.output
    assert data.table_digest(engine) == before


def test_backup_refuses_to_overwrite_the_database_itself(sqlite_app):
    path = sqlite_app.config["DATABASE_URL"].removeprefix("sqlite:///")
    result = _run(sqlite_app, "backup", path)
    assert result.exit_code == 1
    assert "must not be the database itself" in result.output


def test_backup_and_restore_on_postgresql_point_to_pg_dump(pg_database, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": pg_database})
    for args in (["backup", str(tmp_path / "x.sqlite3")], ["restore", __file__, "--yes"]):
        result = _run(app, *args)
        assert result.exit_code == 1
        assert "pg_dump" in result.output
        assert "docs/operations.md" in result.output
    assert not (tmp_path / "x.sqlite3").exists()
    app.extensions["db_engine"].dispose()
