"""The public results page /r/<slug> in Leichte Sprache: every string a resident reads there
comes from the easy-read register, none from the standard register where an easy one exists."""

from __future__ import annotations

import re

import pytest

from survey import catalogs, i18n
from survey.models import Answer
from tests.pages import check_page

from .conftest import build_survey


@pytest.fixture(scope="module")
def registers():
    """(msgid, standard German, easy-read German) for every resident string with its own
    easy-read text; plural strings give one triple per plural form."""
    template = catalogs.read_catalog(catalogs.POT)
    standard = catalogs.entries(catalogs.read_catalog(catalogs.po_path("de"), "de"))
    easy = catalogs.entries(catalogs.read_catalog(catalogs.po_path("de", "easy"), "de"))
    found, easy_texts = [], []
    for key in catalogs.resident_keys(template):
        plain, simple = standard[key].string, easy[key].string
        plural = isinstance(plain, tuple | list)
        pairs = list(zip(plain, simple, strict=True)) if plural else [(plain, simple)]
        found += [(key[1], p, s) for p, s in pairs if p != s]
        easy_texts += [s for _p, s in pairs]
    # a standard text that reads exactly like some easy-read text cannot tell the two apart
    return [t for t in found if not any(_pattern(t[1]).fullmatch(s) for s in easy_texts)]


def _easy(msgid: str, **variables) -> str:
    with i18n.force_locale("de", easy_read=True):
        return i18n.gettext(msgid, **variables)


def _pattern(text: str) -> re.Pattern:
    """A translation as a regular expression: its placeholders match any text."""
    parts = re.split(r"%\([a-z_]+\)[sd]", text.replace("%%", "%"))
    return re.compile(".+?".join(re.escape(p) for p in parts))


def _public_page(client, db, path="/r/stadtteil?easy=1&lang=de"):
    survey = build_survey(db, public=True)
    answer = db.query(Answer).filter(Answer.value_text.is_not(None)).first()
    answer.released = True
    db.commit()
    return survey, check_page(client.get(path))


def _no_standard_sentence(soup, registers) -> None:
    nodes = list(soup.stripped_strings) + [tag["aria-label"] for tag in soup.select("[aria-label]")]
    text = " ".join(nodes)
    for msgid, standard, _easy_text in registers:
        pattern = _pattern(standard)
        if len(standard.split()) > 2 or "%(" in standard:
            assert not pattern.search(text), f"standard register for {msgid!r}"
        else:  # a short label: only a whole text node counts (it may be part of an easy text)
            assert not any(pattern.fullmatch(node) for node in nodes), f"standard for {msgid!r}"


def test_public_results_in_easy_read(client, db, registers):
    survey, soup = _public_page(client, db)
    assert "easy-read" in soup.body["class"]
    assert soup.h1.get_text().startswith(_easy("What we found out: %(title)s", title=""))
    lead = "Thank you to everybody who took part. Here you can see what people need most."
    assert _easy(lead) in soup.get_text(" ")
    # the summary sentences and the table under the need chart, in Leichte Sprache
    needs = soup.find(id="block-needs").find_parent("section")
    assert needs.h2.get_text() == _easy("Needs named by the people who answered")
    summary = needs.find(class_="result-summary").get_text()
    assert summary.startswith("Das brauchen die meisten Menschen: ")
    assert summary.endswith(" von 25 Personen gesagt.")
    headers = [th.get_text(strip=True) for th in needs.thead.find_all("th")]
    assert headers == [_easy(m) for m in ["Need", "People", "Share", "95 %% interval"]]
    choice = soup.find(id="block-alter").find_parent("section")
    assert (
        choice.find(class_="result-summary")
        .get_text()
        .startswith("Diese Antwort kam am häufigsten: ")
    )
    assert soup.select_one(".people-count").get_text() == "25 Personen haben geantwortet."
    assert soup.find(id="voices").get_text() == _easy("In their own words")
    _no_standard_sentence(soup, registers)


def test_too_small_selection_explained_in_easy_read(client, db, registers):
    # the third area has only two answers: the page explains why it shows no results
    _survey, soup = _public_page(client, db)
    small = soup.select("#filter-area option")[3]["value"]
    soup = check_page(client.get(f"/r/stadtteil?easy=1&lang=de&area={small}"))
    notice = soup.select_one(".notice").get_text(" ", strip=True)
    assert notice == _easy(
        "This selection contains fewer than %(min)s people. To protect them, we show no results "
        "for it. Choose a larger group.",
        min=5,
    )
    assert soup.select_one(".people-count").get_text() == "2 Personen haben geantwortet."
    _no_standard_sentence(soup, registers)


def test_standard_register_stays_without_easy(client, db):
    _survey, soup = _public_page(client, db, "/r/stadtteil?easy=0&lang=de")
    assert "easy-read" not in (soup.body.get("class") or [])
    with i18n.force_locale("de"):
        title = i18n.gettext("Needs named by the people who answered")
    assert soup.find(id="block-needs").get_text(" ").count(title) >= 1
    assert title != _easy("Needs named by the people who answered")
