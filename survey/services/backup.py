"""Backup and restore of a SQLite database with SQLite's online backup API.

The online backup copies a consistent snapshot while the server keeps answering: in WAL mode
readers never block writers, so residents can go on submitting during a backup. PostgreSQL
deployments use pg_dump / pg_restore instead (see docs/operations.md).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


POSTGRES_HINT = (
    "This database is PostgreSQL. Use PostgreSQL's own tools instead: "
    "`pg_dump --format=custom --file=mitsprache.dump DATABASE` to back up and "
    "`pg_restore --clean --if-exists --dbname=DATABASE mitsprache.dump` to restore "
    "(see docs/operations.md, section Backups)."
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    schema_revision: str | None
    tables: dict[str, int]


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; refuses other engines with a pointer to pg_dump."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if parsed.get_backend_name() == "postgresql":
            raise BackupError(POSTGRES_HINT)
        raise BackupError(f"Backups of {parsed.get_backend_name()} databases are not supported.")
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    return Path(parsed.database)


def _connect(path: Path, *, must_exist: bool = True) -> sqlite3.Connection:
    if must_exist and not path.is_file():
        raise BackupError(f"There is no database file at {path}.")
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _check(conn: sqlite3.Connection, label: str) -> None:
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{label} is not a readable SQLite database ({exc}).") from None
    if result != [("ok",)]:
        problems = "; ".join(row[0] for row in result[:5])
        raise BackupError(f"{label} failed SQLite's integrity check: {problems}")


def describe(path: Path) -> BackupInfo:
    """Size, schema revision and row count per table of a SQLite file."""
    conn = _connect(path)
    try:
        _check(conn, str(path))
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        tables = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
        revision = None
        if "alembic_version" in names:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        conn.close()
    return BackupInfo(path, path.stat().st_size, revision, tables)


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    """Copy `source` into a new file next to `target_path`, check it, then move it into place."""
    target_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".sqlite3", dir=target_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            # pages=-1: one step, so the copy is one consistent snapshot even while others write
            source.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            _check(dest, "The copy")
        finally:
            dest.close()
        os.chmod(tmp, 0o600)  # the voices of residents: readable by the service account only
        os.replace(tmp, target_path)
    finally:
        tmp.unlink(missing_ok=True)


def backup_database(url: str, target: Path) -> BackupInfo:
    """Write a consistent copy of the live SQLite database at `url` to `target`."""
    source_path = sqlite_path(url)
    target = Path(target)
    if target.resolve() == source_path.resolve():
        raise BackupError("The backup file must not be the database itself.")
    source = _connect(source_path)
    try:
        _copy(source, target)
    finally:
        source.close()
    return describe(target)


def restore_database(url: str, backup_file: Path, known_revisions: set[str]) -> BackupInfo:
    """Replace the SQLite database at `url` with the content of `backup_file`.

    The backup is checked first (integrity, Mitsprache schema, a revision this version knows);
    a bad file leaves the current database untouched.
    """
    target_path = sqlite_path(url)
    backup_file = Path(backup_file)
    info = describe(backup_file)
    if "alembic_version" not in info.tables:
        raise BackupError(f"{backup_file} is not a Mitsprache backup (it has no schema version).")
    if info.schema_revision not in known_revisions:
        raise BackupError(
            f"{backup_file} has schema revision {info.schema_revision!r}, which this version "
            "of Mitsprache does not know. Restore it with the version that made it."
        )
    source = _connect(backup_file)
    try:
        if target_path.exists():
            # copy into the live file page by page, under SQLite's locks: open connections
            # of a running server see the restored data on their next transaction
            dest = _connect(target_path)
            try:
                source.backup(dest, pages=-1)
                _check(dest, "The restored database")
            finally:
                dest.close()
        else:
            _copy(source, target_path)
    finally:
        source.close()
    return describe(target_path)
