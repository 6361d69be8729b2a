"""Arabic-script and Cyrillic text is drawn with real glyphs (Noto), never as empty boxes.

Each page is photographed (build/test-artifacts/screenshots/) and every element with Arabic
or Cyrillic text is checked twice: Chromium reports which installed font drew it (it must be
the Noto font for that script, from fonts-noto-core, as app.css asks for), and the glyphs'
widths must differ from the "missing glyph" box, measured with a code point no font has.
"""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "uk"])
def test_arabic_and_cyrillic_glyphs_render(fresh_page, lang):
    page = fresh_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    assert fresh_page.open("/login", lang).status == 200
    page.locator(".language-switcher summary").click()  # shows every language in its script
    shot = save_screenshot(page, f"fonts-login-{lang}")
    assert shot.stat().st_size > 5000  # a real picture of the page, not an empty file

    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    for script, (pattern, families, package) in SCRIPTS.items():
        samples = page.evaluate(_PROBE, [script, pattern, NO_FONT_HAS_THIS])
        assert samples, f"no {script} text visible on /login?lang={lang}"
        for sample in samples:
            where = f"{script} text {sample['text']!r} on /login?lang={lang}"
            boxes = [w for w in sample["widths"] if abs(w - sample["box"]) < 0.01]
            assert len(boxes) < len(sample["widths"]) or len(sample["widths"]) == 1, (
                f"{where} is drawn as empty boxes (every letter has the missing-glyph width "
                f"{sample['box']:.1f} px)"
            )
            used = _fonts_for(cdp, sample["probe"])
            assert any(f in families for f in used), (
                f"{where} is drawn with {used or 'no font'}, not with {' or '.join(families)}: "
                f"install {package} (`make test` does it through scripts/system-deps.sh)"
            )
    cdp.detach()
