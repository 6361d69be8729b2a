"""Engine and one SQLAlchemy session per request; migrations live in survey/migrations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """Create an engine with the settings each backend needs for concurrent writers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the driver, open transactions (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A transaction that may write takes the write lock up front (IMMEDIATE), so writers
        # queue on busy_timeout instead of failing with "database is locked" when a reader
        # upgrades to a writer. GET and HEAD never write, so they read without the lock; so
        # does the read phase of a request that declared it (see read_first).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _may_write() -> bool:
    if not has_request_context():
        return True
    phase = g.get("db_phase")
    if phase is not None:
        return phase == "write"
    return request.method not in READ_METHODS


def read_first() -> None:
    """This request reads before it writes, and says so with write_now() before any write.

    On SQLite its reads then run without the database's single write lock, and the lock is
    held only from write_now() to the commit, so other requests are not kept waiting while
    this one checks its input and renders its page. (PostgreSQL is not affected.)
    """
    g.db_phase = "read"


def write_now() -> None:
    """End the read phase: commit what was read and let the next transaction take the
    write lock. Nothing may be pending in the session (the read phase only reads)."""
    if g.get("db_phase") == "write":
        return
    session = get_session()
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_now(): changes were made in the read phase")
    if session.get_bind().dialect.name == "sqlite":
        # the next transaction begins IMMEDIATE; on PostgreSQL the open one just goes on
        # (each statement sees what is committed), one round trip fewer
        session.commit()
    g.db_phase = "write"


def _after_commit(_session: Session) -> None:
    # once written, the request reads again (until its next write_now)
    if has_request_context() and g.get("db_phase") == "write":
        g.db_phase = "read"


def init_app(app: Flask) -> None:
    """Create the engine and session factory and close the session after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "after_commit", _after_commit)
    app.extensions["db_sessionmaker"] = factory
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """The session of the current request (or app context)."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def is_reachable() -> bool:
    """True when a trivial query succeeds."""
    try:
        with engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def schema_is_current() -> bool:
    """True when the database is at the newest migration (`mitsprache init-db` was run after
    the last upgrade of the code)."""
    from alembic.migration import MigrationContext

    try:
        with engine().connect() as conn:
            current = frozenset(MigrationContext.configure(conn).get_current_heads())
    except Exception:  # noqa: BLE001 - unreachable or unreadable: not current
        return False
    return current == _migration_heads()


@cache
def _migration_heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def conflict_insert(dialect: str):
    """The `insert` of this database's dialect, the one with ON CONFLICT (SQLite or
    PostgreSQL), for statements built once per dialect."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def alembic_config(url: str):
    """An Alembic config pointing at our migrations and the given database."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the database at `url` to the newest schema."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)
