"""CSRF on every state-changing request, GET never changes state, headers on every response."""

from __future__ import annotations

import re

import pytest

from ..reliability.data import table_digest
from .crawl import (
    ANONYMOUS,
    COORDINATOR,
    ROLES,
    STATE_CHANGING,
    WALK_LEADER,
    build_world,
    client_for,
    fetch,
    methods,
    rules,
    sample_path,
)


def assert_security_headers(response, where: str) -> None:
    """The headers every answer carries, pages, errors and files alike."""
    h = response.headers
    csp = h.get("Content-Security-Policy", "")
    assert csp, f"{where}: no Content-Security-Policy"
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert "unsafe-inline" not in csp, f"{where}: CSP allows unsafe-inline: {csp}"
    assert "unsafe-eval" not in csp, f"{where}: CSP allows unsafe-eval: {csp}"
    assert directives.get("script-src") == "'self'", f"{where}: script-src is {csp}"
    assert directives.get("object-src") == "'none'", where
    assert directives.get("frame-ancestors") == "'none'", f"{where}: may be framed"
    assert directives.get("base-uri") == "'none'", where
    assert h.get("X-Content-Type-Options") == "nosniff", f"{where}: no nosniff"
    assert h.get("Referrer-Policy") in {"same-origin", "no-referrer"}, f"{where}: referrer"
    assert h.get("X-Frame-Options") == "DENY", where


def test_every_state_changing_route_refuses_a_request_without_csrf_token(csrf_app):
    world = build_world(csrf_app)
    engine = csrf_app.extensions["db_engine"]
    before = table_digest(engine)
    failures, checked = [], 0
    for rule in rules(csrf_app):
        path = sample_path(rule, world.params)
        for method in set(methods(rule)) & STATE_CHANGING:
            for role in ROLES:
                for body in ({}, {"csrf_token": "forged"}):
                    response = fetch(csrf_app, world.cookies[role], path, method, data=body)
                    checked += 1
                    if response.status_code != 400:
                        failures.append(f"{role} {method} {path} {body}: {response.status_code}")
                    assert_security_headers(response, f"{method} {path}")
    assert not failures, "accepted without a valid CSRF token:\n" + "\n".join(failures)
    assert table_digest(engine) == before, "a request without CSRF token changed data"
    assert checked >= 3 * 2 * 4


def test_a_csrf_token_from_another_session_is_refused(csrf_app):
    world = build_world(csrf_app)
    leader = client_for(csrf_app, world.cookies[WALK_LEADER])
    page = leader.get("/account/password").get_data(as_text=True)
    leaders_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    coordinator = client_for(csrf_app, world.cookies[COORDINATOR])
    response = coordinator.post(
        f"/users/{world.other_leader_id}/active?lang=en", data={"csrf_token": leaders_token}
    )
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    # the same request with the coordinator's own token goes through
    page = coordinator.get("/users/").get_data(as_text=True)
    own = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = coordinator.post(f"/users/{world.other_leader_id}/active", data={"csrf_token": own})
    assert response.status_code == 302


def test_get_never_changes_state(app):
    world = build_world(app)
    engine = app.extensions["db_engine"]
    before = table_digest(engine)
    changed, checked = [], 0
    for rule in rules(app):
        if "GET" not in rule.methods:
            continue
        path = sample_path(rule, world.params)
        for role in ROLES:
            for query in ("", "?lang=ar", "?lang=en&easy=1"):
                fetch(app, world.cookies[role], path + query)
                checked += 1
                after = table_digest(engine)
                if after != before:
                    tables = [t for t in after if after[t] != before[t]]
                    changed.append(f"{role} GET {path}{query} changed {tables}")
                    before = after
    assert not changed, "GET requests changed stored data:\n" + "\n".join(changed)
    assert checked >= 3 * 3 * 5


def test_security_headers_on_every_crawled_response(app):
    world = build_world(app)
    checked = 0
    for rule in rules(app):
        path = sample_path(rule, world.params)
        for method in methods(rule):
            for role in (ANONYMOUS, COORDINATOR):
                response = fetch(app, world.cookies[role], path, method)
                assert_security_headers(response, f"{role} {method} {path}")
                checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/static/css/app.css", 200),
        ("GET", "/static/favicon.svg", 200),
        ("GET", "/static/no-such-file.css", 404),
        ("GET", "/static/../survey/config.py", 404),
        ("GET", "/no-such-page", 404),
        ("DELETE", "/login", 405),
        ("POST", "/healthz", 405),
        ("GET", "/healthz", 200),
    ],
)
def test_security_headers_on_files_and_errors(app, method, path, status):
    response = fetch(app, None, path, method)
    assert response.status_code == status
    assert_security_headers(response, f"{method} {path}")


def test_security_headers_on_a_server_error_and_an_oversized_request(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False, MAX_CONTENT_LENGTH=1000)

    @app.get("/boom")
    def boom():
        raise RuntimeError("traceback-detail-7f3a")

    response = fetch(app, None, "/boom?lang=en")
    assert response.status_code == 500
    assert "traceback-detail-7f3a" not in response.get_data(as_text=True), "the error detail leaked"
    assert_security_headers(response, "500")
    response = fetch(app, None, "/login", "POST", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert_security_headers(response, "413")
