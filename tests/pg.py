"""A throwaway PostgreSQL cluster on loopback for the test run (initdb + pg_ctl).

PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
A missing PostgreSQL is a failure with a clear message, never a skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if not found:
        raise PostgresUnavailable(
            f"PostgreSQL's `{name}` was not found. Install it (Debian: apt-get install postgresql); "
            "every database test runs on PostgreSQL too."
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    root: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                _binary("pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def _as_postgres_when_root() -> list[str]:
    """The command prefix that runs PostgreSQL's tools as `postgres` when we are root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "The tests run as root, and PostgreSQL refuses to run as root, so its test cluster "
            "runs as the user `postgres` — which does not exist here. Install PostgreSQL from "
            "the system packages (Debian: apt-get install postgresql creates the user), or run "
            "the tests as a normal user."
        ) from None
    if shutil.which("runuser") is None:
        raise PostgresUnavailable(
            "The tests run as root and need `runuser` (util-linux) to start PostgreSQL as the "
            "user `postgres`; install util-linux or run the tests as a normal user."
        )
    return ["runuser", "-u", "postgres", "--"]


def start() -> Cluster:
    """Start a fresh cluster in a temporary folder; returns it (call .stop() at the end)."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    as_user = _as_postgres_when_root()
    root = Path(tempfile.mkdtemp(prefix="mitsprache-pg-"))
    if as_user:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    data = root / "data"
    run = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            [*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--no-instructions", "--locale=C.UTF-8"],
            **run,
        )  # fmt: skip
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-o",
             f"-h 127.0.0.1 -p {port} -k {root} -F -c max_connections=200", "start"],
            **run,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(
            f"PostgreSQL did not start ({' '.join(exc.cmd[: len(as_user) + 1])}): "
            f"{exc.stderr}\n{log}"
        ) from exc
    except OSError as exc:  # the binary cannot be run at all (not executable, wrong format)
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"PostgreSQL's tools cannot be run: {exc}") from exc
    return Cluster(root, port, as_user)
