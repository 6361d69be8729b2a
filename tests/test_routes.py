"""Route inventory: every route is public on purpose or needs a login."""

from __future__ import annotations

import re

from survey.models import Role

from .public_routes import PUBLIC


def _sample(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "1" if "id" in m.group(1) else "x", rule)


def test_every_route_is_public_or_requires_login(app):
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        path = rule.rule
        if path in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_sample(path), method=method)
            assert response.status_code in {302, 401}, (
                f"{method} {path} is open to anyone; if it should be, add it to "
                "tests/public_routes.py"
            )
            if response.status_code == 302:
                assert "/login" in response.headers["Location"], f"{method} {path}"
            checked += 1
    assert checked >= 5


def test_public_routes_exist():
    """Every listed public route is a route of the app (a renamed one leaves no stale entry)."""
    from survey import create_app

    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    assert set(PUBLIC) <= {rule.rule for rule in app.url_map.iter_rules()}


def test_coordinator_only_routes_refuse_walk_leaders(client, walk_leader):
    for path in ["/users/", "/users/new"]:
        assert client.get(path).status_code == 403


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": True, "migrated": True}


def test_healthz_reports_a_database_not_migrated_to_the_newest_schema(make_app, tmp_path):
    from survey.db import upgrade

    empty = tmp_path / "never-migrated.sqlite3"
    app = make_app(DATABASE_URL=f"sqlite:///{empty}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": True, "migrated": False}
    older = tmp_path / "older.sqlite3"
    upgrade(f"sqlite:///{older}", "0006_answer_tally")
    response = make_app(DATABASE_URL=f"sqlite:///{older}").test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["migrated"] is False
    upgrade(f"sqlite:///{older}")
    response = make_app(DATABASE_URL=f"sqlite:///{older}").test_client().get("/healthz")
    assert response.status_code == 200


def test_healthz_reports_unreachable_database(make_app, tmp_path):
    app = make_app(DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] is False


def test_unknown_page_is_a_translated_404(client):
    from .pages import check_page

    response = client.get("/no-such-page?lang=en")
    assert response.status_code == 404
    assert check_page(response).h1.get_text() == "Page not found"


def test_walk_leader_gets_a_friendly_403(client, walk_leader):
    from .pages import check_page

    soup = check_page(client.get("/users/?lang=de"))
    assert "Zugang" in soup.h1.get_text()


def test_security_headers_on_every_response(client):
    for path in ["/", "/login", "/healthz", "/no-such-page"]:
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_contain_no_inline_script(client, coordinator):
    for path in ["/", "/dashboard", "/users/"]:
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"inline event handler on {path}"


def test_server_error_is_translated_and_rolls_back(make_app):
    from sqlalchemy import func, select

    from survey.db import get_session
    from survey.i18n import force_locale, gettext
    from survey.models import Area

    from .pages import check_page

    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.post("/boom")
    def boom():
        session = get_session()
        session.add(Area(key="halb-gespeichert", position=0, texts={"label": {"de": "X"}}))
        session.flush()  # written to the database inside the request's transaction
        raise RuntimeError("boom")

    response = app.test_client().post("/boom?lang=tr")
    assert response.status_code == 500
    soup = check_page(response)
    assert soup.html["lang"] == "tr"
    with app.test_request_context(), force_locale("tr"):
        expected = gettext("Sorry, there is a problem with the service")
    assert expected != "Sorry, there is a problem with the service", "Turkish is translated"
    assert soup.h1.get_text(strip=True) == expected
    with app.app_context():
        assert get_session().scalar(select(func.count(Area.id))) == 0, "nothing half-stored"


def test_roles_enum_is_stored_by_value(db, make_user):
    from sqlalchemy import text

    make_user(Role.WALK_LEADER)
    assert db.execute(text("SELECT role FROM user_account")).scalar() == "walk_leader"
