"""Logging in and out, rate limits, roles, CSRF and password hashing."""

from __future__ import annotations

from argon2 import PasswordHasher, Type, extract_parameters

from survey.models import Role

from .conftest import TEST_PASSWORD
from .pages import check_page


def test_login_page_is_accessible_html(client):
    check_page(client.get("/login"), form_required=True)


def test_coordinator_logs_in_and_lands_on_dashboard(client, make_user):
    user = make_user(Role.COORDINATOR, name="Sabine")
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")
    page = client.get("/dashboard")
    soup = check_page(page)
    assert "Sabine" in soup.get_text()
    assert soup.find("a", href="/users/"), "coordinators see the team page in the menu"


def test_walk_leader_lands_on_own_dashboard_without_team_link(client, walk_leader):
    soup = check_page(client.get("/dashboard"))
    assert not soup.find("a", href="/users/")


def test_login_uses_upper_case_email(client, make_user):
    user = make_user(email="Mixed.Case@example.org")
    response = client.post("/login", data={"email": user.email.upper(), "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user):
    user = make_user()
    wrong = client.post("/login", data={"email": user.email, "password": "nope nope nope"})
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "x" * 12})
    assert wrong.status_code == unknown.status_code == 400
    soup_wrong, soup_unknown = check_page(wrong), check_page(unknown)
    assert soup_wrong.select_one(".error-summary").get_text() == (
        soup_unknown.select_one(".error-summary").get_text()
    )
    assert soup_wrong.title.get_text().startswith("Fehler:")


def test_empty_login_shows_errors_linked_to_fields(client):
    soup = check_page(client.post("/login", data={}))
    links = [a["href"] for a in soup.select(".error-summary a")]
    assert links == ["#email", "#password"]
    field = soup.find(id="email")
    assert "email-error" in field["aria-describedby"]
    assert field["aria-invalid"] == "true"


def test_login_is_rate_limited(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT=(3, 900))
    client = app.test_client()
    user = make_user()
    for _ in range(3):
        assert (
            client.post("/login", data={"email": user.email, "password": "wrong" * 3}).status_code
            == 400
        )
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "15" in check_page(response).select_one(".error-summary").get_text()
    assert client.get("/dashboard").status_code == 302  # still not logged in


