"""The demo poster (8 languages) prints on one A4 page, nothing cut off."""

from __future__ import annotations

import re

import pytest

from survey.models import Role
from survey.services.demo import DEMO_SURVEY_SLUG

pytestmark = pytest.mark.browser

A4_PRINTABLE_MM = 297 - 15 - 18  # print.css: @page { size: A4; margin: 15mm 15mm 18mm }
PX_PER_MM = 96 / 25.4


@pytest.mark.parametrize("version", ["", "easy"])
def test_demo_poster_prints_on_one_a4_page(visitors, version):
    visitor = visitors(Role.COORDINATOR.value, "1280x800")
    page = visitor.page
    query = f"?version={version}" if version else ""
    reply = visitor.open(f"/builder/{DEMO_SURVEY_SLUG}/poster{query}", lang="de")
    assert reply.status == 200
    blocks = page.locator("section.poster__block")
    assert blocks.count() == 8  # every language of the demo survey
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"the poster prints on {pages} pages"

    # and nothing is cut off: with print styles, the last language ends inside the page box
    page.emulate_media(media="print")
    try:
        page.set_viewport_size({"width": round((210 - 30) * PX_PER_MM), "height": 1200})
        bottom = page.evaluate(
            "() => { const r = document.querySelector('.poster').getBoundingClientRect();"
            " return r.bottom - document.querySelector('main').getBoundingClientRect().top; }"
        )
        assert bottom <= A4_PRINTABLE_MM * PX_PER_MM, f"poster is {bottom / PX_PER_MM:.0f} mm high"
        last = page.locator("section.poster__block").last
        assert last.is_visible()
        assert page.locator(".poster__qr").count() == 1  # one shared QR code and address
        assert page.locator(".poster__url").count() == 1
    finally:
        page.emulate_media(media="null")
        page.set_viewport_size({"width": 1280, "height": 800})
