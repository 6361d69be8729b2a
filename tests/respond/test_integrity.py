"""Idempotency under concurrency, privacy of anonymous responses, one transaction per write."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

from sqlalchemy import event, func, select, text

from survey.models import Base, Response, ResponseStatus
from survey.services import responses

from .helpers import (
    ANSWERS,
    STORED_ROWS,
    answer_pages,
    begin,
    count_answers,
    count_responses,
    open_survey,
)


def _concurrently(app, times, request):
    """Send the same request from `times` clients at once; returns their status codes."""
    barrier = threading.Barrier(times)
    statuses, failures = [], []

    def worker():
        client = app.test_client()
        try:
            barrier.wait(timeout=10)
            statuses.append(request(client))
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return statuses


def test_same_client_uuid_sent_five_times_at_once_makes_one_response(app, db):
    open_survey(db)
    client_uuid = str(uuid.uuid4())
    statuses = _concurrently(
        app,
        5,
        lambda c: (
            c.post("/s/umfrage", data={"client_uuid": client_uuid, "consent": "yes"}).status_code
        ),
    )
    assert statuses == [302] * 5
    assert count_responses(db) == 1
    assert count_responses(db, client_uuid=client_uuid) == 1


def test_double_tapped_page_and_send_store_answers_once(app, db):
    open_survey(db)
    client_uuid = str(uuid.uuid4())
    start = {"client_uuid": client_uuid, "consent": "yes"}

    opener = app.test_client()
    assert opener.post("/s/umfrage", data=start).status_code == 302
    db.rollback()  # that request ran in this thread's app context: end its read transaction

    def answer_and_send(client):
        # five taps from the same browser: they share its response cookie
        for cookie in opener._cookies.values():
            client.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
        client.post("/s/umfrage", data=start)  # the same UUID: the same response
        client.post("/s/umfrage/q/themen", data=ANSWERS["themen"])
        client.post("/s/umfrage/q/wohnort", data=ANSWERS["wohnort"])
        return client.post("/s/umfrage/check").status_code

    statuses = _concurrently(app, 5, answer_and_send)
    assert statuses == [302] * 5
    assert count_responses(db) == 1
    assert count_responses(db, status=ResponseStatus.COMPLETE) == 1
    assert count_answers(db) == 3  # two topics and one area, not five times as many


def test_anonymous_response_keeps_no_ip_no_user_agent_and_only_the_day(app, db):
    open_survey(db, anonymous=True)
    ip, agent = "203.0.113.77", "SecretPhoneBrowser/9.9 (resident device)"
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": ip, "HTTP_USER_AGENT": agent})
    check_url, _ = answer_pages(client, begin(client, query="?lang=de"))
    client.post(check_url)
    assert count_answers(db) == STORED_ROWS

    for table in Base.metadata.sorted_tables:
        for row in db.execute(select(table)).all():
            flat = " ".join(str(value) for value in row)
            assert ip not in flat, table
            assert "SecretPhoneBrowser" not in flat, table
    columns = {c.name for t in Base.metadata.sorted_tables for c in t.columns}
    assert not {c for c in columns if "ip" == c or "agent" in c or c.endswith("_ip")}

    db.expire_all()
    response = db.scalars(select(Response)).one()
    for stamp in (response.started_at, response.updated_at, response.completed_at):
        assert (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0)


def test_named_survey_keeps_exact_times(db):
    survey = open_survey(db, anonymous=False)
    now = datetime(2026, 3, 27, 14, 35, 12, tzinfo=UTC)
    response = responses.start_response(db, survey, str(uuid.uuid4()), language="de", now=now)
    db.commit()
    assert response.started_at == now


def test_recording_a_response_twice_stores_it_once_and_changes_nothing(db):
    from survey.models import Answer, Channel
    from survey.questions import AnswerRow

    survey = open_survey(db, anonymous=False)
    first, second = survey.questions[0], survey.questions[1]
    client_uuid = str(uuid.uuid4())
    answers = {first: [AnswerRow(choice_id=first.choices[0].id)]}
    response_id, created = responses.record_response(
        db, survey, client_uuid, answers, language="de", channel=Channel.PAPER,
        now=datetime(2026, 3, 27, 14, 35, tzinfo=UTC),
    )  # fmt: skip
    db.commit()
    assert created
    # the same client UUID again (a resent form), now with other answers: nothing changes
    again = {second: [AnswerRow(choice_id=second.choices[0].id)]}
    assert responses.record_response(db, survey, client_uuid, again, language="en") == (
        response_id,
        False,
    )
    db.commit()
    db.expire_all()
    stored = db.scalars(select(Response)).one()
    assert (stored.id, stored.language, stored.channel) == (response_id, "de", Channel.PAPER)
    assert stored.status is ResponseStatus.COMPLETE
    assert stored.completed_at == datetime(2026, 3, 27, 14, 35, tzinfo=UTC)
    rows = db.execute(select(Answer.question_id, Answer.choice_id)).all()
    assert rows == [(first.id, first.choices[0].id)]


def test_failure_between_response_and_answers_stores_nothing(make_app, make_user):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        from survey.db import get_session

        survey = open_survey(get_session())
    user = make_user()
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": "correct horse battery staple"})

    engine = app.extensions["db_engine"]
    statements = []

    def broken(_conn, _cursor, statement, *_rest):
        # the response row is written (just before); the statement with its answers fails
        statements.append(statement)
        if statement.startswith("INSERT INTO answer"):
            raise RuntimeError("disk full")

    event.listen(engine, "before_cursor_execute", broken)
    try:
        reply = client.post(
            f"/builder/{survey.slug}/paper",
            data={"client_uuid": str(uuid.uuid4()), "language": "de", **ANSWERS["wohnort"]},
        )
    finally:
        event.remove(engine, "before_cursor_execute", broken)
    assert any(s.startswith("INSERT INTO response") for s in statements)
    assert any(s.startswith("INSERT INTO answer") for s in statements), "no fault injected"
    assert reply.status_code == 500
    with app.app_context():
        from survey.db import get_session

        session = get_session()
        assert session.execute(text("SELECT count(*) FROM response")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM answer")).scalar() == 0


def test_a_leaked_client_uuid_never_opens_someone_elses_answers(app, db):
    from .helpers import begin, open_survey

    open_survey(db)
    victim = app.test_client()
    first = begin(victim, query="?lang=en")
    assert victim.post(first, data={"q-wohnort": "altstadt"}).status_code == 302
    victim_uuid = db.scalar(select(Response.client_uuid))

    attacker = app.test_client()
    reply = attacker.post("/s/umfrage", data={"client_uuid": victim_uuid, "consent": "yes"})
    assert reply.status_code == 302
    db.expire_all()
    assert db.scalar(select(func.count(Response.id))) == 2, (
        "the attacker got a response of their own"
    )
    check = attacker.get("/s/umfrage/check?lang=en").get_data(as_text=True)
    assert "Altstadt" not in check
    assert "altstadt" not in check


def test_a_double_tap_on_start_still_finds_its_own_response(app, db):
    from .helpers import open_survey

    open_survey(db)
    client = app.test_client()
    page = client.get("/s/umfrage")
    uuid = page.get_data(as_text=True).split('name="client_uuid" value="')[1].split('"')[0]
    for _ in range(2):
        other_tab = app.test_client()  # the second tap arrives before the cookie
        assert (
            other_tab.post("/s/umfrage", data={"client_uuid": uuid, "consent": "yes"}).status_code
            == 302
        )
    db.expire_all()
    assert db.scalar(select(func.count(Response.id))) == 1
