"""Every resident page of the demo survey, in all eight languages and in easy-read German,
with no interface text left in English, no standard German where an easy-read text exists,
no resident string without an easy-read version, and no empty label or heading.

The journey: start (and its consent error), every question page (and an answer error),
save for later, the code page, the resume page (and a wrong code), going on, the check page,
sending, the thanks page, and the public results /r/<slug>. The coordinator pages of the
browser crawl plan are checked for English leftovers too (without a browser).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from survey import catalogs
from survey.config import LANGUAGES
from survey.i18n import language_name
from survey.models import Answer, Area, Choice, NeedCategory, Question, Survey
from survey.services import demo, taxonomy
from survey.services.demo_responses import seed_demo_responses

from .leftovers import _PLACEHOLDER, english_leftovers, page_texts
from .pages import check_page

SLUG = demo.DEMO_SURVEY_SLUG
VARIANTS = [(lang, False) for lang in LANGUAGES] + [("de", True)]
TYPED = "Rampe"  # what the resident types into text fields
# texts with no word to translate: numbers, signs, addresses, a resume code (and spelt out)
NOT_WORDS = re.compile(r"[\W\d_]*|https?://\S+|[A-Z]{4} [A-Z]{4} [A-Z]{4}|(?:[A-Z] ){11}[A-Z]")


# --- what a page must not show -----------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :")


def _forms(message) -> list[str]:
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return [_norm(s) for s in strings if s]


def _pattern(text: str) -> re.Pattern | None:
    """A msgstr as a regular expression (placeholders match any text); None when too little
    of it is fixed text to tell it apart from content."""
    pieces = _PLACEHOLDER.split(text)
    if sum(len(re.findall(r"\w", p)) for p in pieces) < 2:
        return None
    return re.compile(".+".join(re.escape(p) for p in pieces))


@cache
def _easy_german() -> tuple[tuple[re.Pattern, ...], tuple[tuple[re.Pattern, str, str], ...]]:
    """What easy-read German may show (each easy-read text) and what it must not: the
    standard text of a string that has an easy-read version, and the text of a string that
    has none (an interface string residents see must be marked `resident`)."""
    standard = catalogs.read_catalog(catalogs.po_path("de"), "de")
    easy = catalogs.entries(catalogs.read_catalog(catalogs.po_path("de", "easy"), "de"))
    easy_texts = {text for m in easy.values() for text in _forms(m)}
    allowed = tuple(p for p in map(_pattern, sorted(easy_texts)) if p is not None)
    forbidden = []
    for key, message in catalogs.entries(standard).items():
        why = "has an easy-read text" if key in easy else "is not marked resident"
        for text in _forms(message):
            if text not in easy_texts and (pattern := _pattern(text)) is not None:
                forbidden.append((pattern, catalogs.msgid_text(message), why))
    return allowed, tuple(forbidden)


def standard_german(html: str, content: frozenset[str]) -> list[str]:
    """Texts of an easy-read page that are standard German (and no easy-read text)."""
    allowed, forbidden = _easy_german()
    found = []
    for text in sorted(page_texts(html) - content):
        if any(p.fullmatch(text) for p in allowed):
            continue
        found += [f"{text!r} (msgid {m!r} {why})" for p, m, why in forbidden if p.fullmatch(text)]
    return found


NAMED = ["label", "legend", "h1", "h2", "h3", "h4", "button", "a", "summary", "th", "option"]


def empty_names(html: str) -> list[str]:
    """Labels, headings, buttons and links with no text for anyone."""
    soup = BeautifulSoup(html, "html.parser")
    empty = []
    for tag in soup.find_all(NAMED):
        if tag.name == "option" and not tag.get("value"):
            continue  # "no choice yet" in a select may be blank
        has_text = tag.get_text(strip=True) or tag.get("aria-label", "").strip()
        has_text = has_text or tag.get("aria-labelledby") or tag.find("img", alt=re.compile(r"\S"))
        if not has_text:
            empty.append(str(tag)[:160])
    return empty


def content_texts(db) -> frozenset[str]:
    """Everything the network or residents wrote (survey texts, categories, areas, answers):
    content is checked by the builder's translation gate, not here."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.add(_norm(value))

    for model in (Survey, Question, Choice, NeedCategory, Area):
        for texts in db.scalars(select(model.texts)):
            walk(texts)
    walk(list(db.scalars(select(Answer.value_text).where(Answer.value_text.is_not(None)))))
    return frozenset(found)


