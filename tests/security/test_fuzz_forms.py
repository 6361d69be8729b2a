"""Every form fuzzed with hostile strings: never a 500, a clear message, data kept as typed,
rendered escaped."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from survey.models import RateLimitCounter, User

from ..conftest import TEST_PASSWORD
from ..pages import check_page
from .crawl import client_for, login_cookie
from .fuzzing import fuzz_settings
from .hostile import HOSTILE, escaped, is_storable, text_values

FUZZ = fuzz_settings(25)
numbers = itertools.count(1)


def _error_messages(response) -> list[str]:
    """The error summary's messages; fails when a refused form does not say why."""
    soup = check_page(response)
    summary = soup.find(class_="error-summary")
    assert summary is not None, "a refused form must show an error summary"
    messages = [li.get_text(" ", strip=True) for li in summary.find_all("li")]
    assert messages, "the error summary lists no message"
    assert all(messages), "the error summary has an empty message"
    return messages


def _users(app) -> list[User]:
    with app.app_context():
        from survey.db import get_session

        return get_session().scalars(select(User).order_by(User.id)).all()


def _coordinator(app):
    with app.app_context():
        from survey.db import get_session
        from survey.models import Role
        from survey.services import users

        session = get_session()
        email = f"fuzz-coordinator-{next(numbers)}@example.org"
        users.create_user(
            session,
            app.extensions["password_hasher"],
            email=email,
            name="Koordination",
            password=TEST_PASSWORD,
            role=Role.COORDINATOR,
        )
        session.commit()
    return client_for(app, login_cookie(app, email))


@FUZZ
@given(name=text_values)
def test_new_person_name_is_stored_as_typed_and_rendered_escaped(app, name):
    client = _coordinator(app)
    before = len(_users(app))
    email = f"person-{next(numbers)}@example.org"
    response = client.post(
        "/users/new?lang=en",
        data={"name": name, "email": email, "role": "walk_leader", "password": TEST_PASSWORD},
    )
    assert response.status_code < 500
    acceptable = is_storable(name) and name.strip() and len(name) <= 120
    if not acceptable:
        assert response.status_code == 400
        assert _error_messages(response)
        assert len(_users(app)) == before, "a refused form stored something"
        return
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    stored = [u for u in _users(app) if u.email == email]
    assert [u.name for u in stored] == [name.strip()]
    page = client.get("/users/?lang=en")
    html = page.get_data(as_text=True)
    check_page(page)
    assert escaped(name.strip()) in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@FUZZ
@given(email=text_values)
def test_new_person_email_is_refused_clearly_or_stored_normalised(app, email):
    client = _coordinator(app)
    before = len(_users(app))
    response = client.post(
        "/users/new?lang=en",
        data={"name": "Fuzz", "email": email, "role": "coordinator", "password": TEST_PASSWORD},
    )
    assert response.status_code in {302, 400}, response.status_code
    if response.status_code == 400:
        assert _error_messages(response)
        assert len(_users(app)) == before
        return
    assert is_storable(email)
    assert email.strip().lower() in [u.email for u in _users(app)]
    html = client.get("/users/").get_data(as_text=True)
    assert escaped(email.strip().lower()) in html


@FUZZ
@given(email=text_values, password=text_values)
def test_login_with_hostile_input_is_refused_with_a_message(app, email, password):
    response = app.test_client().post("/login?lang=en", data={"email": email, "password": password})
    assert response.status_code in {400, 429}, response.status_code
    messages = _error_messages(response)
    clear = ("not right", "Enter", "Too many", "not allowed")
    assert any(word in m for m in messages for word in clear), messages
    assert "/dashboard" not in response.headers.get("Location", "")
    with app.app_context():
        from survey.db import get_session

        keys = get_session().scalars(select(RateLimitCounter.key)).all()
    # counters are keyed by an HMAC, never by the raw e-mail address or IP
    assert all(len(k) == 64 and set(k) <= set("0123456789abcdef") for k in keys)


@FUZZ
@given(new=text_values)
def test_password_change_keeps_any_valid_password_exactly(app, new):
    email = f"change-{next(numbers)}@example.org"
    with app.app_context():
        from survey.db import get_session
        from survey.models import Role
        from survey.services import users

        session = get_session()
        users.create_user(
            session,
            app.extensions["password_hasher"],
            email=email,
            name="P",
            password=TEST_PASSWORD,
            role=Role.WALK_LEADER,
        )
        session.commit()
    client = client_for(app, login_cookie(app, email))
    response = client.post(
        "/account/password?lang=en",
        data={"current": TEST_PASSWORD, "new": new, "confirm": new},
    )
    assert response.status_code < 500
    acceptable = is_storable(new) and new.strip() and 12 <= len(new) <= 200
    if not acceptable:
        assert response.status_code == 400
        assert _error_messages(response)
        return
    assert response.status_code == 302
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": email, "password": new}).status_code == 302


@fuzz_settings(15, too_slow_ok=False)
@given(current=st.sampled_from(HOSTILE))
def test_wrong_current_password_is_refused_for_hostile_values(app, current):
    email = f"wrong-{next(numbers)}@example.org"
    _coordinator(app)  # unrelated account, to be sure nothing leaks across
    with app.app_context():
        from survey.db import get_session
        from survey.models import Role
        from survey.services import users

        session = get_session()
        users.create_user(
            session,
            app.extensions["password_hasher"],
            email=email,
            name="P",
            password=TEST_PASSWORD,
            role=Role.WALK_LEADER,
        )
        session.commit()
    client = client_for(app, login_cookie(app, email))
    response = client.post(
        "/account/password?lang=en",
        data={"current": current, "new": TEST_PASSWORD + "!", "confirm": TEST_PASSWORD + "!"},
    )
    assert response.status_code == 400
    assert _error_messages(response)


def test_undecodable_bytes_and_broken_bodies_never_cause_a_500(app):
    client = _coordinator(app)
    bodies = [
        b"name=%FF%FE%00&email=a%40b.c&role=walk_leader&password=xxxxxxxxxxxxxxxxx",
        b"\xff\xfe\xfd" * 100,
        b"name=" + b"%" * 1000,
        b"role=admin&name=x&email=x%40y.z&password=" + b"y" * 20,
    ]
    for body in bodies:
        response = client.post(
            "/users/new", data=body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400, body[:40]
    response = client.post("/users/new", data=b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "x@y.z" not in [u.email for u in _users(app)], "an unknown role was stored"