def test_rate_limit_counts_spellings_of_one_address_together(make_app, make_user):
    """authenticate() strips and lower-cases the address; the limit must do the same, or
    each added space would give ten new tries."""
    app = make_app(LOGIN_RATE_LIMIT=(3, 900))
    client = app.test_client()
    user = make_user(email="kim@example.org")
    for spelling in [" kim@example.org", "KIM@example.org ", "  Kim@Example.ORG"]:
        response = client.post("/login", data={"email": spelling, "password": "wrong" * 3})
        assert response.status_code == 400, spelling
    response = client.post("/login", data={"email": user.email + "   ", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert client.get("/dashboard").status_code == 302


def test_password_spraying_from_one_client_is_limited(make_app, make_user):
    """One client trying a password on many addresses meets a cap across addresses; other
    clients are not affected."""
    app = make_app(LOGIN_RATE_LIMIT=(3, 900), LOGIN_RATE_LIMIT_PER_CLIENT=(5, 900))
    client = app.test_client()
    user = make_user()
    attacker = {"REMOTE_ADDR": "198.51.100.7"}
    for n in range(5):
        response = client.post(
            "/login",
            data={"email": f"person{n}@example.net", "password": "Sommer2026!!"},
            environ_base=attacker,
        )
        assert response.status_code == 400, n
    response = client.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD}, environ_base=attacker
    )
    assert response.status_code == 429, "the client's cap holds even for a right password"
    assert "15" in check_page(response).select_one(".error-summary").get_text()
    other = app.test_client()
    response = other.post(
        "/login",
        data={"email": user.email, "password": TEST_PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.20"},
    )
    assert response.status_code == 302, "another client logs in as usual"


def test_a_team_logging_in_from_one_office_is_not_held_up(make_app, make_user):
    app = make_app(LOGIN_RATE_LIMIT_PER_CLIENT=(3, 900))
    office = {"REMOTE_ADDR": "192.0.2.44"}
    for _ in range(5):
        client = app.test_client()
        user = make_user()
        response = client.post(
            "/login", data={"email": user.email, "password": TEST_PASSWORD}, environ_base=office
        )
        assert response.status_code == 302


def test_rate_limit_table_stores_no_ip_address(make_app, make_user, db):
    from sqlalchemy import select

    from survey.models import RateLimitCounter

    app = make_app()
    client = app.test_client()
    client.post("/login", data={"email": "a@example.org", "password": "x" * 12},
                environ_base={"REMOTE_ADDR": "203.0.113.9"})  # fmt: skip
    keys = db.scalars(select(RateLimitCounter.key)).all()
    assert keys
    assert all("203.0.113" not in k and "a@example.org" not in k for k in keys)


def test_deactivated_user_cannot_log_in(client, make_user, db):
    from survey.models import User

    user = make_user()
    db.get(User, user.id).active = False
    db.commit()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400


def test_logout_needs_post_and_ends_the_session(client, coordinator):
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_anonymous_user_is_sent_to_login_with_next(client):
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login?next=%2Fdashboard" in response.headers["Location"]


def test_next_parameter_cannot_leave_the_site(client, make_user):
    user = make_user()
    response = client.post(
        "/login?next=https://evil.example/", data={"email": user.email, "password": TEST_PASSWORD}
    )
    assert response.headers["Location"].endswith("/dashboard")


def test_walk_leader_cannot_reach_coordinator_pages(client, walk_leader):
    assert client.get("/users/").status_code == 403
    assert client.post("/users/new", data={}).status_code == 403
    page = client.get("/users/")
    check_page(page)


def test_coordinator_creates_walk_leader_who_can_log_in(client, coordinator):
    check_page(client.get("/users/new"), form_required=True)
    response = client.post(
        "/users/new",
        data={
            "name": "Aylin Demir",
            "email": "aylin@example.org",
            "role": "walk_leader",
            "password": "a long first password",
        },
    )
    assert response.status_code == 302
    assert "Aylin Demir" in check_page(client.get("/users/")).get_text()
    client.post("/logout")
    response = client.post(
        "/login", data={"email": "aylin@example.org", "password": "a long first password"}
    )
    assert response.status_code == 302


def test_creating_a_user_twice_names_the_problem(client, coordinator):
    data = {"name": "X", "email": coordinator.email, "role": "walk_leader", "password": "p" * 12}
    soup = check_page(client.post("/users/new", data=data))
    assert soup.select_one(".error-summary a[href='#email']")


def test_short_password_is_refused(client, coordinator):
    data = {"name": "X", "email": "x@example.org", "role": "walk_leader", "password": "short"}
    response = client.post("/users/new", data=data)
    assert response.status_code == 400
    assert check_page(response).select_one(".error-summary a[href='#password']")


def test_coordinator_switches_a_walk_leader_off(client, coordinator, make_user):
    other = make_user(Role.WALK_LEADER)
    assert client.post(f"/users/{other.id}/active").status_code == 302
    client.post("/logout")
    response = client.post("/login", data={"email": other.email, "password": TEST_PASSWORD})
    assert response.status_code == 400


def test_change_password(client, coordinator):
    check_page(client.get("/account/password"), form_required=True)
    data = {
        "current": TEST_PASSWORD,
        "new": "another long password",
        "confirm": "another long password",
    }
    assert client.post("/account/password", data=data).status_code == 302
    client.post("/logout")
    ok = client.post(
        "/login", data={"email": coordinator.email, "password": "another long password"}
    )
    assert ok.status_code == 302


def test_csrf_is_enforced_when_enabled(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    check_page(response)
    page = check_page(client.get("/login"))
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_session_is_renewed_on_login(client, make_user):
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.permanent


def test_session_cookie_is_httponly_and_lax(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "mitsprache_session" in c)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_passwords_are_hashed_with_argon2id_at_least_owasp_minimum(app, make_user, db):
    from survey.models import User

    user = db.get(User, make_user().id)
    params = extract_parameters(user.password_hash)
    assert params.type is Type.ID
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert params.parallelism >= 1
    assert TEST_PASSWORD not in user.password_hash
    assert PasswordHasher().verify(user.password_hash, TEST_PASSWORD)


def _log_in(app, email: str, password: str = TEST_PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302
    return client


def test_coordinator_sets_a_new_password_that_ends_the_other_sessions(
    app, client, coordinator, make_user
):
    from survey.db import get_session
    from survey.models import User

    leader = make_user(Role.WALK_LEADER, name="Murat")
    leaders_phone = _log_in(app, leader.email)
    assert leaders_phone.get("/dashboard").status_code == 200
    team = check_page(client.get("/users/?lang=en"))
    link = team.find("a", href=f"/users/{leader.id}/password")
    assert link is not None
    assert "Murat" in link.get_text()
    assert not team.find("a", href=f"/users/{coordinator.id}/password"), "not for oneself"

    page = client.get(f"/users/{leader.id}/password?lang=en")
    soup = check_page(page, form_required=True)
    assert "Murat" in soup.h1.get_text()
    mismatch = {"new": "a brand new password", "confirm": "another new password"}
    response = client.post(f"/users/{leader.id}/password", data=mismatch)
    assert response.status_code == 400
    assert check_page(response).select_one(".error-summary a[href='#confirm']")
    short = {"new": "short", "confirm": "short"}
    assert client.post(f"/users/{leader.id}/password", data=short).status_code == 400
    assert leaders_phone.get("/dashboard").status_code == 200, "nothing changed yet"

    new = {"new": "a brand new password", "confirm": "a brand new password"}
    response = client.post(f"/users/{leader.id}/password", data=new)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/users/")
    assert "Murat" in check_page(client.get("/users/")).select_one(".notice--success").get_text()
    response = leaders_phone.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert (
        app.test_client()
        .post("/login", data={"email": leader.email, "password": TEST_PASSWORD})
        .status_code
        == 400
    )
    _log_in(app, leader.email, "a brand new password")
    assert client.get("/dashboard").status_code == 200, "the coordinator stays logged in"
    with app.app_context():
        assert get_session().get(User, leader.id).session_version == 1


def test_setting_ones_own_password_goes_to_the_change_password_page(client, coordinator):
    response = client.get(f"/users/{coordinator.id}/password")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/password")


def test_walk_leader_cannot_set_passwords(client, walk_leader, make_user):
    other = make_user(Role.COORDINATOR)
    data = {"new": "a brand new password", "confirm": "a brand new password"}
    assert client.post(f"/users/{other.id}/password", data=data).status_code == 403
    assert client.get(f"/users/{other.id}/password").status_code == 403


def test_setting_a_password_needs_the_csrf_token(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    coordinator, leader = make_user(Role.COORDINATOR), make_user(Role.WALK_LEADER)
    client = app.test_client()
    token = check_page(client.get("/login")).find("input", attrs={"name": "csrf_token"})["value"]
    login = {"email": coordinator.email, "password": TEST_PASSWORD, "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    data = {"new": "a brand new password", "confirm": "a brand new password"}
    assert client.post(f"/users/{leader.id}/password", data=data).status_code == 400
    page = check_page(client.get(f"/users/{leader.id}/password"), form_required=True)
    data["csrf_token"] = page.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post(f"/users/{leader.id}/password", data=data).status_code == 302
    with app.app_context():
        from survey.db import get_session
        from survey.services import users

        hasher = app.extensions["password_hasher"]
        assert users.authenticate(get_session(), hasher, leader.email, "a brand new password")


def test_changing_ones_password_ends_the_other_sessions_but_not_this_one(app, client, coordinator):
    laptop = _log_in(app, coordinator.email)
    data = {"current": TEST_PASSWORD, "new": "another long password",
            "confirm": "another long password"}  # fmt: skip
    assert client.post("/account/password", data=data).status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert laptop.get("/dashboard").status_code == 302


def test_a_session_past_its_absolute_limit_is_refused(make_app, make_user):
    import time
    from datetime import timedelta

    app = make_app(STAFF_SESSION_MAX_AGE=timedelta(hours=12))
    user = make_user()
    client = _log_in(app, user.email)
    with client.session_transaction() as session:
        started = session["login_at"]
        assert abs(started - time.time()) < 60
        session["login_at"] = started - 11 * 3600
    assert client.get("/dashboard").status_code == 200, "11 hours in: still fine"
    with client.session_transaction() as session:
        session["login_at"] = started - 12 * 3600 - 5
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_session_idle_longer_than_its_lifetime_is_refused(make_app, make_user):
    import time
    from datetime import timedelta

    app = make_app(PERMANENT_SESSION_LIFETIME=timedelta(seconds=1))
    user = make_user()
    client = _log_in(app, user.email)
    assert client.get("/dashboard").status_code == 200
    time.sleep(2.5)
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
