"""The results charts render in a real browser, under the strict CSP, in German and Arabic."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.results.conftest import build_survey

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(app, db):
    build_survey(db, public=True)
    app.config["SERVER_NAME"] = None
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_public_results_chart_renders_without_csp_errors(live_server, browser, lang):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in {"error", "warning"} else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{live_server}/r/stadtteil?lang={lang}")
    page.wait_for_selector(".chart--ready svg.main-svg", timeout=15000)
    assert page.locator(".chart--ready").count() >= 2
    assert not [p for p in problems if "Content Security Policy" in p or "CSP" in p], problems
    assert not [p for p in problems if "Error" in p], problems
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page scrolls sideways at 320 px: {width}"
    page.close()
