"""CSRF protection, security headers for every response, and no NUL in addresses."""

from __future__ import annotations

from flask import Flask, abort, current_app, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _headers(response):
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    h.setdefault("Permissions-Policy", "geolocation=(self), camera=(self), microphone=()")
    # MITSPRACHE_HTTPS=1 says the site is only served over HTTPS (also when the proxy in front
    # does not tell the app so): browsers then refuse plain HTTP to it for a year.
    if request.is_secure or current_app.config.get("HTTPS"):
        h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def _refuse_nul() -> None:
    """No address or query string holds a NUL character (nobody types one, and PostgreSQL
    cannot even compare it with a column): a "not found" or "not right" page, never a 500."""
    if "\x00" in request.path:
        abort(404)
    if any("\x00" in key + value for key, value in request.args.items(multi=True)):
        abort(400)


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.before_request(_refuse_nul)
    app.after_request(_headers)
    if app.config.get("TRUST_PROXY"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
