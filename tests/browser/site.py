"""The demo site the browser tests run against, and the list of pages the crawl visits.

One SQLite file, migrated and filled by `seed_demo` (the same content `make run` shows), is
built once per test session. The crawl plan comes from the app's route map: every GET rule
that answers with HTML for some visitor, each visited as the visitor who may see it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy.orm import Session

from survey import create_app
from survey.db import get_session, upgrade
from survey.models import Role
from survey.services import demo

from .samples import HERE, QUERY_STRINGS, SAMPLE_VALUES

ANONYMOUS = "anonymous"
# Staff pages are visited as each role that may open them (try the coordinator first).
STAFF_ROLES = [Role.COORDINATOR.value, Role.WALK_LEADER.value]


# --- the demo site ------------------------------------------------------------------------


@dataclass
class DemoSite:
    app: Flask  # CSRF on: the app the browser talks to
    crawl_app: Flask  # same database, CSRF off: lets the test client sort the routes
    database: Path

    def login_of(self, role: str) -> tuple[str, str]:
        for login in demo.DEMO_USERS:
            if login.role.value == role:
                return login.email, demo.DEMO_PASSWORD
        raise AssertionError(f"seed_demo() has no demo login for the role {role}")


def _config(database: Path, folder: Path, csrf: bool) -> dict:
    return {
        "SECRET_KEY": "browser-tests",
        "DATABASE_URL": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": csrf,
        "UPLOAD_DIR": str(folder / "uploads"),
        # several logins per run from one address: keep the limiter out of the way
        "LOGIN_RATE_LIMIT": (1000, 60),
    }


@cache
def demo_site() -> DemoSite:
    """Build the demo database and the app once per test session."""
    folder = Path(tempfile.mkdtemp(prefix="mitsprache-browser-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    database = folder / "demo.sqlite3"
    upgrade(f"sqlite:///{database}")
    app = create_app(_config(database, folder, csrf=True))
    with app.app_context():
        session = get_session()
        demo.seed_demo(session, app.extensions["password_hasher"], app.extensions["photo_storage"])
        session.commit()
    crawl_app = create_app(_config(database, folder, csrf=False))
    return DemoSite(app, crawl_app, database)


# --- the crawl plan -----------------------------------------------------------------------


# Resident pages that need a response in the visitor's session: the crawl first starts one
# ("resident") or sends one ("resident_done") in that browser context, then scans the page.
SETUP = {
    "/s/<slug>/q/<key>": "resident",
    "/s/<slug>/check": "resident",
    "/s/<slug>/later": "resident",
    "/s/<slug>/thanks": "resident_done",
}
# Pages that may end on another URL than the one asked for: requested URL -> why. Every
# other redirect fails the crawl, because axe would scan the target instead of the page.
ALLOWED_REDIRECTS: dict[str, str] = {}


@dataclass(frozen=True)
class Page:
    """One page to scan: a URL and who visits it; `problem` makes the test fail instead."""

    url: str
    role: str = ANONYMOUS
    rule: str = ""
    problem: str = ""
    setup: str = ""  # a key of SETUP's values: session state the page needs

    @property
    def id(self) -> str:
        who = "" if self.role == ANONYMOUS else f"[{self.role}]"
        return f"{self.url}{who}"


def _sample_url(app: Flask, rule, session: Session) -> tuple[str | None, str]:
    values = {}
    for arg in sorted(rule.arguments):
        if arg not in SAMPLE_VALUES:
            return None, (
                f"The route {rule.rule} has the argument <{arg}>: "
                f"add a sample value for {arg} in {HERE} (SAMPLE_VALUES)"
            )
        value = SAMPLE_VALUES[arg](session)
        if value is None:
            return None, (
                f"The route {rule.rule} needs a demo value for <{arg}>, but the demo data has "
                f"none: add the object to survey/services/demo.py seed_demo() or fix "
                f"SAMPLE_VALUES[{arg!r}] in {HERE}"
            )
        values[arg] = value
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values) + QUERY_STRINGS.get(rule.rule, ""), ""


def _is_html(response) -> bool:
    return response.status_code == 200 and response.mimetype == "text/html"


def _ends_on_login(response, url: str) -> bool:
    return urlsplit(url).path != "/login" and response.request.path == "/login"


def _clients(app: Flask, site: DemoSite) -> dict:
    clients = {ANONYMOUS: app.test_client()}
    for role in STAFF_ROLES:
        client = app.test_client()
        email, password = site.login_of(role)
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"the demo {role} cannot log in"
        clients[role] = client
    return clients


def _get_rules(app: Flask):
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint != "static"
    ]
    return sorted(rules, key=lambda r: r.rule)


@cache
def plan_pages() -> tuple[Page, ...]:
    """Every HTML page of the app, each with a visitor who may open it (built once)."""
    site = demo_site()
    app = site.crawl_app
    with app.app_context():  # sample values first: requests must not share this context
        session = get_session()
        urls = [(rule.rule, *_sample_url(app, rule, session)) for rule in _get_rules(app)]
        extra = _extra_urls(session)
    clients = _clients(app, site)
    pages: list[Page] = []
    for rule, url, problem in urls:
        if url is None:
            pages.append(Page(rule, rule=rule, problem=problem))
        else:
            pages.extend(_visitors(clients, rule, url))
    for rule, url in extra:
        pages.extend(_visitors(clients, rule, url))
    return tuple(pages)


def _extra_urls(session: Session) -> list[tuple[str, str]]:
    """Pages the route map reaches with one sample value only: the right-to-left preview and
    text editing in Arabic, the walk protocol in the builder, the condition editor's second
    step (a question to depend on chosen)."""
    from sqlalchemy import select

    from survey.models import Question, Survey, SurveyKind, SurveyStatus

    survey = session.scalars(
        select(Survey)
        .where(Survey.kind == SurveyKind.QUESTIONNAIRE, Survey.status == SurveyStatus.OPEN)
        .order_by(Survey.id)
    ).first()
    protocol = session.scalars(
        select(Survey).where(Survey.kind == SurveyKind.WALK_PROTOCOL).order_by(Survey.id)
    ).first()
    assert survey is not None, "seed_demo() made no open questionnaire"
    assert protocol is not None, "seed_demo() made no walk protocol"
    first, second = list(survey.questions)[:2]
    check_item = session.scalars(
        select(Question).where(Question.survey_id == protocol.id).order_by(Question.position)
    ).first()
    s, p = f"/builder/{survey.slug}", f"/builder/{protocol.slug}"
    return [
        ("/builder/<slug>/preview/<lang>", f"{s}/preview/ar"),
        ("/builder/<slug>/texts/<lang>", f"{s}/texts/ar"),
        ("/builder/<slug>/questions/<key>/texts/<lang>", f"{s}/questions/{first.key}/texts/ar"),
        ("/builder/<slug>/questions/<key>/condition",
         f"{s}/questions/{second.key}/condition?on={first.key}"),
        ("/builder/<slug>/", f"{p}/"),
        ("/builder/<slug>/settings", f"{p}/settings"),
        ("/builder/<slug>/translations", f"{p}/translations"),
        ("/builder/<slug>/questions/<key>/", f"{p}/questions/{check_item.key}/"),
    ]  # fmt: skip


def _redirect_problem(response, url: str, rule: str) -> str:
    """Why a page that ends elsewhere fails the crawl ("" when it stays or may move)."""
    asked, final = urlsplit(url), response.request
    if final.path == asked.path or rule in SETUP or url in ALLOWED_REDIRECTS:
        return ""
    return (
        f"GET {url} (route {rule}) ends on {final.path}: the crawl would scan that page "
        f"instead. Give the route a sample value that shows the page itself (SAMPLE_VALUES "
        f"in {HERE}), a SETUP step in tests/browser/site.py, or list it in ALLOWED_REDIRECTS "
        f"with the reason"
    )


def _visitors(clients: dict, rule: str, url: str) -> list[Page]:
    answers = {}
    setup = SETUP.get(rule, "")
    for who, client in clients.items():
        response = client.get(url, follow_redirects=True)
        response.get_data()  # read streamed downloads to the end inside their request context
        response.close()
        answers[who] = response
        if who == ANONYMOUS and _is_html(response) and not _ends_on_login(response, url):
            # public: scanned as the public sees it
            problem = _redirect_problem(response, url, rule)
            return [Page(url, ANONYMOUS, rule, problem=problem, setup=setup)]
    found = [
        Page(url, who, rule, problem=_redirect_problem(r, url, rule))
        for who, r in answers.items()
        if who != ANONYMOUS and _is_html(r) and not _ends_on_login(r, url)
    ]
    if found:
        return found
    if any(r.mimetype != "text/html" for r in answers.values()):
        return []  # JSON, a file or a download (told by its content type): nothing for axe
    statuses = ", ".join(f"{who}: {r.status_code}" for who, r in answers.items())
    return [
        Page(
            url,
            rule=rule,
            problem=(
                f"GET {url} (route {rule}) gives no page to anyone ({statuses}). If it needs a "
                f"different sample value or a query string, change SAMPLE_VALUES or "
                f"QUERY_STRINGS in {HERE}"
            ),
        )
    ]
