"""Authorisation matrix: every route × every method × anonymous, walk leader, coordinator.

The expectations are an explicit table by path. A route that no row matches fails the test with
a message that says where to add it, so nobody ships a page without deciding who may open it.
"""

from __future__ import annotations

import pytest

from ..public_routes import PUBLIC
from .crawl import (
    ANONYMOUS,
    COORDINATOR,
    ROLES,
    WALK_LEADER,
    build_world,
    client_for,
    fetch,
    methods,
    rules,
    sample_path,
)

OPEN = "open"  # passes the access check: anything but 401/403/a login redirect (and never 5xx)
LOGIN = "login"  # a page sends the visitor to /login; the JSON API answers 401
FORBIDDEN = "forbidden"  # 403 from the role check
NOT_YOURS = "not yours"  # someone else's object: 403 or 404, never its content

EVERYONE = {ANONYMOUS: OPEN, WALK_LEADER: OPEN, COORDINATOR: OPEN}
STAFF = {ANONYMOUS: LOGIN, WALK_LEADER: OPEN, COORDINATOR: OPEN}
COORDINATORS = {ANONYMOUS: LOGIN, WALK_LEADER: FORBIDDEN, COORDINATOR: OPEN}
# the URL points at a walk (or its observations/photos) led by another walk leader
OTHERS_WALK = {ANONYMOUS: LOGIN, WALK_LEADER: NOT_YOURS, COORDINATOR: OPEN}

# (path or prefix, expectations). "=" marks an exact path; the first matching row wins, so
# specific rows come before general ones. The public rows are the explicit list in
# tests/public_routes.py (shared with tests/test_routes.py): no prefix is public by itself.
EXPECTATIONS: list[tuple[str, dict[str, str]]] = [
    *((f"={rule}", EVERYONE) for rule in sorted(PUBLIC)),
    ("=/logout", STAFF),
    ("=/dashboard", STAFF),
    ("/account/", STAFF),
    ("/walks/<walk_uuid>", OTHERS_WALK),
    ("/walks/photos/<photo_uuid>", OTHERS_WALK),
    ("/walks/", STAFF),
    ("/api/v1/walks/<walk_uuid>", OTHERS_WALK),
    ("/api/v1/", STAFF),  # the walk outbox sync: staff session + CSRF token
    ("/users/", COORDINATORS),
    ("/builder/", COORDINATORS),
    ("/results/", COORDINATORS),
    ("/areas/", COORDINATORS),
]


def expectation_for(path: str) -> dict[str, str] | None:
    for pattern, expected in EXPECTATIONS:
        if pattern.startswith("="):
            if path == pattern[1:]:
                return expected
        elif path.startswith(pattern):
            return expected
    return None


def _outcome(response, path: str) -> str:
    status = response.status_code
    location = response.headers.get("Location", "")
    # Flask-Login's redirect carries ?next=; a logout's redirect to the login page does not
    if status == 401 or (status in {302, 303} and "/login?next=" in location):
        return LOGIN
    if status == 403:
        return FORBIDDEN
    return OPEN


def _matches(expected: str, response, path: str) -> bool:
    outcome = _outcome(response, path)
    if expected == NOT_YOURS:
        return response.status_code in {403, 404}
    if expected == LOGIN and path.startswith("/api/"):
        return response.status_code == 401
    return outcome == expected


def test_every_route_has_an_expectation(app):
    missing = [r.rule for r in rules(app) if expectation_for(r.rule) is None]
    assert not missing, (
        f"No authorisation expectation for {missing}. Decide who may open each route and add "
        "a row to EXPECTATIONS in tests/security/test_authz_matrix.py "
        "(public routes also go into PUBLIC in tests/public_routes.py)."
    )


def test_every_route_answers_each_role_as_expected(app):
    world = build_world(app)
    failures, checked = [], 0
    for rule in rules(app):
        expected = expectation_for(rule.rule)
        if expected is None:
            continue  # reported by test_every_route_has_an_expectation
        path = sample_path(rule, world.params)
        for method in methods(rule):
            for role in ROLES:
                response = fetch(app, world.cookies[role], path, method)
                checked += 1
                if response.status_code >= 500:
                    failures.append(f"{role:<12} {method:<6} {path}: {response.status_code}")
                elif not _matches(expected[role], response, path):
                    failures.append(
                        f"{role:<12} {method:<6} {path}: expected {expected[role]}, got "
                        f"{response.status_code} {response.headers.get('Location', '')}"
                    )
    assert not failures, "Authorisation matrix violations:\n" + "\n".join(failures)
    assert checked >= 3 * 10


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", EVERYONE),
        ("/s/<slug>/q/<key>", EVERYONE),
        ("/users/new", COORDINATORS),
        ("/builder/<slug>/share", COORDINATORS),
        ("/walks/<walk_uuid>/edit", OTHERS_WALK),
        ("/walks/new", STAFF),
        ("/nothing-like-this", None),
    ],
)
def test_expectation_table_resolves_the_most_specific_row(path, expected):
    assert expectation_for(path) == expected


def test_a_walk_leader_cannot_switch_off_an_account_by_guessing_its_id(app):
    world = build_world(app)
    client = client_for(app, world.cookies[WALK_LEADER])
    response = client.post(f"/users/{world.other_leader_id}/active")
    assert response.status_code == 403
    coordinator = client_for(app, world.cookies[COORDINATOR])
    page = coordinator.get("/users/?lang=en").get_data(as_text=True)
    assert "other-leader@example.org" in page
    assert "is switched off" not in page
