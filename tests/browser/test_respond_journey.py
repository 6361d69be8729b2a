"""A resident answers a survey in Chromium by keyboard alone; axe-core checks every step.

Self-contained: its own live server (CSRF on) on a temporary SQLite database. It uses the
package's shared `browser` fixture when there is one, else starts Chromium itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from survey import create_app
from survey.db import get_session, upgrade

from ..factories import ALL_TYPES, make_survey, texts

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTEFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "screenshots"


ARABIC_LABEL = "في أي منطقة تسكن؟"
MULTI = [  # three questions on one page, then one on its own
    {"key": "name", "type": "short_text", "page": 1},
    {"key": "oft", "type": "single_choice", "required": True, "choices": ["ja", "nein"], "page": 1},
    {"key": "jahre", "type": "number", "settings": {"min": 0, "max": 120}, "page": 1},
    {"key": "hilfe", "type": "yes_no", "choices": ["yes", "no"]},
]


def _surveys(session) -> None:
    """The open survey of every question type (Arabic texts on its first question), a survey
    with several questions on one page, and a closed and a draft survey."""
    questions = [dict(spec) for spec in ALL_TYPES]
    questions[0]["texts"] = texts(
        "In welchem Gebiet wohnen Sie?",
        "Which area do you live in?",
        label_easy={"de": "Wo wohnen Sie?"},
        hint={"de": "Wählen Sie ein Gebiet.", "ar": "اختر منطقة."},
    )
    questions[0]["texts"]["label"]["ar"] = ARABIC_LABEL
    questions[0]["choices"] = [
        {"key": "altstadt", "texts": {"label": {"de": "Altstadt", "ar": "البلدة القديمة"}}},
        {"key": "nord", "texts": {"label": {"de": "Nord", "ar": "الشمال"}}},
    ]
    title = texts("Was brauchen Sie?", "What do you need?") | {
        "title": {"de": "Was brauchen Sie?", "ar": "ماذا تحتاج؟"}
    }
    languages = ["de", "en", "ar"]
    make_survey(session, "umfrage", questions, languages=languages, status="open", texts=title)
    multi = make_survey(
        session, "mehrere", [dict(q) for q in MULTI], languages=languages, status="open",
        texts=title,
    )  # fmt: skip
    for spec, question in zip(MULTI, multi.questions, strict=True):
        question.page = spec.get("page")
    for slug, status in (("zu", "closed"), ("entwurf", "draft")):
        make_survey(session, slug, MULTI[:1], languages=languages, status=status, texts=title)


@contextmanager
def _serve(path: Path, **config) -> Iterator[str]:
    from werkzeug.serving import make_server

    app = create_app(
        {"TESTING": False, "SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{path}"}
        | config
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["db_engine"].dispose()


@pytest.fixture(scope="module")
def respond_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("respond-browser") / "db.sqlite3"
    upgrade(f"sqlite:///{path}")
    app = create_app(
        {"TESTING": False, "SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{path}"}
    )
    with app.app_context():
        _surveys(get_session())
        get_session().commit()
    app.extensions["db_engine"].dispose()
    return path


@pytest.fixture(scope="module")
def respond_server(respond_database):
    """The app (CSRF on) with the surveys above in de, en and ar; yields its URL."""
    with _serve(respond_database) as url:
        yield url


@pytest.fixture(scope="module")
def limited_server(respond_database):
    """The same surveys behind a rate limit that refuses every write: the 429 page."""
    with _serve(respond_database, RESPOND_WRITE_LIMIT=(0, 600)) as url:
        yield url


@pytest.fixture(scope="module")
def respond_browser(request):
    """The shared Chromium of tests/browser if its conftest offers one, else our own."""
    try:
        yield request.getfixturevalue("browser")
        return
    except pytest.FixtureLookupError:
        pass
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def _axe(page, step: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, f"{step}: {results.generate_report()}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{step}: scrolls sideways ({width}px)"


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on `selector` (fails if the keyboard cannot get there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _submit(page, selector: str = "button[value=continue]") -> None:
    _tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _answer(page, key: str) -> None:
    """Answer one question with the keyboard only."""
    keys = page.keyboard
    if key in {"wohnort", "hilfe", "zufrieden", "rollstuhl"}:
        _tab_to(page, f"#q-{key}-0")
        keys.press("Space")
    elif key == "themen":
        _tab_to(page, "#q-themen-0")
        keys.press("Space")
        keys.press("Tab")
        keys.press("Space")
    elif key in {"alter", "name_ort", "idee"}:
        _tab_to(page, f"#q-{key}")
        keys.type({"alter": "67", "name_ort": "Marktplatz", "idee": "Mehr Bänke"}[key])
    elif key == "seit":
        _tab_to(page, "#q-seit-day")
        for value in ("1", "3", "2020"):
            keys.type(value)
            keys.press("Tab")
    elif key == "wichtig":
        _tab_to(page, "#q-wichtig-bus")
        keys.press("ArrowDown")
        keys.press("ArrowDown")  # rank 2
        keys.press("Tab")
        keys.press("ArrowDown")  # rank 1


@pytest.mark.parametrize(
    ("query", "lang", "direction"),
    [("?lang=de", "de", "ltr"), ("?lang=de&easy=1", "de", "ltr"), ("?lang=ar", "ar", "rtl")],
    ids=["de", "de-easy", "ar"],
)
def test_keyboard_only_journey_is_axe_clean_at_320px(
    respond_server, respond_browser, query, lang, direction
):
    context = respond_browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{respond_server}/s/umfrage{query}")
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == direction
        _axe(page, "start")
        _tab_to(page, "#consent")
        page.keyboard.press("Space")
        _submit(page, "main button.button")

        _submit(page)  # the required first question without an answer
        assert page.locator(".error-summary").is_visible()
        _axe(page, "error")

        answered = []
        while "/q/" in page.url:
            key = page.url.rsplit("/q/", 1)[1].split("?")[0]
            _axe(page, key)
            _answer(page, key)
            _submit(page)
            answered.append(key)
        assert answered == [spec["key"] for spec in ALL_TYPES]

        assert page.url.endswith("/s/umfrage/check")
        _axe(page, "check")
        assert "Marktplatz" in page.inner_text(".summary")
        _submit(page, "main form button.button")
        assert page.url.endswith("/s/umfrage/thanks")
        assert page.get_attribute("html", "dir") == direction
        _axe(page, "thanks")
    finally:
        context.close()


def test_read_aloud_button_appears_only_with_a_voice_and_speaks_the_question(
    respond_server, respond_browser
):
    context = respond_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{respond_server}/s/umfrage?lang=de")
        # no voice for the language (headless Chromium has none): no button at all
        assert page.locator(".read-aloud button").count() == 0

        page.add_init_script(
            """
            window.__spoken = [];
            const voice = {lang: "de-DE", name: "Test"};
            speechSynthesis.getVoices = () => [voice];
            speechSynthesis.speak = (u) => { window.__spoken.push([u.lang, u.text]); };
            """
        )
        page.goto(f"{respond_server}/s/umfrage/resume?lang=de")
        button = page.locator(".read-aloud button")
        assert button.count() == 1
        _tab_to(page, ".read-aloud button")
        page.keyboard.press("Enter")
        spoken = page.evaluate("window.__spoken")
        assert spoken
        assert spoken[0][0] == "de"
        assert any("12" in text for _lang, text in spoken)  # the hint about the 12 letters
    finally:
        context.close()


def test_read_aloud_reads_a_fallback_text_in_its_own_language(respond_server, respond_browser):
    context = respond_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.add_init_script(
            """
            window.__spoken = [];
            const voices = [{lang: "ar-SA", name: "A"}, {lang: "de-DE", name: "D"}];
            speechSynthesis.getVoices = () => voices;
            speechSynthesis.speak = (u) => { window.__spoken.push([u.lang, u.text]); };
            """
        )
        page.goto(f"{respond_server}/s/umfrage?lang=ar")
        page.check("#consent")
        with page.expect_navigation():
            page.click("main button.button")
        page.goto(f"{respond_server}/s/umfrage/q/hilfe")  # its label exists in German only
        assert page.locator("h1 [lang=de]:not(.content-language)").count() == 1
        assert page.inner_text("h1 .content-language") == "(Deutsch)"  # the visible marker
        page.click(".read-aloud button")
        spoken = {text: lang for lang, text in page.evaluate("window.__spoken")}
        # the German label and its "(Deutsch)" marker are one German text
        assert spoken["Frage hilfe (Deutsch)"] == "de"
        assert spoken[page.inner_text(".progress").strip()] == "ar"
    finally:
        context.close()


def test_arabic_question_page_screenshot_at_390px(respond_server, respond_browser):
    context = respond_browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    try:
        page.goto(f"{respond_server}/s/umfrage?lang=ar")
        page.check("#consent")
        with page.expect_navigation():
            page.click("main button.button")
        assert "/q/wohnort" in page.url
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.inner_text("h1").strip() == ARABIC_LABEL
        assert page.locator("main [lang=de]").count() == 0  # no German fallback on the page
        assert "البلدة القديمة" in page.inner_text("main form")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # the back link's chevron points right, the way back in a right-to-left page
        box = page.locator(".back-link").bounding_box()
        assert box["x"] + box["width"] > 390 / 2  # it sits at the start (right) of the line
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.back-link'), '::before').content"
            )
            == '"‹"'
        )  # Bidi_Mirrored: shown as › in right-to-left text, so no override
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTEFACTS / "respond-question-ar-390.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        print(f"\nscreenshot: {target}")
    finally:
        context.close()


VARIANTS = pytest.mark.parametrize(
    "query", ["?lang=de", "?lang=de&easy=1", "?lang=ar"], ids=["de", "de-easy", "ar"]
)


def _narrow(respond_browser, respond_server, query: str):
    """A fresh 320 px phone in the variant's language and register (the cookies keep them)."""
    context = respond_browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{respond_server}/s/mehrere{query}")
    return context, page


