"""The security tests log in many times: a cheap argon2 profile keeps them fast (the real
profile is tested in tests/test_auth.py)."""

from __future__ import annotations

import pytest

FAST_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


@pytest.fixture
def app(make_app):
    return make_app(ARGON2=FAST_ARGON2)


@pytest.fixture
def csrf_app(make_app):
    return make_app(WTF_CSRF_ENABLED=True, ARGON2=FAST_ARGON2)
