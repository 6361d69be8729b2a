"""The demo site the browser tests run against, and the list of pages the crawl visits.

One SQLite file, migrated and filled by `seed_demo` (the same content `make run` shows), is
built once per test session. The crawl plan comes from the app's route map: every GET rule
that answers with HTML for some visitor, each visited as the visitor who may see it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey import create_app
from survey.db import get_session, upgrade
from survey.models import (
    Area,
    Choice,
    NeedCategory,
    Observation,
    Photo,
    Question,
    Response,
    ResponseStatus,
    Role,
    Survey,
    SurveyKind,
    SurveyStatus,
    User,
    Walk,
)
from survey.services import demo

HERE = "tests/browser/site.py"
ANONYMOUS = "anonymous"
# Staff pages are visited as each role that may open them (try the coordinator first).
STAFF_ROLES = [Role.COORDINATOR.value, Role.WALK_LEADER.value]


# --- sample values for URL arguments, taken from the demo data ------------------------------


def _first(session: Session, stmt) -> object | None:
    return session.scalars(stmt.limit(1)).first()


def _questionnaire(s: Session) -> Survey | None:
    """The demo survey residents answer: an open questionnaire, else any questionnaire."""
    base = select(Survey).where(Survey.kind == SurveyKind.QUESTIONNAIRE).order_by(Survey.id)
    return _first(s, base.where(Survey.status == SurveyStatus.OPEN)) or _first(s, base)


def _walk(s: Session) -> Walk | None:
    return _first(s, select(Walk).order_by(Walk.id))


def _question(s: Session) -> Question | None:
    survey = _questionnaire(s)
    if survey is None:
        return None
    return _first(
        s, select(Question).where(Question.survey_id == survey.id).order_by(Question.position)
    )


def _attr(getter: Callable[[Session], object | None], name: str):
    def value(s: Session):
        obj = getter(s)
        return None if obj is None else getattr(obj, name)

    return value


def _scalar(stmt_factory: Callable[[], object]):
    return lambda s: s.scalars(stmt_factory().limit(1)).first()


def _protocol(s: Session) -> Survey | None:
    walk = _walk(s)
    if walk is not None:
        return s.get(Survey, walk.protocol_id)
    return _first(
        s, select(Survey).where(Survey.kind == SurveyKind.WALK_PROTOCOL).order_by(Survey.id)
    )


# argument name -> a function giving the demo value. A new URL argument needs a line here.
SAMPLE_VALUES: dict[str, Callable[[Session], object | None]] = {
    "slug": _attr(_questionnaire, "slug"),
    "survey_id": _attr(_questionnaire, "id"),
    "protocol_id": _attr(_protocol, "id"),
    "question_id": _attr(_question, "id"),
    "question_key": _attr(_question, "key"),
    "key": _attr(_question, "key"),
    "choice_id": _scalar(
        lambda: select(Choice.id).join(Question).order_by(Question.position, Choice.position)
    ),
    "page": lambda s: 1,
    "number": lambda s: 1,
    "position": lambda s: 1,
    "walk_id": _attr(_walk, "id"),
    "walk_uuid": _attr(_walk, "uuid"),
    "uuid": _attr(_walk, "uuid"),
    "observation_id": _scalar(lambda: select(Observation.id).order_by(Observation.id)),
    "photo_id": _scalar(lambda: select(Photo.id).order_by(Photo.id)),
    "response_id": _scalar(
        lambda: (
            select(Response.id)
            .where(Response.status == ResponseStatus.COMPLETE)
            .order_by(Response.id)
        )
    ),
    "user_id": _scalar(
        lambda: select(User.id).where(User.role == Role.WALK_LEADER).order_by(User.id)
    ),
    "area_id": _scalar(lambda: select(Area.id).order_by(Area.position, Area.id)),
    "area": _scalar(lambda: select(Area.key).order_by(Area.position, Area.id)),
    "category_id": _scalar(lambda: select(NeedCategory.id).order_by(NeedCategory.position)),
    "need_category_id": _scalar(lambda: select(NeedCategory.id).order_by(NeedCategory.position)),
    "category": _scalar(lambda: select(NeedCategory.key).order_by(NeedCategory.position)),
    "lang": lambda s: "de",
    "language": lambda s: "de",
}


# route -> a query string the page needs to show itself (e.g. "?format=html"), if any.
QUERY_STRINGS: dict[str, str] = {}


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
        demo.seed_demo(session, app.extensions["password_hasher"])
        session.commit()
    crawl_app = create_app(_config(database, folder, csrf=False))
    return DemoSite(app, crawl_app, database)


# --- the crawl plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page to scan: a URL and who visits it; `problem` makes the test fail instead."""

    url: str
    role: str = ANONYMOUS
    rule: str = ""
    problem: str = ""

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


def plan_pages() -> list[Page]:
    """Every HTML page of the app, each with a visitor who may open it."""
    site = demo_site()
    app = site.crawl_app
    with app.app_context():  # sample values first: requests must not share this context
        session = get_session()
        urls = [(rule.rule, *_sample_url(app, rule, session)) for rule in _get_rules(app)]
    clients = _clients(app, site)
    pages: list[Page] = []
    for rule, url, problem in urls:
        if url is None:
            pages.append(Page(rule, rule=rule, problem=problem))
        else:
            pages.extend(_visitors(clients, rule, url))
    return pages


def _visitors(clients: dict, rule: str, url: str) -> list[Page]:
    answers = {}
    for who, client in clients.items():
        response = client.get(url, follow_redirects=True)
        answers[who] = response
        if who == ANONYMOUS and _is_html(response) and not _ends_on_login(response, url):
            return [Page(url, ANONYMOUS, rule)]  # public: scanned as the public sees it
    found = [
        Page(url, who, rule)
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
