"""Every page of the app, crawled from the route map and scanned by axe-core in a real browser.

German and Arabic at 320×640 (phone, also checked for sideways scrolling) and 1280×800,
Persian at 320×640.
A new route joins this crawl by itself; a route with an unknown URL argument fails until
tests/browser/samples.py knows a demo value for it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from survey.services.demo import DEMO_SURVEY_SLUG

from .a11y import focus_contrast_problems, page_problems
from .conftest import CRAWL_LANGUAGES, CRAWL_VARIANTS, VIEWPORTS
from .site import ALLOWED_REDIRECTS, ANONYMOUS, plan_pages

pytestmark = pytest.mark.browser

RTL = {"ar", "fa"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _assert_language(page, lang: str) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang in RTL else "ltr")


def _fail_on(problems: list[str], where: str) -> None:
    if problems:
        pytest.fail(f"{where}:\n" + "\n".join(problems), pytrace=False)


def _start_response(visitor) -> None:
    """Agree and start the demo survey in this browser context (its session cookie)."""
    page = visitor.page
    visitor.open(f"/s/{DEMO_SURVEY_SLUG}", "de")
    page.check("#consent")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert "/q/" in page.url, f"starting the demo survey ended on {page.url}"


def _send_response(visitor) -> None:
    _start_response(visitor)
    visitor.open(f"/s/{DEMO_SURVEY_SLUG}/check", "de")
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").last.click()
    assert visitor.page.url.split("?")[0].endswith("/thanks"), visitor.page.url


SETUP_STEPS = {"resident": _start_response, "resident_done": _send_response}
_set_up: set[int] = set()


def _visitor_for(crawl_page, viewport, visitors):
    """The page's visitor, with the session state the page needs (once per context)."""
    visitor = visitors(crawl_page.role, viewport, variant=crawl_page.setup)
    if crawl_page.setup and id(visitor) not in _set_up:
        SETUP_STEPS[crawl_page.setup](visitor)
        _set_up.add(id(visitor))
    return visitor


def open_crawl_page(crawl_page, lang, viewport, visitors):
    """Open the page as its visitor; fail unless the browser stays on it."""
    if crawl_page.problem:
        pytest.fail(crawl_page.problem, pytrace=False)
    visitor = _visitor_for(crawl_page, viewport, visitors)
    response = visitor.open(crawl_page.url, lang)
    where = f"{crawl_page.url} as {crawl_page.role}, lang={lang}, {viewport}"
    assert response is not None
    assert response.status == 200, f"{where}: HTTP {response.status}"
    final = urlsplit(visitor.page.url).path
    if final != urlsplit(crawl_page.url).path and crawl_page.url not in ALLOWED_REDIRECTS:
        pytest.fail(f"{where}: the browser ended on {final}, not on the page", pytrace=False)
    return visitor, where


@pytest.mark.parametrize(("lang", "viewport"), CRAWL_VARIANTS, ids="-".join)
def test_page_is_accessible(crawl_page, lang, viewport, visitors):
    visitor, where = open_crawl_page(crawl_page, lang, viewport, visitors)
    _assert_language(visitor.page, lang)
    _fail_on(page_problems(visitor.page, width=VIEWPORTS[viewport]["width"]), where)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", CRAWL_LANGUAGES)
@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (ANONYMOUS, "/no-such-page", 404),
        ("walk_leader", "/users/", 403),  # a coordinator-only page
    ],
    ids=["404", "403"],
)
def test_error_page_is_accessible(role, path, status, lang, viewport, visitors):
    visitor = visitors(role, viewport)
    response = visitor.open(path, lang)
    assert response.status == status
    _assert_language(visitor.page, lang)
    where = f"the {status} page ({path}), lang={lang}, {viewport}"
    _fail_on(page_problems(visitor.page, width=VIEWPORTS[viewport]["width"]), where)


def test_focused_elements_keep_their_contrast(crawl_page, visitors):
    """Tab through the page: each focused element's text stays readable (axe's scan only
    sees the page without focus)."""
    visitor, _where = open_crawl_page(crawl_page, "de", "1280x800", visitors)
    stops, problems = focus_contrast_problems(visitor.page)
    assert stops >= 3, f"only {stops} Tab stops on {crawl_page.url}"
    _fail_on(problems, f"{crawl_page.url} as {crawl_page.role}, focused elements")


