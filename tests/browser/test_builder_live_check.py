"""builder.js: while a coordinator types, the box under the text shows the same hints, the
"no hints" sentence and the reading-ease score that the server shows after saving."""

from __future__ import annotations

import pytest

from survey.services.demo import DEMO_SURVEY_SLUG

pytestmark = pytest.mark.browser


def test_typing_updates_hints_and_score(visitors):
    visitor = visitors("coordinator", "1280x800", "builder-live-check")
    page = visitor.page
    visitor.open(f"/builder/{DEMO_SURVEY_SLUG}/texts/de", lang="en")
    box = page.locator("#t-intro-check")
    page.fill(
        "#t-intro", "Wir fragen Sie nach dem Bus. Der Bus hält vor dem Haus. Sie steigen ein."
    )
    page.wait_for_selector("#t-intro-check .plain-language__ok")
    assert (
        box.locator(".plain-language__ok").inner_text() == "No plain-language hints for this text."
    )
    assert box.locator(".plain-language__score").inner_text().startswith("Reading ease: ")
    page.fill(
        "#t-intro",
        "Die Barrierefreiheitsinformationsveranstaltung wurde von der Stadtverwaltung, die im "
        "vergangenen Jahr umstrukturiert worden war, nicht rechtzeitig angekündigt.",
    )
    page.wait_for_selector("#t-intro-check .plain-language__list li")
    assert box.locator(".plain-language__title").inner_text() == "Plain-language hints"
    assert box.locator(".plain-language__ok").count() == 0
    assert box.locator(".plain-language__score").count() == 1