# --- the journey -------------------------------------------------------------------------


def _query(lang: str, easy: bool) -> dict[str, str]:
    return {"lang": lang, "easy": "1" if easy else "0"}


def fill(html: str) -> dict[str, object]:
    """An answer for every control of a question page (the first choice, a number, a date)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("main").find("form")
    data: dict[str, object] = {}
    rank = 0
    for control in form.find_all(["input", "textarea", "select"]):
        name, kind = control.get("name"), control.get("type", "text")
        if not name or name == "csrf_token" or kind in {"hidden", "submit"}:
            continue
        if kind == "radio":
            data.setdefault(name, control["value"])
        elif kind == "checkbox":
            data.setdefault(name, [control["value"]])
        elif control.name == "select":
            options = [o["value"] for o in control.find_all("option") if o.get("value")]
            data[name] = options[rank % len(options)]
            rank += 1
        elif name.endswith(("-day", "-month")):
            data[name] = "3"
        elif name.endswith("-year"):
            data[name] = "2020"
        elif control.get("inputmode") == "numeric":
            data[name] = control.get("min") or "3"
        else:
            data[name] = TYPED
    return data


def journey(client, lang: str, easy: bool) -> Iterator[tuple[str, str, str]]:
    """Walk the demo survey as a resident: yields (page name, page, the same page in English).

    Each page is fetched in English first and then in `lang`, so the language cookie (and
    the answers, which live on the server) stay those of the resident."""
    query = _query(lang, easy)

    def both(method: str, url: str, **kw) -> tuple[str, str, object]:
        english = getattr(client, method)(url, query_string=_query("en", False), **kw)
        reply = getattr(client, method)(url, query_string=query, **kw)
        assert reply.status_code == english.status_code, (url, reply.status_code)
        return english.get_data(as_text=True), reply.get_data(as_text=True), reply

    english, html, reply = both("get", f"/s/{SLUG}")
    assert reply.status_code == 200
    yield "start", html, english
    uuid = check_page(html).find("input", attrs={"name": "client_uuid"})["value"]
    english, html, reply = both("post", f"/s/{SLUG}", data={"client_uuid": uuid})
    assert reply.status_code == 400
    yield "start with the consent error", html, english
    reply = client.post(
        f"/s/{SLUG}", query_string=query, data={"client_uuid": uuid, "consent": "yes"}
    )
    assert reply.status_code == 302, reply.get_data(as_text=True)

    url, seen, saved, shown_error = reply.headers["Location"], 0, False, False
    while "/check" not in url:
        url = url.split("?")[0]
        english, html, reply = both("get", url)
        assert reply.status_code == 200, url
        seen += 1
        yield f"question {url.rsplit('/', 1)[-1]}", html, english
        answers = fill(html)
        number = _number_field(html)
        if number and not shown_error:
            shown_error = True
            english, error_html, reply = both("post", url, data={**answers, number: "viele"})
            assert reply.status_code == 400, url
            yield f"question {url.rsplit('/', 1)[-1]} with an error", error_html, english
        if not saved and seen == 2:
            saved = True
            yield from _save_and_resume(client, url, answers, query, both)
        reply = client.post(url, query_string=query, data=answers)
        assert reply.status_code == 302, (url, reply.get_data(as_text=True)[:2000])
        url = reply.headers["Location"]
    assert seen >= 10, f"the demo survey showed only {seen} question pages"

    english, html, reply = both("get", f"/s/{SLUG}/check")
    assert reply.status_code == 200
    yield "check", html, english
    reply = client.post(f"/s/{SLUG}/check", query_string=query)
    assert reply.status_code == 302
    english, html, reply = both("get", f"/s/{SLUG}/thanks")
    assert reply.status_code == 200
    yield "thanks", html, english
    english, html, reply = both("get", f"/r/{SLUG}")
    assert reply.status_code == 200
    yield "public results", html, english


def _number_field(html: str) -> str | None:
    field = BeautifulSoup(html, "html.parser").select_one("main form input[inputmode=numeric]")
    return field["name"] if field else None


def _save_and_resume(client, url, answers, query, both):
    reply = client.post(url, query_string=query, data={**answers, "action": "later"})
    assert reply.status_code == 302
    assert "/later" in reply.headers["Location"]
    english, html, reply = both("get", f"/s/{SLUG}/later")
    assert reply.status_code == 200
    yield "saved for later, with the code", html, english
    code = check_page(html).select_one(".resume-code span[aria-hidden]").get_text()
    english, html, reply = both("get", f"/s/{SLUG}/resume")
    assert reply.status_code == 200
    yield "resume", html, english
    english, html, reply = both("post", f"/s/{SLUG}/resume", data={"code": "AAAA BBBB CCCC"})
    assert reply.status_code == 400
    yield "resume with a wrong code", html, english
    reply = client.post(f"/s/{SLUG}/resume", query_string=query, data={"code": code})
    assert reply.status_code == 302, reply.get_data(as_text=True)


@pytest.fixture
def demo_survey(make_app, db):
    """The demo needs survey (8 languages), open, with public results and its responses."""
    taxonomy.seed_need_categories(db)
    taxonomy.seed_areas(db)
    demo.seed_needs_survey(db)
    seed_demo_responses(db, [SLUG])
    db.commit()
    return content_texts(db)


@pytest.mark.parametrize(
    ("lang", "easy"), VARIANTS, ids=[f"{lang}{'-easy' if easy else ''}" for lang, easy in VARIANTS]
)
def test_resident_journey_is_fully_translated(app, demo_survey, lang, easy):
    app.config["RESPOND_RESUME_LIMIT"] = (1000, 900)
    client = app.test_client()
    problems, names = [], []
    for name, html, english in journey(client, lang, easy):
        names.append(name)
        soup = check_page(html)
        assert soup.html["lang"] == lang, name
        where = f"{name} ({lang}{', easy-read' if easy else ''})"
        if lang != "en":
            left = english_leftovers(lang, html, english, ignore=demo_survey | {TYPED})
            left = {t for t in left if not NOT_WORDS.fullmatch(t)}
            problems += [f"{where}: English text {t!r}" for t in sorted(left)]
        if easy:
            problems += [
                f"{where}: standard German {p}" for p in standard_german(html, demo_survey)
            ]
        problems += [f"{where}: empty {tag}" for tag in empty_names(html)]
    assert {"check", "thanks", "public results", "resume with a wrong code"} <= set(names)
    assert not problems, "\n".join(problems)


# --- the coordinator and walk-leader pages ------------------------------------------------

# Hard-coded English shows in every language alike, and a string missing from one catalog is
# caught by test_catalogs: two languages (two scripts) are enough for the staff pages.
STAFF_LANGUAGES = ["de", "ru"]


def stored_words(session) -> frozenset[str]:
    """Every word stored in the database (keys, slugs, names, titles, answers, notes)."""
    from sqlalchemy import JSON, String, Text

    from survey.models import Base

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for k, item in value.items():
                walk(k)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(w.lower() for w in WORD.findall(value))

    found.update(w.lower() for code in LANGUAGES for w in WORD.findall(language_name(code)))
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if columns:
            for row in session.execute(select(*columns)):
                walk(list(row))
    return frozenset(found)


WORD = re.compile(r"[^\W\d_]{2,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(re.sub(r"\s*–\s*Mitsprache$", "", text))}


def own_language(reply) -> str:
    """The page without the parts marked as another language (a poster's eight languages,
    a preview in the survey's language)."""
    soup = check_page(reply)
    lang = soup.html["lang"]
    for tag in soup.find_all(attrs={"lang": True}):
        if not tag.decomposed and tag.name != "html" and tag.get("lang") != lang:
            tag.decompose()
    return str(soup)


def _with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def test_staff_pages_show_no_english_in_other_languages():
    """Every page of the browser crawl plan, as its visitor: no English text in German or
    Russian except names and what the network stored (keys, titles, answers)."""
    from survey.db import get_session

    from .browser.site import _clients, demo_site, plan_pages

    site = demo_site()
    pages = [p for p in plan_pages() if not p.problem]
    clients = _clients(site.crawl_app, site)
    with site.crawl_app.app_context():
        stored = stored_words(get_session())
    problems = []
    for page in pages:
        client = clients[page.role]
        english = client.get(_with_lang(page.url, "en"), follow_redirects=True)
        for lang in STAFF_LANGUAGES:
            reply = client.get(_with_lang(page.url, lang), follow_redirects=True)
            html, source = own_language(reply), own_language(english)
            left = english_leftovers(lang, html, source, check=False)
            left = {t for t in left if not NOT_WORDS.fullmatch(t)}
            left = {t for t in left if not _words(t) <= stored}
            problems += [f"{page.id} ({lang}): English text {t!r}" for t in sorted(left)]
    assert len(pages) > 40
    assert not problems, "\n".join(problems)
