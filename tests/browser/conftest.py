"""Fixtures for the real-browser tests: the live demo server, Chromium and logged-in contexts.

One Chromium for the whole package (closed when the browser tests are done, so the rest of
the suite runs without Playwright's event loop); one browser context (with one reused tab) per visitor
role and viewport, each logged in once through the real /login form with CSRF on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from .live import MISSING_CHROMIUM, launch_chromium, serve
from .site import ANONYMOUS, Page, demo_site, plan_pages

VIEWPORTS = {
    "320x640": {"width": 320, "height": 640},
    "1280x800": {"width": 1280, "height": 800},
}
# German (the reference), and the two right-to-left languages.
CRAWL_LANGUAGES = ["de", "ar", "fa"]
# Which language at which size: German and Arabic at both sizes; Persian (right-to-left like
# Arabic, same layout, its own words) at the phone size, where long words break layouts first.
CRAWL_VARIANTS = [
    (lang, viewport) for lang in CRAWL_LANGUAGES for viewport in VIEWPORTS
    if lang != "fa" or viewport == "320x640"
]  # fmt: skip


def _browser_tests_selected(config) -> bool:
    """False when `-m` deselects browser tests: then the crawl plan is not worth building."""
    markexpr = config.option.markexpr
    if not markexpr:
        return True
    try:
        from _pytest.mark.expression import Expression

        matcher = lambda name, **kwargs: name == "browser"  # noqa: E731
        return bool(Expression.compile(markexpr).evaluate(matcher))
    except Exception:  # noqa: BLE001 - an unknown pytest version: build the plan anyway
        return True


def pytest_generate_tests(metafunc):
    if "crawl_page" in metafunc.fixturenames:
        if _browser_tests_selected(metafunc.config):
            pages = plan_pages()
        else:
            pages = [Page("/", problem="deselected")]
        metafunc.parametrize("crawl_page", pages, ids=[p.id for p in pages])
    if "public_page" in metafunc.fixturenames:
        if _browser_tests_selected(metafunc.config):
            pages = [
                p for p in plan_pages() if p.role == ANONYMOUS and not p.problem and not p.setup
            ]
        else:
            pages = [Page("/", problem="deselected")]
        metafunc.parametrize("public_page", pages, ids=[p.id for p in pages])


@pytest.fixture(scope="package")
def live_server() -> Iterator[str]:
    """The demo app (CSRF on) on 127.0.0.1 and a free port; yields the base URL.

    The demo database is shared with the crawl plan; it is removed when the test process
    ends."""
    site = demo_site()
    with serve(site.app) as base_url:
        yield base_url
    site.app.extensions["db_engine"].dispose()
    site.crawl_app.extensions["db_engine"].dispose()


@pytest.fixture(scope="package")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except FileNotFoundError:
            pytest.fail(MISSING_CHROMIUM, pytrace=False)
        yield chromium
        chromium.close()


@dataclass
class Visitor:
    """A logged-in (or anonymous) browser context with one tab, reused across tests."""

    context: object
    page: object
    base_url: str

    def open(self, path: str, lang: str | None = None):
        """Go to path (with ?lang=); return Playwright's response of the final document."""
        url = self.base_url + path
        if lang:
            url += ("&" if "?" in path else "?") + f"lang={lang}"
        return self.page.goto(url, wait_until="load")


@pytest.fixture(scope="package")
def visitors(browser, live_server) -> Iterator:
    """visitors(role, viewport, variant="") -> a Visitor, created and logged in on first use.

    A `variant` gives a separate context, for tests whose cookies (easy-read…) must not
    leak into the others."""
    cache: dict[tuple[str, str, str], Visitor] = {}
    site = demo_site()

    def get(role: str, viewport: str, variant: str = "") -> Visitor:
        key = (role, viewport, variant)
        if key not in cache:
            context = browser.new_context(viewport=VIEWPORTS[viewport], locale="de-DE")
            page = context.new_page()
            visitor = Visitor(context, page, live_server)
            if role != ANONYMOUS:
                log_in(visitor, *site.login_of(role))
            cache[key] = visitor
        return cache[key]

    yield get
    for visitor in cache.values():
        visitor.context.close()


def log_in(visitor: Visitor, email: str, password: str) -> None:
    """Log in through the real form (CSRF token and all), as a person would."""
    page = visitor.page
    visitor.open("/login", lang="de")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/login" not in page.url, f"logging in as {email} failed: still on {page.url}"


@pytest.fixture
def fresh_page(browser, live_server) -> Iterator:
    """A new anonymous context and tab for tests that change focus, cookies or state."""
    context = browser.new_context(viewport=VIEWPORTS["1280x800"], locale="de-DE")
    page = context.new_page()
    yield Visitor(context, page, live_server)
    context.close()
