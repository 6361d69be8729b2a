"""Page weight of the demo's resident pages, without a browser and without timing: the HTML
and everything it loads, gzipped as a compressing server would send them (bench/ measures
the same in Chromium, with Lighthouse)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from bench.bench_pages import BUDGET
from bench.page_weight import gzip_size
from survey.services import demo

from ..pages import check_page

SURVEY = f"/s/{demo.DEMO_SURVEY_SLUG}"


def _weigh(client, path: str) -> dict:
    """gzip bytes of the page's HTML and of each file it loads; fails on any missing file."""
    reply = client.get(path)
    assert reply.status_code == 200, path
    soup = check_page(reply)
    sizes = {path: gzip_size(reply.data, reply.mimetype)}
    urls = [tag["href"] for tag in soup.select("link[rel=stylesheet]")]
    urls += [tag["src"] for tag in soup.select("script[src], img[src]")]
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        sizes[url] = gzip_size(asset.data, asset.mimetype)
        asset.close()
    return sizes


@pytest.fixture
def resident(app, client, db):
    demo.seed_demo(db, app.extensions["password_hasher"])
    db.commit()
    page = BeautifulSoup(client.get(SURVEY).data, "html.parser")
    client_uuid = page.find("input", attrs={"name": "client_uuid"})["value"]
    reply = client.post(SURVEY, data={"client_uuid": client_uuid, "consent": "yes"})
    return client, reply.headers["Location"]


@pytest.mark.parametrize("query", ["?lang=de", "?lang=de&easy=1", "?lang=ar"])
def test_demo_resident_pages_stay_within_the_weight_budget(resident, query):
    client, question = resident
    for path in (SURVEY, question):
        sizes = _weigh(client, path + query)
        html = sizes[path + query]
        assert html <= BUDGET["html_gzip_bytes"], f"{path}: HTML {html} bytes gzipped"
        total = sum(sizes.values())
        assert total <= BUDGET["total_gzip_bytes"], f"{path}: {total} bytes gzipped: {sizes}"
        assert len(sizes) <= BUDGET["requests"], f"{path}: {len(sizes)} requests: {sizes}"
