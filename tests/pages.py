"""Parse a page and fail on what breaks it for people: used by every view test."""

from __future__ import annotations

import copy
import re
from collections import Counter

from bs4 import BeautifulSoup

from survey.i18n import force_locale, gettext

CONTROLS = ["input", "select", "textarea"]
UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_page(page, *, form_required: bool = False) -> BeautifulSoup:
    """Return the parsed page; assert one h1, matching title, lang/dir, ids, labels, forms."""
    html = page.get_data(as_text=True) if hasattr(page, "get_data") else page
    soup = BeautifulSoup(html, "html.parser")

    root = soup.find("html")
    assert root is not None, "no <html> element"
    lang, direction = root.get("lang"), root.get("dir")
    assert lang, "<html> has no lang"
    assert direction in {"ltr", "rtl"}, f"<html> has dir={direction!r}"

    h1s = soup.find_all("h1")
    assert len(h1s) == 1, (
        f"expected exactly one h1, found {len(h1s)}: {[_norm(h.text) for h in h1s]}"
    )
    h1 = copy.copy(h1s[0])
    for marker in h1.select(".content-language"):  # "(Deutsch)" after a fallback text
        marker.decompose()
    heading = _norm(h1.get_text())
    assert heading, "the h1 is empty"
    title = _norm(soup.title.get_text()) if soup.title else ""
    with force_locale(lang.split("-")[0]):
        prefix = gettext("Error:")
    if title.startswith(prefix):
        title = title[len(prefix) :].strip()
    assert title.startswith(heading), f"title {title!r} does not start with the h1 {heading!r}"

    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"

    assert soup.find("a", class_="skip-link", href="#main"), "no skip link to #main"
    assert soup.find(id="main"), "no element with id=main"

    for attr in ("aria-labelledby", "aria-describedby"):
        for tag in soup.find_all(attrs={attr: True}):
            refs = tag[attr].split()
            dangling = [ref for ref in refs if ref not in ids] if refs else ["(empty)"]
            assert not dangling, f"{attr} points at no element {dangling}: {str(tag)[:200]}"

    for label in soup.find_all("label"):
        assert _norm(label.get_text()), f"empty label: {label}"

    for control in soup.find_all(CONTROLS):
        if control.name == "input" and control.get("type", "text") in UNLABELLED_OK:
            continue
        cid = control.get("id")
        labelled = (
            (cid and soup.find("label", attrs={"for": cid}))
            or control.find_parent("label")
            or _norm(control.get("aria-label", ""))
            or control.get("aria-labelledby")
        )
        assert labelled, f"form control without a label: {control}"

    forms = soup.find_all("form")
    if form_required:
        assert forms, "expected a form on this page"
    for form in forms:
        assert form.get("action", "").strip(), f"form without action: {str(form)[:200]}"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), (
                f"POST form without a CSRF field: {str(form)[:200]}"
            )
    return soup
