"""Texts of a rendered page and the translation leftovers in it (no Flask needed).

Used by tests/test_catalogs.py (public pages) and tests/test_languages_crawl.py (the resident
journey, the public results and the coordinator pages in every language).
"""

from __future__ import annotations

import re
from functools import cache

from bs4 import BeautifulSoup

from survey import catalogs
from survey.config import LANGUAGES
from survey.i18n import language_name

from .pages import check_page

ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :")


def page_texts(html: str, *, check: bool = True) -> set[str]:
    """Every visible text node and every text attribute of a page (normalised)."""
    soup = check_page(html) if check else BeautifulSoup(html, "html.parser")
    texts = {_norm(s) for s in soup.stripped_strings}
    for name in ATTRIBUTES:
        texts |= {_norm(tag[name]) for tag in soup.find_all(attrs={name: True})}
    return {t for t in texts if t}


@cache
def allowed_same_as_english(locale: str) -> frozenset[str]:
    """Texts that may be identical in English and `locale`: names, and translations that
    happen to be spelled the same (German "Status", "Team")."""
    same = {"Mitsprache", *(language_name(code) for code in LANGUAGES)}
    catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
    for message in catalog:
        if message.id and not isinstance(message.id, list | tuple):
            if message.string == message.id:
                same.add(message.id)
    return frozenset(same)


_PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%[sd]|\{\w*\}")


@cache
def _same_patterns(locale: str) -> tuple[re.Pattern, ...]:
    """Strings with placeholders that `locale` writes as English does ("Version %(n)s")."""
    catalog = catalogs.read_catalog(catalogs.po_path(locale), locale)
    found = []
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string == message.id:
            pieces = _PLACEHOLDER.split(_norm(message.id))
            if len(pieces) > 1:
                found.append(re.compile(".+".join(re.escape(p) for p in pieces)))
    return tuple(found)


def english_leftovers(
    locale: str,
    html: str,
    english_html: str,
    *,
    check: bool = True,
    ignore: frozenset = frozenset(),
) -> set[str]:
    """Texts of `html` (in `locale`) that the English page shows as they are."""
    english = page_texts(english_html, check=check)
    allowed = allowed_same_as_english(locale) | ignore
    leftovers = {t for t in page_texts(html, check=check) & english if t not in allowed}
    leftovers = {t for t in leftovers if not any(p.fullmatch(t) for p in _same_patterns(locale))}
    # a brand or language name inside a longer text, like "Page not found – Mitsprache"
    return {t for t in leftovers if re.sub(r"\s*–\s*Mitsprache$", "", t) not in allowed}
