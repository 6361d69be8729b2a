"""A coordinator keys in paper responses by keyboard alone, one after the other."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.db import get_session
from survey.models import Channel, Response, Role, Survey
from survey.services.demo import DEMO_SURVEY_SLUG

from .conftest import VIEWPORTS
from .site import demo_site

pytestmark = pytest.mark.browser

FIRST_QUESTION = (
    ".paper-entry__question input:not([type=hidden]), .paper-entry__question select,"
    " .paper-entry__question textarea"
)


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _focus_is_first_question(page) -> bool:
    return page.evaluate(
        "s => document.activeElement === document.querySelector(s)", FIRST_QUESTION
    )


def _paper_responses() -> list[tuple[str, bool, int]]:
    """(language, easy-read, number of answer rows) of the demo survey's paper responses."""
    with demo_site().crawl_app.app_context():
        session = get_session()
        survey = session.scalars(select(Survey).where(Survey.slug == DEMO_SURVEY_SLUG)).one()
        found = session.scalars(
            select(Response)
            .where(Response.survey_id == survey.id, Response.channel == Channel.PAPER)
            .order_by(Response.id)
        ).all()
        return [(r.language, r.easy_read, len(r.answers)) for r in found]


def test_paper_responses_keyed_in_by_keyboard_alone(browser, live_server, visitors):
    coordinator = visitors(Role.COORDINATOR.value, "1280x800")
    # a tab of its own, logged in as the coordinator (the shared tab's state stays untouched)
    page = coordinator.context.new_page()
    page.set_viewport_size(VIEWPORTS["1280x800"])
    try:
        before = len(_paper_responses())
        page.goto(f"{live_server}/builder/{DEMO_SURVEY_SLUG}/paper?lang=en")
        _tab_to(page, "#language")
        page.keyboard.press("ArrowDown")  # the second language of the survey
        language = page.eval_on_selector("#language", "s => s.value")
        _tab_to(page, "#easy_read")
        page.keyboard.press("Space")
        _tab_to(page, FIRST_QUESTION)
        page.keyboard.press("Space")  # the first choice of the first question
        _tab_to(page, "form.paper-entry button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")

        # the next form: same language and register, the keyboard at the first question
        assert page.locator(".notice--success").is_visible()
        assert page.eval_on_selector("#language", "s => s.value") == language
        assert page.is_checked("#easy_read")
        assert _focus_is_first_question(page)
        page.keyboard.press("Space")
        _tab_to(page, "form.paper-entry button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert _focus_is_first_question(page)

        new = _paper_responses()[before:]
        assert [(lang, easy) for lang, easy, _rows in new] == [(language, True)] * 2
        assert all(rows == 1 for _lang, _easy, rows in new)  # the first question's answer
    finally:
        page.close()
