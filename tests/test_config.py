"""Settings from the environment: HTTPS (Secure cookies, HSTS), the generated secret key,
and the checkout the app runs from."""

from __future__ import annotations

import stat
import threading
from concurrent.futures import ThreadPoolExecutor

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


def test_secret_key_is_generated_once_private_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    key = config._secret_key(instance)
    path = instance / "secret_key"
    assert len(key) >= 48
    assert path.read_text() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config._secret_key(instance) == key, "the next start uses the same key"
    assert [p.name for p in instance.iterdir()] == ["secret_key"], "no drafts left behind"


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert config._secret_key(tmp_path) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_workers_starting_together_share_one_key(monkeypatch, tmp_path):
    """gunicorn starts its workers at once; each must end with the key the others use."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    for round_ in range(5):
        instance = tmp_path / f"instance{round_}"
        start = threading.Barrier(8)

        def worker(instance=instance, start=start) -> str:
            start.wait()
            return config._secret_key(instance)

        with ThreadPoolExecutor(8) as pool:
            keys = set(pool.map(lambda _n: worker(), range(8)))
        assert len(keys) == 1
        assert (instance / "secret_key").read_text() in keys
        assert [p.name for p in instance.iterdir()] == ["secret_key"]


def test_an_empty_secret_key_file_is_named_not_used(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(RuntimeError, match="secret_key is empty"):
        config._secret_key(tmp_path)
