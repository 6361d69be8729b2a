"""Keyboard use: the skip link comes first and works; every focused element shows it."""

from __future__ import annotations

import pytest

from .a11y import page_problems

pytestmark = pytest.mark.browser

_FOCUSED = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className || '',
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    boxShadow: s.boxShadow, background: s.backgroundColor, visible: r.width > 0 && r.height > 0 &&
      r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
}"""


# The same element's look without focus (focus is given back afterwards).
_UNFOCUSED = """() => {
  const el = document.activeElement;
  el.blur();
  const s = getComputedStyle(el);
  const look = {outlineStyle: s.outlineStyle, boxShadow: s.boxShadow, background: s.backgroundColor};
  el.focus();
  return look;
}"""


def _focused(page) -> dict:
    return page.evaluate(_FOCUSED)


def _focus_changes_look(page, info: dict) -> bool:
    """The focused element looks different from the same element without focus."""
    plain = page.evaluate(_UNFOCUSED)
    return any(info[k] != plain[k] for k in ("outlineStyle", "boxShadow", "background"))


def _has_focus_indicator(info: dict) -> bool:
    outline = info["outlineStyle"] != "none" and info["outlineWidth"] > 0
    return outline or info["boxShadow"] not in {"none", ""}


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_skip_link_is_first_and_moves_focus_to_main(fresh_page, lang):
    page = fresh_page.page
    fresh_page.open("/login", lang)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert "skip-link" in first["cls"], f"the first Tab stop is {first}, not the skip link"
    assert first["visible"], "the skip link stays off screen when it has focus"
    assert _has_focus_indicator(first)
    page.keyboard.press("Enter")
    after = _focused(page)
    assert (after["tag"], after["id"]) == ("main", "main"), f"focus went to {after}"
    # the next Tab continues inside main: the first form field, not the header
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_every_tab_stop_on_login_shows_focus(fresh_page):
    page = fresh_page.page
    fresh_page.open("/login", "de")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = _focused(page)
        if info["tag"] == "body" or (seen and info == seen[0]):
            break
        assert info["visible"], f"Tab stop {len(seen) + 1} is not on screen: {info}"
        assert _has_focus_indicator(info), (
            f"Tab stop {len(seen) + 1} ({info['tag']} {info['text']!r}) has no visible "
            f"focus indicator: outline {info['outlineStyle']} {info['outlineWidth']}px, "
            f"box-shadow {info['boxShadow']}"
        )
        assert _focus_changes_look(page, info), (
            f"Tab stop {len(seen) + 1} ({info['tag']} {info['text']!r}) looks the same with "
            "and without focus"
        )
        seen.append(info)
    kinds = [i["tag"] for i in seen]
    assert kinds.count("input") >= 2, f"Tab stops: {seen}"
    assert "button" in kinds, f"Tab stops: {seen}"


def test_login_works_by_keyboard_alone(fresh_page):
    """Type the demo login and press Enter: the dashboard opens, with CSRF on."""
    from .site import demo_site

    page = fresh_page.page
    email, password = demo_site().login_of("coordinator")
    fresh_page.open("/login", "de")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")  # to main
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/dashboard")
    assert page_problems(page, width=1280) == []


def test_checks_catch_real_problems(fresh_page):
    """The scanner itself: a page with known faults must be reported, not waved through."""
    page = fresh_page.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.set_content(
        '<!doctype html><html lang="de"><head><title>Test</title></head><body><main>'
        '<h1>Test</h1><input type="text"><p><a href="/x"></a></p>'
        "<table><tr><td>" + "W" * 300 + "</td></tr></table></main></body></html>"
    )
    problems = "\n".join(page_problems(page, width=320))
    assert "label" in problems  # the input without a label
    assert "link-name" in problems  # the empty link
    assert "scrolls sideways" in problems
