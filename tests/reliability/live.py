"""A real server for reliability tests: gunicorn, 2 workers, loopback, a free port.

The server runs in its own process group so a test can SIGKILL master and workers at once
(by the group id of the process it started, nothing else).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAST_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """gunicorn serving `app_spec` on DATABASE_URL; start(), kill(), stop(), log()."""

    def __init__(
        self,
        database_url: str,
        workdir: Path,
        *,
        workers: int = 2,
        config: dict | None = None,
        app_spec: str = "tests.reliability.live_app:app",
    ) -> None:
        self.database_url = database_url
        self.workdir = Path(workdir)
        self.workers = workers
        self.config = {"ARGON2": FAST_ARGON2, **(config or {})}
        self.app_spec = app_spec
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log_path = self.workdir / "gunicorn.log"
        self.starts = 0

    def start(self, timeout: float = 30) -> LiveServer:
        self.port = free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "live-test-secret",
            "MITSPRACHE_LIVE_CONFIG": json.dumps(self.config),
        }
        cmd = [
            sys.executable, "-m", "gunicorn",
            "--workers", str(self.workers),
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", "60",
            "--graceful-timeout", "2",
            "--error-logfile", str(self.log_path),
            "--log-level", "warning",
            "--preload",  # import once in the master; restarts after SIGKILL stay quick
            self.app_spec,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if request(self, "GET", "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout}s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL master and workers: no cleanup, no graceful shutdown, like a power cut."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str
    set_cookies: list[str] = field(default_factory=list)


@dataclass
class Browser:
    """A tiny HTTP client with its own cookies (one per simulated person)."""

    server: LiveServer
    cookies: dict[str, str] = field(default_factory=dict)
    state: dict = field(default_factory=dict)  # whatever a workload keeps per person

    def get(self, path: str) -> Reply:
        return self.open("GET", path)

    def post(self, path: str, data: dict | None = None) -> Reply:
        return self.open("POST", path, data or {})

    def open(self, method: str, path: str, data: dict | None = None) -> Reply:
        reply = request(self.server, method, path, data, self.cookies)
        for header in reply.set_cookies:
            for morsel in SimpleCookie(header).values():
                self.cookies[morsel.key] = morsel.value
        return reply

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.body)
        assert match, f"no CSRF token on {path} ({page.status})"
        return match.group(1)


def request(
    server: LiveServer,
    method: str,
    path: str,
    data: dict | None = None,
    cookies: dict[str, str] | None = None,
    timeout: float = 30,
) -> Reply:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    headers = {"Connection": "close"}
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        found = {k.lower(): v for k, v in response.getheaders()}
        return Reply(response.status, found, text, response.headers.get_all("Set-Cookie") or [])
    finally:
        conn.close()
