"""Arabic-script and Cyrillic text is drawn with real glyphs (Noto), never as empty boxes.

Each page is photographed (build/test-artifacts/screenshots/) and every element with Arabic
or Cyrillic text is checked twice: Chromium reports which installed font drew it (it must be
the Noto font for that script, from fonts-noto-core, as app.css asks for), and the glyphs'
widths must differ from the "missing glyph" box, measured with a code point no font has.
"""

from __future__ import annotations

import pytest

from survey.services.demo import DEMO_SURVEY_SLUG

from .live import save_screenshot

pytestmark = pytest.mark.browser

NO_FONT_HAS_THIS = "\U0010fffd"  # a private-use code point: drawn as the .notdef box

SCRIPTS = {
    # script: (regex class for JS, fonts that must draw it, the package that brings them)
    "arabic": (
        "[\\u0600-\\u06FF\\u0750-\\u077F\\uFB50-\\uFDFF\\uFE70-\\uFEFF]",
        ("Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic"),
        "fonts-noto-core",
    ),
    "cyrillic": ("[\\u0400-\\u04FF]", ("Noto Sans",), "fonts-noto-core"),
}

# Mark every visible element whose own text has letters of the script; measure each letter
# with the element's font on a canvas, next to the missing-glyph box.
_PROBE = """([script, pattern, missing]) => {
  const letter = new RegExp(pattern, 'u');
  const ctx = document.createElement('canvas').getContext('2d');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join('');
    if (!letter.test(own) || el.getClientRects().length === 0) continue;
    if (el.closest('select')) continue;  // options are drawn by the browser's own popup
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    ctx.font = getComputedStyle(el).font;
    const letters = [...new Set([...own].filter((ch) => letter.test(ch)))];
    el.setAttribute('data-font-probe', script + found.length);
    found.push({
      probe: script + found.length,
      text: own.trim().slice(0, 60),
      box: ctx.measureText(missing).width,
      widths: letters.map((ch) => ctx.measureText(ch).width),
    });
  }
  return found;
}"""


def _fonts_for(cdp, probe: str) -> list[str]:
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send(
        "DOM.querySelector", {"nodeId": root, "selector": f'[data-font-probe="{probe}"]'}
    )
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    return [f["familyName"] for f in fonts if f["glyphCount"] > 0]


SCRIPT_OF = {"ar": "arabic", "fa": "arabic", "ru": "cyrillic", "uk": "cyrillic"}
# Digits, punctuation and Latin names inside a text come from the page's Latin font.
COMMON = ("Noto Sans",)
# /login with the language list open shows every script; the resident pages show their own.
PAGES = [
    *[("/login", lang) for lang in ["ar", "fa", "ru", "uk"]],
    *[(f"/s/{DEMO_SURVEY_SLUG}", lang) for lang in ["ar", "ru"]],
    *[(f"/r/{DEMO_SURVEY_SLUG}", lang) for lang in ["ar", "ru"]],
]


@pytest.mark.parametrize(("path", "lang"), PAGES, ids=[f"{p}?lang={lang}" for p, lang in PAGES])
def test_arabic_and_cyrillic_glyphs_render(fresh_page, path, lang):
    page = fresh_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    assert fresh_page.open(path, lang).status == 200
    if path == "/login":
        page.locator(".language-switcher summary").click()  # every language in its script
    name = path.strip("/").replace("/", "-")
    shot = save_screenshot(page, f"fonts-{name}-{lang}")
    assert shot.stat().st_size > 5000  # a real picture of the page, not an empty file

    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    for script, (pattern, families, package) in SCRIPTS.items():
        samples = page.evaluate(_PROBE, [script, pattern, NO_FONT_HAS_THIS])
        if script == SCRIPT_OF[lang]:
            assert samples, f"no {script} text visible on {path}?lang={lang}"
        for sample in samples:
            where = f"{script} text {sample['text']!r} on {path}?lang={lang}"
            boxes = [w for w in sample["widths"] if abs(w - sample["box"]) < 0.01]
            assert not boxes, (
                f"{where}: {len(boxes)} of its {len(sample['widths'])} letters have the "
                f"missing-glyph width {sample['box']:.1f} px (drawn as empty boxes?)"
            )
            used = _fonts_for(cdp, sample["probe"])
            assert any(f in families for f in used), (
                f"{where} is drawn with {used or 'no font'}, not with {' or '.join(families)}: "
                f"install {package} (`make test` does it through scripts/system-deps.sh)"
            )
            others = [f for f in used if f not in (*families, *COMMON)]
            assert not others, f"{where}: some glyphs come from {others}, not from {families}"
    cdp.detach()
