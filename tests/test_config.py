"""Settings from the environment: HTTPS (Secure cookies, HSTS), the generated secret key,
and the checkout the app runs from."""

from __future__ import annotations

import pytest

from survey import config, create_app

from .conftest import TEST_PASSWORD

HSTS = "Strict-Transport-Security"


def _session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if "mitsprache_session" in c)


def test_plain_http_gets_no_hsts_and_no_secure_cookie(monkeypatch, make_app, make_user):
    monkeypatch.delenv("MITSPRACHE_HTTPS", raising=False)
    client = make_app().test_client()
    assert HSTS not in client.get("/", base_url="http://localhost").headers
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert "Secure" not in _session_cookie(response)


def test_mitsprache_https_gives_hsts_and_secure_cookies(monkeypatch, make_app, make_user):
    """Behind a proxy that does not pass X-Forwarded-Proto the request looks like http;
    MITSPRACHE_HTTPS=1 alone must still send HSTS and mark the cookie Secure."""
    monkeypatch.setenv("MITSPRACHE_HTTPS", "1")
    client = make_app().test_client()
    for path in ["/", "/login", "/healthz", "/no-such-page"]:
        response = client.get(path, base_url="http://localhost")
        assert response.request.scheme == "http"
        assert response.headers[HSTS].startswith("max-age=31536000"), path
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    cookie = _session_cookie(response)
    assert "; Secure" in cookie
    assert "HttpOnly" in cookie


def test_the_app_refuses_to_start_without_its_templates(monkeypatch, tmp_path):
    """A non-editable `pip install .` has no templates/: a clear message, not a later 500."""
    monkeypatch.setattr(config, "ROOT", tmp_path)
    with pytest.raises(RuntimeError, match="templates/ folder is not in"):
        create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    assert not (tmp_path / "instance").exists(), "nothing created in the wrong place"
