"""Resident answers under load, duplicates, crashes and injected faults (responses.py)."""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event, func, select, text

from survey.db import get_session
from survey.models import Answer, Response, ResponseStatus, Role

from .data import add_survey, orphans
from .faults import stream_then_kill
from .live import Browser, request
from .test_live_staff import _integrity, _log_problems

ANSWERS_PER_RESPONSE = 5
PASSWORD = "live test password 2026"


def form(n: int, client_uuid: str | None = None) -> dict:
    return {
        "client_uuid": client_uuid or str(uuid.uuid4()),
        "q-wohnort": ["altstadt", "nord", "sued"][n % 3],
        "q-themen": [["wege", "info"], ["info", "licht"], ["wege", "licht"]][n % 3],
        "q-alter": str(20 + n % 60),
        "q-idee": f"Idee {n}: mehr Bänke 🪑 <script>x</script>",
    }


@pytest.fixture
def survey_db(make_app):
    """An open survey on the test database, and a coordinator for paper entry."""
    app = make_app()
    with app.app_context():
        session = get_session()
        add_survey(session)
        from survey.services import users

        users.create_user(
            session,
            app.extensions["password_hasher"],
            email="paper@example.org",
            name="Paper",
            password=PASSWORD,
            role=Role.COORDINATOR,
        )
        session.commit()
    return app


def _stored(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        complete = conn.scalar(
            select(func.count(Response.id)).where(Response.status == ResponseStatus.COMPLETE)
        )
        partial = conn.scalar(
            select(func.count(Response.id)).where(Response.status == ResponseStatus.PARTIAL)
        )
        answers = conn.scalar(select(func.count(Answer.id)))
    return complete, partial, answers


def test_eight_writers_times_250_store_exactly_2000_complete_responses(
    survey_db, live_server, engine
):
    server = live_server()
    statuses = Counter()
    lock = threading.Lock()

    def writer(w: int) -> None:
        for n in range(250):
            reply = request(server, "POST", "/__test__/record/umfrage", form(w * 1000 + n))
            with lock:
                statuses[reply.status] += 1

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(writer, w) for w in range(8)]:
            future.result()
    assert statuses == Counter({201: 2000}), statuses
    assert _stored(engine) == (2000, 0, 2000 * ANSWERS_PER_RESPONSE)
    assert orphans(engine) == 0
    assert _log_problems(server) == [], "database is locked or an exception in the server log"


def test_the_same_client_uuid_five_times_concurrently_stores_one_response(
    survey_db, live_server, engine
):
    """Five coordinators' browsers send the same paper form at the same moment."""
    server = live_server()
    browsers = []
    for _ in range(5):
        browser = Browser(server)
        token = browser.csrf_token("/login")
        login = {"csrf_token": token, "email": "paper@example.org", "password": PASSWORD}
        assert browser.post("/login", login).status == 302
        browser.state["token"] = browser.csrf_token("/builder/umfrage/paper")
        browsers.append(browser)
    same = form(7, str(uuid.uuid4()))
    barrier = threading.Barrier(5)

    def send(browser) -> int:
        barrier.wait()
        reply = browser.post(
            "/builder/umfrage/paper", {**same, "csrf_token": browser.state["token"]}
        )
        return reply.status

    with ThreadPoolExecutor(5) as pool:
        statuses = list(pool.map(send, browsers))
    assert statuses == [302] * 5, "every sender gets a success"
    assert _stored(engine) == (1, 0, ANSWERS_PER_RESPONSE)
    assert _log_problems(server) == []


def test_sigkill_during_submissions_ten_times_leaves_no_partial_response(
    survey_db, live_server, engine
):
    rng = random.Random(4)
    server = live_server()
    acknowledged = 0

    def make_writer(server, writer: int):
        def submit(n: int) -> bool:
            reply = request(server, "POST", "/__test__/record/umfrage", form(writer + n))
            return reply.status == 201

        return submit

    for round_no in range(10):
        acknowledged += stream_then_kill(server, make_writer, rng)
        assert _integrity(engine) == "ok", f"round {round_no}"
        complete, partial, answers = _stored(engine)
        assert partial == 0, f"round {round_no}: a partial response survived the crash"
        assert answers == complete * ANSWERS_PER_RESPONSE, f"round {round_no}: lost answers"
        assert complete >= acknowledged, f"round {round_no}: acknowledged responses were lost"
        server.start()
    assert request(server, "POST", "/__test__/record/umfrage", form(1)).status == 201
    assert acknowledged >= 30
    assert _log_problems(server) == []


def test_an_exception_between_response_and_answers_stores_nothing(survey_db, engine):
    app = survey_db
    app.config["PROPAGATE_EXCEPTIONS"] = False
    seen = []

    def fail_on_second_answer(_mapper, _connection, target):
        # the response row and the first answer are on their way; the second one fails
        seen.append(target)
        if len(seen) == 2:
            raise RuntimeError("disk full, injected")

    event.listen(Answer, "before_insert", fail_on_second_answer)
    client = app.test_client()
    reply = client.post("/login", data={"email": "paper@example.org", "password": PASSWORD})
    assert reply.status_code == 302
    try:
        reply = client.post("/builder/umfrage/paper?lang=en", data=form(3))
    finally:
        event.remove(Answer, "before_insert", fail_on_second_answer)
    assert len(seen) == 2
    assert reply.status_code == 500
    assert "Nothing you saved before is lost" in reply.get_data(as_text=True)
    assert _stored(engine) == (0, 0, 0), "a half-written response was kept"

    reply = client.post("/builder/umfrage/paper", data=form(3))
    assert reply.status_code == 302
    assert _stored(engine) == (1, 0, ANSWERS_PER_RESPONSE)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM response")).scalar() == 1
