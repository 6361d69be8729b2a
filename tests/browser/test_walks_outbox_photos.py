"""Real-browser tests of photos in the outbox: shrunk before they wait, and a request the
server refuses as too big stays on the phone, can be opened again, fixed and sent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from survey.models import Role

from ..conftest import TEST_PASSWORD
from ..walk_helpers import make_walk
from .a11y import axe_violations, describe_violations
from .test_walks_offline import _count_is, _log, _log_in, _observations, _phone, _serve

pytestmark = pytest.mark.browser


def _noisy_jpeg(path: Path, size: tuple[int, int]) -> Path:
    """A photo that compresses as badly as a real one of leaves and cobblestones."""
    out = io.BytesIO()
    Image.effect_noise(size, 30).convert("RGB").save(out, "JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return path


def _observations_with_photos(app, walk_uuid):
    from ..walk_helpers import find_walk

    return find_walk(app, walk_uuid).observations


def test_big_phone_photos_are_shrunk_so_they_fit_into_one_request(
    make_app, make_user, browser, tmp_path
):
    photos = [_noisy_jpeg(tmp_path / f"IMG_{n}.JPG", (4000, 3000)) for n in range(2)]
    limit = 6 * 2**20
    assert sum(p.stat().st_size for p in photos) > limit  # as they come from the camera
    with _serve(make_app, MAX_CONTENT_LENGTH=limit) as (base, app):
        leader = make_user(Role.WALK_LEADER, email="leader@example.org")
        walk_uuid = make_walk(app, leader, use_location=False)
        context = _phone(browser)
        page = context.new_page()
        _log_in(page, base, leader.email, TEST_PASSWORD)
        page.goto(f"{base}/walks/{walk_uuid}/observations/new?lang=en")
        page.wait_for_selector("[data-outbox-status]:not([hidden])")
        page.set_input_files("#photos", [str(p) for p in photos])
        _log(page, 0, 2, "Bordstein, zwei Fotos")
        page.wait_for_function(
            "document.querySelector('[data-outbox-message]').textContent.includes('sent')",
            timeout=30000,
        )
        _count_is(page, 0)
        assert page.is_hidden("[data-outbox-failed]")
        [obs] = _observations_with_photos(app, walk_uuid)
        assert obs.note == "Bordstein, zwei Fotos"
        assert len(obs.photos) == 2
        context.close()


def test_a_refused_observation_can_be_opened_fixed_and_sent(make_app, make_user, browser, tmp_path):
    photo = _noisy_jpeg(tmp_path / "IMG_0042.JPG", (1600, 1200))
    with _serve(make_app, MAX_CONTENT_LENGTH=200_000) as (base, app):
        leader = make_user(Role.WALK_LEADER, email="leader@example.org")
        walk_uuid = make_walk(app, leader, use_location=False)
        context = _phone(browser)
        page = context.new_page()
        _log_in(page, base, leader.email, TEST_PASSWORD)
        page.goto(f"{base}/walks/{walk_uuid}/observations/new?lang=en")
        page.wait_for_selector("[data-outbox-status]:not([hidden])")
        page.set_input_files("#photos", [str(photo)])
        page.fill("#quote", "Da komme ich nicht hoch.")
        _log(page, 0, 2, "Stufe vor der Apotheke")
        page.wait_for_selector("[data-outbox-failed] li", timeout=30000)
        _count_is(page, 0)
        assert "refused" in page.inner_text("[data-outbox-message]")
        failed = page.inner_text("[data-outbox-failed]")
        assert "too big to send together" in failed
        assert "Stufe vor der Apotheke" in failed
        assert _observations(app, walk_uuid) == []
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)

        # still there after a reload, on the walk page too
        page.goto(f"{base}/walks/{walk_uuid}?lang=en")
        page.wait_for_selector("[data-outbox-failed] li")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        page.click("[data-outbox-failed] a")  # open it in the form
        page.wait_for_function("document.getElementById('note').value !== ''")
        assert page.input_value("#note") == "Stufe vor der Apotheke"
        assert page.input_value("#quote") == "Da komme ich nicht hoch."
        assert page.is_checked("#category-0")
        assert page.is_checked("#severity-2")
        assert page.evaluate("document.getElementById('photos').files.length") == 1

        page.set_input_files("#photos", [])  # without the photo it fits
        page.click("form[data-outbox] button[type=submit]")
        page.wait_for_function(
            "document.querySelector('[data-outbox-message]').textContent.includes('sent')",
            timeout=30000,
        )
        _count_is(page, 0)
        page.wait_for_function("!document.querySelector('[data-outbox-failed] li')")
        [obs] = _observations(app, walk_uuid)
        assert (obs.note, obs.quote, obs.severity) == (
            "Stufe vor der Apotheke",
            "Da komme ich nicht hoch.",
            3,
        )
        context.close()