def _click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


@VARIANTS
def test_every_resident_state_is_axe_clean_at_320px(respond_server, respond_browser, query):
    context, page = _narrow(respond_browser, respond_server, query)
    try:
        _click(page, "main form button.button")  # without ticking the consent box
        assert page.get_attribute("#consent", "aria-invalid") == "true"
        _axe(page, "consent error")

        page.check("#consent")
        _click(page, "main form button.button")
        assert page.locator("main form .form-group").count() >= 3
        _axe(page, "several questions on one page")
        page.fill("#q-jahre", "zweihundert")
        _click(page, "button[value=continue]")
        assert page.locator(".error-summary li").count() == 2  # the choice and the number
        _axe(page, "several questions with errors")

        _click(page, "button[value=later]")
        assert "/later" in page.url
        code = page.locator(".resume-code [aria-hidden=true]").inner_text()
        assert len(code.replace(" ", "")) == 12
        _axe(page, "later with its code")

        page.goto(f"{respond_server}/s/mehrere/check")
        _click(page, "main form button.button")  # send with a required question unanswered
        assert page.locator(".error-summary").is_visible()
        _axe(page, "check with errors")

        page.goto(f"{respond_server}/s/mehrere/resume")
        page.fill("#code", "AAAA BBBB CCCC")
        _click(page, "main form button.button")
        assert page.get_attribute("#code", "aria-invalid") == "true"
        _axe(page, "wrong resume code")

        for slug, status in (("zu", 200), ("entwurf", 404), ("gibt-es-nicht", 404)):
            reply = page.goto(f"{respond_server}/s/{slug}")
            assert reply.status == status, slug
            _axe(page, f"survey {slug}")
    finally:
        context.close()


@VARIANTS
def test_rate_limited_page_is_axe_clean_at_320px(limited_server, respond_browser, query):
    context, page = _narrow(respond_browser, limited_server, query)
    try:
        page.check("#consent")
        with page.expect_navigation() as navigation:
            page.click("main form button.button")
        assert navigation.value.status == 429
        _axe(page, "too many attempts")
    finally:
        context.close()
