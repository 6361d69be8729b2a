"""The routes anyone may open, without an account: one explicit list for the route inventory
(tests/test_routes.py) and the authorisation matrix (tests/security/test_authz_matrix.py).

A new public route must be added here on purpose; no prefix makes a route public by itself
(a new page under /s/ that should need a login would otherwise pass unnoticed).
"""

from __future__ import annotations

PUBLIC = frozenset(
    {
        "/",
        "/login",
        "/healthz",
        "/static/<path:filename>",
        # residents answer without an account (respond)
        "/s/<slug>",
        "/s/<slug>/q/<key>",
        "/s/<slug>/check",
        "/s/<slug>/later",
        "/s/<slug>/resume",
        "/s/<slug>/thanks",
        "/s/<slug>/new",  # start new answers on a shared device (forgets this browser's response)
        # public results (each survey decides whether it has them)
        "/r/<slug>",
    }
)
