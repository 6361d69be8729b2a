"""Chart titles and hover texts built from hostile survey texts: the chart JSON sits in an
escaped attribute, parses back to the texts as written (escaped once for plotly's pseudo-HTML),
and the data table next to it shows the same texts escaped."""

from __future__ import annotations

import html as htmllib
import json
import re
import textwrap

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from survey.db import get_session
from survey.models import Area
from survey.services.taxonomy import seed_areas, seed_need_categories

from ..factories import make_survey, texts
from ..pages import check_page
from ..results.factory import add_many
from .fuzzing import fuzz_settings
from .hostile import escaped
from .test_fuzz_forms import _coordinator

TITLE = "</script><script>alert(1)</script> Umfrage"
QUESTION = '"><img src=x onerror=alert(1)> Wie kommen Sie hin?'
CHOICES = {
    "a": "</script><script>alert(2)</script>",
    "b": "\"quoted\" & 'single' <b>bold</b>",
    "c": "line\u2028separator\u2029paragraph",
    "d": "\u202eevil.exe\u202c مرحبا بالعالم",
    "e": "%{y} %{text} {{ 7*7 }} <br> &amp; &lt;",
}
GROUP = "<svg onload=alert(3)> Alter"
SLUG = "charts"
PAGES = [f"/results/{SLUG}/", f"/results/{SLUG}/questions", f"/results/{SLUG}/compare",
         f"/results/{SLUG}/compare?by=group", f"/results/{SLUG}/report", f"/r/{SLUG}"]  # fmt: skip


def _build(app, title: str, question: str, choices: dict[str, str], slug: str = SLUG) -> None:
    with app.app_context():
        session = get_session()
        seed_need_categories(session)
        seed_areas(session)
        areas = [a.key for a in session.query(Area).order_by(Area.position)][:2]
        specs = [
            {"key": "gebiet", "type": "area", "choices": areas},
            {"key": "alter", "type": "single_choice", "choices": ["jung", "alt"],
             "settings": {"is_group": True}, "texts": texts(GROUP, GROUP)},
            {"key": "weg", "type": "single_choice", "texts": texts(question, question),
             "choices": [{"key": k, "texts": texts(v, v)} for k, v in choices.items()]},
            {"key": "viele", "type": "multiple_choice", "texts": texts(question, question),
             "choices": [{"key": k, "texts": texts(v, v)} for k, v in choices.items()]},
            {"key": "note", "type": "rating", "texts": texts(question, question),
             "choices": [{"key": str(n), "texts": texts(f"{n} {next(iter(choices.values()))}")} for n in range(1, 6)]},
        ]  # fmt: skip
        survey = make_survey(
            session, slug, specs, texts=texts(title, title), public_results=True, languages=["de"]
        )
        survey.publish()
        for n, key in enumerate(choices):
            add_many(session, survey, 6, {"gebiet": areas[n % 2], "alter": ["jung", "alt"][n % 2],
                                          "weg": key, "viele": [key], "note": str(n % 5 + 1)})  # fmt: skip
        session.commit()


def _figures(soup: BeautifulSoup) -> list[dict]:
    figures = []
    for element in soup.select(".chart[data-figure]"):
        figures.append(json.loads(element["data-figure"]))  # the attribute parses as JSON
    return figures


def _unplotly(text: str) -> str:
    """A chart label as plotly shows it: <br> is a line break, entities are decoded."""
    return htmllib.unescape(text.replace("<br>", "\n"))


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 22)[:4])


def _labels(figure: dict) -> list[str]:
    labels = []
    for trace in figure.get("data", []):
        for axis in ("x", "y"):
            labels += [v for v in trace.get(axis) or [] if isinstance(v, str)]
        if isinstance(trace.get("name"), str):
            labels.append(trace["name"])
    return labels


def assert_safe(raw: str) -> None:
    """Nothing from the data breaks out of the attribute or text it sits in."""
    assert "<script>alert" not in raw
    assert "</script><script>" not in raw
    assert "<img src=x" not in raw
    assert "<svg onload" not in raw
    assert "<b>bold</b>" not in raw
    # every <script> is a self-hosted file; no inline code
    for tag in re.findall(r"<script\b[^>]*>", raw):
        assert "src=" in tag, tag


