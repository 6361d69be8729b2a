"""axe-core scans and the checks that go with them, with failures people can read."""

from __future__ import annotations

import json
import textwrap

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA as axe-core knows it; target-size (2.5.8) only runs when wcag22aa is asked for.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One block per rule: what is wrong, where (selector and markup), how to fix it."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    at {json.dumps(node['target'])}")
            lines.append(textwrap.indent(textwrap.shorten(node["html"], 200), "      "))
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            lines.append(textwrap.indent(textwrap.shorten(summary, 400), "      "))
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


def page_problems(page, *, width: int) -> list[str]:
    """axe-core violations, plus sideways scrolling at phone width."""
    problems = []
    violations = axe_violations(page)
    if violations:
        problems.append(
            f"{len(violations)} axe-core violation(s):\n{describe_violations(violations)}"
        )
    if width <= 320:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide = page.evaluate(_WIDE_ELEMENTS, width)
            problems.append(
                f"the page scrolls sideways at {width} px: scrollWidth is {scroll_width} px; "
                f"elements reaching past the edge: {wide}"
            )
    return problems


# The outermost elements that stick out of the viewport, to point at the culprit.
_WIDE_ELEMENTS = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 || r.left < -0.5) {
      if (!out.some((o) => o.contains(el))) out.push(el);
    }
  }
  return out.slice(0, 5).map((el) =>
    el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' (' + Math.round(el.getBoundingClientRect().left) + '..' + Math.round(el.getBoundingClientRect().right) + ' px)');
}"""


_CONTRAST_OF_FOCUSED = """async () => {
  const el = document.activeElement;
  const result = await axe.run(el, {
    runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations'],
  });
  const name = el.tagName.toLowerCase() + ' ' +
    JSON.stringify((el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40));
  return {name, problems: result.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary))};
}"""


# What decides how a focused element looks: its tag and classes, and those of the three
# elements around it (the same link in the same kind of table cell looks the same).
_FOCUSED = """(() => {
  const el = document.activeElement;
  if (el === document.body) return null;
  const look = [];
  for (let node = el, i = 0; node && node !== document.body && i < 4; node = node.parentElement, i++) {
    look.push(node.tagName + "." + node.className);
  }
  return {key: el.outerHTML.slice(0, 300), look: look.join(" < ")};
})()"""


def focus_contrast_problems(page, max_stops: int = 60) -> tuple[int, list[str]]:
    """Tab through the page from the top; axe's colour-contrast rule on each focused element
    that looks different from the ones before (a table of 40 alike links is checked once).

    Returns the number of Tab stops and the problems found."""
    page.evaluate(_axe.axe_script)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    first, stops, problems, seen = None, 0, [], set()
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["key"] == first:
            break
        first = first or focused["key"]
        stops += 1
        if focused["look"] in seen:
            continue
        seen.add(focused["look"])
        found = page.evaluate(_CONTRAST_OF_FOCUSED)
        problems += [f"{found['name']} when focused: {p}" for p in found["problems"]]
    return stops, problems
