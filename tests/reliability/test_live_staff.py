"""The live-server harness on staff endpoints that write (failed logins count rate-limit
hits in the database): concurrency, idempotent counting, SIGKILL mid-stream."""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select, text

from survey.models import RateLimitCounter
from survey.services.ratelimit import client_key

from .faults import stream_then_kill
from .live import Browser

WRONG = "not the right password at all"
# every request comes from 127.0.0.1: its cap across addresses (against password spraying)
# is raised so the failed logins reach the per-address counters these tests look at, and
# that one counter of the client is checked on its own
NO_CLIENT_CAP = {"LOGIN_RATE_LIMIT_PER_CLIENT": [10**9, 900]}
CLIENT_KEY = client_key("live-test-secret", "login-client", "127.0.0.1")
FAILURE_SIGNS = ("database is locked", "Traceback", "Exception")


def _log_problems(server) -> list[str]:
    return [line for line in server.log().splitlines() if any(s in line for s in FAILURE_SIGNS)]


def _failed_logins(server, writer: int, count: int, statuses: Counter, lock) -> None:
    browser = Browser(server)
    token = browser.csrf_token("/login")
    for n in range(count):
        reply = browser.post(
            "/login?lang=en",
            {"csrf_token": token, "email": f"w{writer}-{n}@example.org", "password": WRONG},
        )
        with lock:
            statuses[reply.status] += 1
        assert "not right" in reply.body or reply.status >= 500, reply.body[:300]


def _counters(engine) -> list[int]:
    """The per-address counters (the client's counter across addresses left out)."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(RateLimitCounter.count).where(RateLimitCounter.key != CLIENT_KEY)
            ).scalars()
        )


def _client_counter(engine) -> int:
    with engine.connect() as conn:
        stmt = select(RateLimitCounter.count).where(RateLimitCounter.key == CLIENT_KEY)
        return sum(conn.execute(stmt).scalars())


def test_eight_concurrent_writers_lose_nothing(live_server, engine):
    # the resident submission version of this test (tests/reliability/test_live_responses.py)
    # runs the full 8 × 250; here the staff login proves the harness at 8 × 60
    server = live_server(config=NO_CLIENT_CAP)
    statuses, lock = Counter(), threading.Lock()
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(_failed_logins, server, w, 60, statuses, lock) for w in range(8)]
        for future in futures:
            future.result()
    assert statuses == Counter({400: 480}), statuses
    counts = _counters(engine)
    assert len(counts) == 480, "every failed login is counted in its own row"
    assert set(counts) == {1}
    assert _client_counter(engine) == 480, "and each once for the client"
    assert _log_problems(server) == []


def test_the_same_key_five_times_concurrently_counts_five(live_server, engine):
    server = live_server(config=NO_CLIENT_CAP)
    browsers = [Browser(server) for _ in range(5)]
    tokens = [b.csrf_token("/login") for b in browsers]
    barrier = threading.Barrier(5)

    def attempt(i: int) -> int:
        barrier.wait()
        form = {"csrf_token": tokens[i], "email": "same@example.org", "password": WRONG}
        return browsers[i].post("/login?lang=en", form).status

    with ThreadPoolExecutor(5) as pool:
        statuses = list(pool.map(attempt, range(5)))
    assert statuses == [400] * 5
    assert _counters(engine) == [5]
    assert _client_counter(engine) == 5
    assert _log_problems(server) == []


def _integrity(engine) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        # PostgreSQL: every table readable through its primary-key index and by a full scan
        for table in ("rate_limit_counter", "user_account", "response", "answer"):
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        return "ok"


def test_sigkill_mid_stream_keeps_the_counters_sound(live_server, engine):
    # three rounds prove the harness on staff writes; resident answers get the full ten
    # (tests/reliability/test_live_responses.py)
    rng = random.Random(8)
    server = live_server(config=NO_CLIENT_CAP)
    acknowledged = 0

    def make_writer(server, writer: int):
        browser = Browser(server)
        token = browser.csrf_token("/login")

        def submit(n: int) -> bool:
            email = f"s{server.starts}-w{writer}-{n}@example.org"
            form = {"csrf_token": token, "email": email, "password": WRONG}
            return browser.post("/login", form).status == 400

        return submit

    for round_no in range(3):
        acknowledged += stream_then_kill(server, make_writer, rng)
        assert _integrity(engine) == "ok", f"round {round_no}"
        counts = _counters(engine)
        # every acknowledged request was committed before its answer was sent
        assert len(counts) >= acknowledged, f"round {round_no}: acknowledged writes were lost"
        assert set(counts) == {1}, "a counter was half-written"
        assert _client_counter(engine) == len(counts), "the client's counter agrees"
        server.start()
        assert Browser(server).get("/healthz").status == 200
    assert server.starts == 4
    assert acknowledged >= 9
    assert _log_problems(server) == []