def check_chart_page(client, path: str, title: str, question: str, choices: dict[str, str]):
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    raw = page.get_data(as_text=True)
    assert_safe(raw)
    soup = check_page(page)
    figures = _figures(soup)
    assert figures, f"{path}: no chart"
    shown = set()
    for figure in figures:
        shown |= {_unplotly(label) for label in _labels(figure)}
        heading = figure["layout"].get("title", {}).get("text")
        if heading:
            # a chart title may be a question text; escaped once, it reads as typed
            assert "<" not in heading.replace("<br>", "")
            shown.add(_unplotly(heading))
        for trace in figure["data"]:
            for label in trace.get("y") or []:
                if isinstance(label, str):
                    assert not re.search(r"<(?!br>)", label), label  # only line breaks are tags
    if path.endswith(("/questions", "/report", f"/r/{SLUG}")):
        wrapped = {_wrapped(v) for v in choices.values()}
        assert wrapped <= shown, f"{path}: answers missing from the charts: {wrapped - shown}"
    if path.endswith(("/questions", "/report", f"/r/{SLUG}")):
        # the data tables (the accessible version) carry the texts escaped and whole
        for value in [question, *choices.values()]:
            assert escaped(value) in raw, (path, value)
    return figures, raw


@pytest.fixture
def charts_client(app):
    _build(app, TITLE, QUESTION, CHOICES)
    return _coordinator(app)


def test_hostile_texts_in_charts_stay_data(app, charts_client):
    for path in PAGES:
        check_chart_page(charts_client, path, TITLE, QUESTION, CHOICES)


def test_chart_json_gives_back_the_exact_texts(app, charts_client):
    page = charts_client.get(f"/results/{SLUG}/questions")
    soup = check_page(page)
    block = soup.find(id="block-weg").find_parent("section")
    assert block.find(id="block-weg").get_text() == QUESTION
    figure = json.loads(block.select_one(".chart[data-figure]")["data-figure"])
    labels = [_unplotly(y) for y in figure["data"][0]["y"]]
    assert labels == [_wrapped(v) for v in CHOICES.values()]
    # the wrapped label is the original text: only line breaks in place of some spaces
    for label, original in zip(labels, CHOICES.values(), strict=True):
        assert label.replace("\n", "").replace(" ", "") == original.replace(" ", "")
    caption = [c.get_text(" ", strip=True) for c in soup.select("caption")]
    assert any(QUESTION in c for c in caption), caption
    cells = [td.get_text() for td in soup.select("table th, table td")]
    for original in CHOICES.values():
        assert original in cells or original.strip() in [c.strip() for c in cells], original


slugs = iter(range(1, 10_000))
text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60)


@fuzz_settings(10)
@given(
    labels=st.lists(text.filter(lambda s: s.strip()), min_size=2, max_size=4,
                    unique_by=lambda s: s.strip()),
    title=text.filter(lambda s: s.strip()),
)  # fmt: skip
def test_any_text_round_trips_through_the_chart_json(app, labels, title):
    slug = f"any-{next(slugs)}"
    choices = {f"k{n}": label for n, label in enumerate(labels)}
    _build(app, title, title, choices, slug)
    page = app.test_client().get(f"/r/{slug}")
    assert page.status_code == 200
    raw = page.get_data(as_text=True)
    soup = check_page(page)
    assert "<script>alert" not in raw
    figures = _figures(soup)
    for figure in figures:
        for label in _labels(figure):
            assert not re.search(r"<(?!br>)", label), label
    wanted = [_wrapped(v) for v in labels]
    matching = [f for f in figures if [_unplotly(y) for y in f["data"][0].get("y") or []] == wanted]
    assert matching, "the answers are not in the public chart as written"
    for value in labels:
        assert escaped(value.strip()) in raw or escaped(value) in raw, value
