"""The demo app on loopback for benchmarks: a fresh SQLite database, seeded, under gunicorn."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_database(folder: Path) -> str:
    """Create, migrate and seed a SQLite database in folder; return its URL."""
    from survey import create_app
    from survey.db import get_session, upgrade
    from survey.services import demo

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    upgrade(url)
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "UPLOAD_DIR": str(folder / "uploads")}
    )
    with app.app_context():
        session = get_session()
        demo.seed_demo(session, app.extensions["password_hasher"])
        session.commit()
    app.extensions["db_engine"].dispose()
    return url


def wait_until_up(url: str, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not come up within {timeout:.0f} s")


@contextmanager
def gunicorn_server(
    database_url: str | None = None, *, workers: int = 2, extra_env: dict | None = None
) -> Iterator[str]:
    """Serve wsgi:app under gunicorn on 127.0.0.1 (a seeded demo database unless one is
    given); yields the base URL and stops the server afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mitsprache-bench-"))
    try:
        url = database_url or demo_database(folder)
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "MITSPRACHE_UPLOAD_DIR": str(folder / "uploads"),
            "PYTHONPATH": str(ROOT),
            **(extra_env or {}),
        }
        command = [
            sys.executable, "-m", "gunicorn", "--chdir", str(ROOT),
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", "wsgi:app",
        ]  # fmt: skip
        process = subprocess.Popen(command, env=env, cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/healthz", process=process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
