"""The live-server harness on staff endpoints that write (failed logins count rate-limit
hits in the database): concurrency, idempotent counting, SIGKILL mid-stream."""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select, text

from survey.models import RateLimitCounter

from .faults import stream_then_kill
from .live import Browser

WRONG = "not the right password at all"
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
    with engine.connect() as conn:
        return list(conn.execute(select(RateLimitCounter.count)).scalars())


def test_eight_concurrent_writers_lose_nothing(live_server, engine):
    # the resident submission version of this test (tests/reliability/test_live_responses.py)
    # runs the full 8 × 250; here the staff login proves the harness at 8 × 60
    server = live_server()
    statuses, lock = Counter(), threading.Lock()
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(_failed_logins, server, w, 60, statuses, lock) for w in range(8)]
        for future in futures:
            future.result()
    assert statuses == Counter({400: 480}), statuses
    counts = _counters(engine)
    assert len(counts) == 480, "every failed login is counted in its own row"
    assert set(counts) == {1}
    assert _log_problems(server) == []


def test_the_same_key_five_times_concurrently_counts_five(live_server, engine):
    server = live_server()
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
    server = live_server()
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
        server.start()
        assert Browser(server).get("/healthz").status == 200
    assert server.starts == 4
    assert acknowledged >= 9
    assert _log_problems(server) == []