def test_public_page_in_easy_read_is_accessible(public_page, visitors):
    """Easy-read German (larger type and spacing) on a phone: axe-clean, no sideways scroll."""
    visitor = visitors(ANONYMOUS, "320x640", variant="easy-read")
    sep = "&" if "?" in public_page.url else "?"
    response = visitor.open(f"{public_page.url}{sep}easy=1", "de")
    assert response.status == 200
    assert "easy-read" in (visitor.page.locator("body").get_attribute("class") or "")
    where = f"{public_page.url} in easy-read German, 320x640"
    _fail_on(page_problems(visitor.page, width=320), where)


# Forms whose empty submission only shows errors (nothing is stored): (visitor, path, field).
EMPTY_FORMS = [
    (ANONYMOUS, "/login", "#email"),
    ("coordinator", "/users/new", "#name"),
    ("walk_leader", "/account/password", "#current"),
    ("coordinator", "/builder/new", "#title"),
    ("walk_leader", "/walks/new", "#title"),
    # the radios' fieldset carries the error there, not a control: no aria-invalid to check
    ("walk_leader", "/walks/{walk}/observations/new", None),
]


def _sample_walk() -> str:
    from survey.db import get_session

    from .samples import _walk
    from .site import demo_site

    with demo_site().crawl_app.app_context():
        return _walk(get_session()).uuid


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", CRAWL_LANGUAGES)
@pytest.mark.parametrize(
    ("role", "path", "first_field"), EMPTY_FORMS, ids=[f"{p}[{r}]" for r, p, _ in EMPTY_FORMS]
)
def test_form_in_error_state_is_accessible(role, path, first_field, lang, viewport, visitors):
    """Send a form empty: the error summary and field errors must pass axe too."""
    visitor = visitors(role, viewport)
    page = visitor.page
    if "{walk}" in path:
        path = path.format(walk=_sample_walk())
    assert visitor.open(path, lang).status == 200
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator(".error-summary").is_visible()
    if first_field:
        assert page.locator(first_field).get_attribute("aria-invalid") == "true"
    _assert_language(page, lang)
    where = f"{path} with errors as {role}, lang={lang}, {viewport}"
    _fail_on(page_problems(page, width=VIEWPORTS[viewport]["width"]), where)


def test_crawl_covers_the_pages_of_every_role():
    """The crawl reaches public, coordinator and walk-leader pages (not only /login)."""
    pages = plan_pages()
    assert not [p.problem for p in pages if p.problem]
    urls = {(p.url, p.role) for p in pages}
    assert ("/", ANONYMOUS) in urls
    assert ("/login", ANONYMOUS) in urls
    assert ("/dashboard", "coordinator") in urls
    assert ("/dashboard", "walk_leader") in urls
    assert ("/users/", "coordinator") in urls
    assert ("/users/", "walk_leader") not in urls  # coordinators only
    assert not any(p.url == "/healthz" for p in pages)  # JSON, not a page


@pytest.mark.parametrize("lang", CRAWL_LANGUAGES)
def test_open_language_switcher_is_accessible(lang, visitors):
    """The switcher's list, hidden until opened, fits 320 px and passes axe when open."""
    visitor = visitors(ANONYMOUS, "320x640")
    assert visitor.open("/", lang).status == 200
    visitor.page.locator(".language-switcher summary").click()
    assert visitor.page.locator(".language-switcher a[lang=fa]").is_visible()
    where = f"/ with the language list open, lang={lang}, 320x640"
    _fail_on(page_problems(visitor.page, width=320), where)


def test_unknown_url_argument_fails_with_the_fix():
    """A route whose argument has no demo value fails, saying where to add one."""
    from flask import Flask

    from .site import _sample_url

    app = Flask(__name__)
    app.add_url_rule("/gizmos/<int:gizmo_id>", "gizmo", lambda gizmo_id: "")
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "gizmo")
    url, problem = _sample_url(app, rule, session=None)
    assert url is None
    assert "add a sample value for gizmo_id in tests/browser/samples.py" in problem


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", CRAWL_LANGUAGES)
def test_import_report_is_accessible(lang, viewport, visitors):
    """An XLSForm with features Mitsprache leaves out: the report page lists them."""
    from ..builder.test_exchange import KOBO_FORM

    visitor = visitors("coordinator", viewport)
    page = visitor.page
    assert visitor.open("/builder/import", lang).status == 200
    page.set_input_files(
        "#file", files=[{"name": "travel.xlsx", "mimeType": XLSX, "buffer": KOBO_FORM}]
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator("main li").count() >= 3, "the report lists what was left out"
    _assert_language(page, lang)
    where = f"the import report, lang={lang}, {viewport}"
    _fail_on(page_problems(page, width=VIEWPORTS[viewport]["width"]), where)
