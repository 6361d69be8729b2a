"""Real-browser tests of the walk pages: offline logging with the outbox, and axe-core.

Self-contained: this module starts its own live server in a thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from survey.db import get_session
from survey.models import Observation, Role, Walk
from survey.services import demo

from ..conftest import TEST_PASSWORD
from ..walk_helpers import find_walk, jpeg_with_gps, make_walk
from .a11y import axe_violations, describe_violations
from .live import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def _serve(make_app, **config) -> Iterator[tuple[str, object]]:
    """(base URL, app) of a server running in a thread on a free port."""
    app = make_app(SERVER_NAME=None, TESTING=False, WTF_CSRF_ENABLED=True, **config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture
def live(make_app) -> Iterator[tuple[str, object]]:
    with _serve(make_app) as served:
        yield served


def _phone(browser, **options):
    return browser.new_context(
        **options,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="en",
        bypass_csp=True,  # lets Playwright poll with its own scripts; the app's CSP is unchanged
    )


def _log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login?lang=en")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard")


def _log(page, category_index: int, severity_index: int | None, note: str) -> None:
    page.click(f"label[for=category-{category_index}]")
    if severity_index is not None:
        page.click(f"label[for=severity-{severity_index}]")
    page.fill("#note", note)
    page.click("form[data-outbox] button[type=submit]")


def _count_is(page, value: int) -> None:
    page.wait_for_function(
        f"document.querySelector('[data-outbox-count]').textContent === '{value}'",
        timeout=15000,
    )


def _observations(app, walk_uuid: str) -> list[Observation]:
    with app.app_context():
        session = get_session()
        walk = session.scalar(select(Walk).where(Walk.uuid == walk_uuid))
        rows = list(session.scalars(select(Observation).where(Observation.walk_id == walk.id)))
        session.expunge_all()
        return rows


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "en",
    "bypass_csp": True,
}


def _phone_with_memory(browser, user_data_dir: Path):
    """A phone browser that keeps its data (IndexedDB, service worker, caches) on disk, so
    that it can be closed and started again like a real one."""
    return browser.browser_type.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
    )


def _assert_no_axe_violations(page, state: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{state}:\n{describe_violations(violations)}"


def test_offline_observations_wait_in_the_outbox_and_sync_once(live, browser, make_user, tmp_path):
    base, app = live
    leader = make_user(Role.WALK_LEADER, email="leader@example.org")
    coordinator = make_user(Role.COORDINATOR, email="coordinator@example.org")
    walk_uuid = make_walk(app, leader, use_location=False)
    photo = tmp_path / "IMG_0007.JPG"
    photo.write_bytes(jpeg_with_gps(size=(1200, 900)))
    profile = tmp_path / "phone-profile"
    context = _phone_with_memory(browser, profile)
    page = context.new_page()
    _log_in(page, base, leader.email, TEST_PASSWORD)
    url = f"{base}/walks/{walk_uuid}/observations/new?lang=en"
    page.goto(url)
    page.wait_for_selector("[data-outbox-status]:not([hidden])")
    _count_is(page, 0)
    # the service worker keeps this page for offline use
    page.wait_for_function(
        "navigator.serviceWorker.ready.then(() => caches.open('mitsprache-walk-pages'))"
        ".then(c => c.match(location.href, {ignoreVary: true})).then(Boolean)",
        timeout=15000,
    )
    # and controls it (activated and claimed), so the reload below goes through it
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)

    context.set_offline(True)
    page.set_input_files("#photos", [str(photo)])
    _log(page, 0, 2, "Bordstein am Markt, keine Absenkung")
    _count_is(page, 1)
    page.reload()  # the page comes from the service worker; the outbox is still there
    page.wait_for_selector("[data-outbox-status]:not([hidden])")
    _count_is(page, 1)
    page.click("label[for=category-10]")  # "good place" sets the kind; severity steps back
    assert page.is_checked("#kind-1")
    assert page.is_hidden("#severity-0")
    _log(page, 10, None, "Stufenloser Eingang der Bibliothek")
    _count_is(page, 2)
    assert "2" in page.inner_text("[data-outbox-status]")
    _assert_no_axe_violations(page, "two observations waiting")
    assert _observations(app, walk_uuid) == []

    # the phone is switched off and on again, still without a connection
    context.close()
    context = _phone_with_memory(browser, profile)
    context.set_offline(True)
    page = context.pages[0] if context.pages else context.new_page()
    # the installed app starts at the walk list (web-app manifest): it opens offline too
    page.goto(f"{base}/walks/")
    page.wait_for_selector("[data-outbox-status]:not([hidden])")
    _count_is(page, 2)
    assert page.locator("main a[href$='/walks/" + walk_uuid + "']").count() == 1
    page.goto(url)
    page.wait_for_selector("[data-outbox-status]:not([hidden])")
    _count_is(page, 2)
    assert _observations(app, walk_uuid) == []

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function(
        "document.querySelector('[data-outbox-count]').textContent === '0'"
        " || !document.querySelector('[data-outbox-login]').hidden",
        timeout=15000,
    )
    if page.is_visible("[data-outbox-login]"):  # the browser forgot the session cookie
        assert page.inner_text("[data-outbox-count]") == "2"
        page.click("[data-outbox-login] a")
        page.fill("#email", leader.email)
        page.fill("#password", TEST_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/walks/{walk_uuid}/observations/new*")
    _count_is(page, 0)
    page.wait_for_function(
        "document.querySelector('[data-outbox-message]').textContent.includes('sent')"
    )
    rows = _observations(app, walk_uuid)
    assert sorted(o.note for o in rows) == [
        "Bordstein am Markt, keine Absenkung",
        "Stufenloser Eingang der Bibliothek",
    ]
    assert len({o.client_uuid for o in rows}) == 2
    assert {o.kind.value for o in rows} == {"barrier", "good_place"}
    photos = {o.note: len(o.photos) for o in find_walk(app, walk_uuid).observations}
    assert photos == {
        "Bordstein am Markt, keine Absenkung": 1,
        "Stufenloser Eingang der Bibliothek": 0,
    }

    # opening the page again sends nothing twice, and the outbox is empty
    page.reload()
    _count_is(page, 0)
    assert page.is_hidden("[data-outbox-send]")
    page.goto(f"{base}/walks/{walk_uuid}?lang=en")
    assert page.is_hidden("[data-outbox-status]")
    assert len(_observations(app, walk_uuid)) == 2
    context.close()

    # the coordinator sees each observation once in the report and in the GeoJSON
    office = browser.new_context(locale="en")
    desk = office.new_page()
    _log_in(desk, base, coordinator.email, TEST_PASSWORD)
    desk.goto(f"{base}/walks/{walk_uuid}/report?lang=en")
    report = desk.inner_text("main")
    assert report.count("Bordstein am Markt, keine Absenkung") == 1
    assert report.count("Stufenloser Eingang der Bibliothek") == 1
    assert desk.locator("main img[src*='/walks/photos/']").count() == 1
    geojson = desk.request.get(f"{base}/walks/{walk_uuid}/export.geojson").json()
    notes = sorted(f["properties"]["note"] for f in geojson["features"])
    assert notes == sorted(o.note for o in rows)
    assert sorted(f["id"] for f in geojson["features"]) == sorted(o.client_uuid for o in rows)
    office.close()


def test_outbox_gets_a_fresh_csrf_token_when_the_session_changed(live, browser, make_user):
    base, app = live
    leader = make_user(Role.WALK_LEADER, email="leader@example.org")
    walk_uuid = make_walk(app, leader, use_location=False)
    # without the service worker, so that the page's own requests can be held back
    context = _phone(browser, service_workers="block")
    page = context.new_page()
    _log_in(page, base, leader.email, TEST_PASSWORD)
    page.goto(f"{base}/walks/{walk_uuid}/observations/new?lang=en")
    page.wait_for_selector("[data-outbox-status]:not([hidden])")

    def no_connection(route):
        route.abort("internetdisconnected")

    page.route("**/api/v1/**", no_connection)
    _log(page, 3, 1, "Bodenindikatoren fehlen an der Haltestelle")
    _count_is(page, 1)

    # hours later the person logs in again elsewhere: the page's CSRF token is now stale
    other = context.new_page()
    other.goto(f"{base}/dashboard?lang=en")
    other.click("form[action$='/logout'] button")
    _log_in(other, base, leader.email, TEST_PASSWORD)
    other.close()

    page.unroute("**/api/v1/**", no_connection)
    with page.expect_response("**/api/v1/csrf"):
        page.click("[data-outbox-send]")
    _count_is(page, 0)
    [obs] = _observations(app, walk_uuid)
    assert obs.note == "Bodenindikatoren fehlen an der Haltestelle"
    context.close()


def test_walk_pages_pass_axe_on_a_phone(live, browser):
    from axe_playwright_python.sync_playwright import Axe

    base, app = live
    with app.app_context():
        session = get_session()
        demo.seed_demo(session, app.extensions["password_hasher"])
        session.commit()
        walks = list(session.scalars(select(Walk).order_by(Walk.walk_date)))
        open_walk = next(w for w in walks if not w.is_closed)
        obs_id = open_walk.observations[0].id
    context = _phone(browser)
    page = context.new_page()
    _log_in(page, base, demo.DEMO_USERS[1].email, demo.DEMO_PASSWORD)
    paths = ["/walks/", "/walks/new", "/dashboard"]
    for walk in walks:
        paths += [f"/walks/{walk.uuid}", f"/walks/{walk.uuid}/report"]
    paths += [
        f"/walks/{open_walk.uuid}/edit",
        f"/walks/{open_walk.uuid}/observations/new",
        f"/walks/{open_walk.uuid}/observations/{obs_id}/edit",
        f"/walks/{open_walk.uuid}/observations/{obs_id}/delete",
    ]
    axe = Axe()
    for lang in ["en", "ar"]:
        for path in paths:
            page.goto(f"{base}{path}?lang={lang}")
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            assert results.violations_count == 0, f"{path}?lang={lang}\n{results.generate_report()}"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path}?lang={lang} scrolls sideways ({width}px)"
    context.close()


PLACES = {
    "start": {"latitude": 51.31201, "longitude": 9.47102, "accuracy": 8},
    "market": {"latitude": 51.31855, "longitude": 9.49713, "accuracy": 12},
    "library": {"latitude": 51.32410, "longitude": 9.50950, "accuracy": 20},
}


def _move_to(context, page, place: str) -> None:
    """The phone moves; the form shows the new position before the leader saves."""
    context.set_geolocation(PLACES[place])
    page.wait_for_function(
        f"document.getElementById('latitude').value === '{PLACES[place]['latitude']:.6f}'",
        timeout=15000,
    )


def test_each_observation_stores_the_position_of_the_moment_it_is_saved(live, browser, make_user):
    base, app = live
    leader = make_user(Role.WALK_LEADER, email="leader@example.org")
    walk_uuid = make_walk(app, leader, use_location=True)
    context = _phone(browser, geolocation=PLACES["start"], permissions=["geolocation"])
    page = context.new_page()
    _log_in(page, base, leader.email, TEST_PASSWORD)
    page.goto(f"{base}/walks/{walk_uuid}/observations/new?lang=en")
    page.wait_for_selector("[data-geo]:not([hidden])")
    page.wait_for_function("document.getElementById('latitude').value !== ''", timeout=15000)

    _move_to(context, page, "market")
    _log(page, 0, 2, "Bordstein am Markt")
    _count_is(page, 0)
    _move_to(context, page, "library")
    _log(page, 10, None, "Stufenloser Eingang der Bibliothek")
    page.wait_for_function(
        "document.querySelector('[data-outbox-message]').textContent.includes('sent')"
    )
    _count_is(page, 0)
    stored = {
        o.note: (o.latitude, o.longitude, o.accuracy_m) for o in _observations(app, walk_uuid)
    }
    market, library = PLACES["market"], PLACES["library"]
    assert stored == {
        "Bordstein am Markt": (market["latitude"], market["longitude"], 12),
        "Stufenloser Eingang der Bibliothek": (library["latitude"], library["longitude"], 20),
    }

    # editing an observation in the office does not move it there
    context.set_geolocation(PLACES["start"])
    [market_obs] = [o for o in _observations(app, walk_uuid) if o.note == "Bordstein am Markt"]
    page.goto(f"{base}/walks/{walk_uuid}/observations/{market_obs.id}/edit?lang=en")
    page.fill("#note", "Bordstein am Markt, 8 cm")
    page.wait_for_timeout(500)  # time in which an automatic location would have arrived
    assert float(page.input_value("#latitude")) == market["latitude"]
    page.click("main form.obs-form button[type=submit]")
    page.wait_for_url(f"{base}/walks/{walk_uuid}*")
    [edited] = [o for o in _observations(app, walk_uuid) if o.id == market_obs.id]
    assert (edited.note, edited.latitude, edited.longitude) == (
        "Bordstein am Markt, 8 cm",
        market["latitude"],
        market["longitude"],
    )
    # only when the leader asks
    page.goto(f"{base}/walks/{walk_uuid}/observations/{market_obs.id}/edit?lang=en")
    page.click("[data-geo-button]")
    page.wait_for_function(
        f"document.getElementById('latitude').value === '{PLACES['start']['latitude']:.6f}'",
        timeout=15000,
    )
    context.close()
