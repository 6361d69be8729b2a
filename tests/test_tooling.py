"""The test tooling itself: `make test` runs both databases, the PostgreSQL cluster fails
with a clear message when it cannot start."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from . import pg

ROOT = Path(__file__).resolve().parent.parent


def _engines_seen_by_pytest(tmp_path: Path, target: str) -> str:
    """Run a Makefile target with a stand-in Python that reports MITSPRACHE_TEST_ENGINES."""
    fake = tmp_path / "python"
    fake.write_text(
        '#!/bin/sh\n[ "$2" = pytest ] && echo "engines=[${MITSPRACHE_TEST_ENGINES-unset}]"\nexit 0\n'
    )
    fake.chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.touch()
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-o", "system-deps", "-o", str(stamp), target,
         f"PY={fake}", f"STAMP={stamp}"],
        env={"PATH": "/usr/bin:/bin", "MITSPRACHE_TEST_ENGINES": "sqlite"},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_make_test_runs_both_databases_whatever_the_environment_says(tmp_path):
    assert _engines_seen_by_pytest(tmp_path, "test") == "engines=[unset]"
    assert _engines_seen_by_pytest(tmp_path, "test-fast") == "engines=[sqlite]"


def test_root_without_a_postgres_user_is_told_what_to_do(monkeypatch):
    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(pg.os, "geteuid", lambda: 0)
    monkeypatch.setattr(pg.pwd, "getpwnam", no_such_user)
    with pytest.raises(pg.PostgresUnavailable, match="user `postgres`"):
        pg.start()


def test_an_initdb_that_cannot_run_is_a_clear_failure(monkeypatch, tmp_path):
    broken = tmp_path / "initdb"
    broken.write_text("not a program")  # not executable
    monkeypatch.setattr(pg, "_binary", lambda name: str(broken))
    monkeypatch.setattr(pg.os, "geteuid", lambda: 1000)
    with pytest.raises(pg.PostgresUnavailable, match="cannot be run"):
        pg.start()
