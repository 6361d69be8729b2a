"""Error pages in the user's language."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import lazy_gettext as _l

# Error pages are seen by residents too: "Translators: resident" asks for an easy-read version.
MESSAGES = {
    400: (
        # Translators: resident
        _l("Something in the request was not right"),
        # Translators: resident
        _l("Please go back and try again."),
    ),
    403: (
        _l("You do not have access to this page"),
        _l("Your account cannot open this page. Ask your network's coordinator if you need it."),
    ),
    404: (
        # Translators: resident
        _l("Page not found"),
        # Translators: resident
        _l("Check the address. If you typed it, make sure it is spelled right."),
    ),
    413: (
        # Translators: resident
        _l("The file is too big"),
        # Translators: resident
        _l("Please go back and choose a smaller file."),
    ),
    429: (
        # Translators: resident
        _l("Too many attempts"),
        # Translators: resident
        _l("Please wait a few minutes and try again."),
    ),
    500: (
        # Translators: resident
        _l("Sorry, there is a problem with the service"),
        # Translators: resident
        _l("Please try again later. Nothing you saved before is lost."),
    ),
}
MESSAGES[405] = MESSAGES[400]


def _render(code: int, title=None, text=None):
    default_title, default_text = MESSAGES.get(code, MESSAGES[400])
    return (
        render_template(
            "errors/error.html", title=title or default_title, text=text or default_text
        ),
        code,
    )


def _http_error(error: HTTPException):
    if request.path.startswith("/api/"):
        return {"error": error.name, "status": error.code}, error.code
    return _render(error.code or 500)


def _csrf_error(error: CSRFError):
    if request.path.startswith("/api/"):
        # the walk outbox refreshes its token and retries on this answer
        return {"error": "csrf", "status": 400, "detail": error.description}, 400
    return _render(
        400,
        # Translators: resident
        _l("This form has expired"),
        # Translators: resident
        _l("For your safety, forms expire. Go back, reload the page and send it again."),
    )


def _server_error(_error: Exception):
    return _render(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
