"""bench.page_weight, the tool issues 4 and 8 use for their budgets, weighs pages correctly."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from bench.page_weight import gzip_size, measure


@pytest.mark.browser
def test_page_weight_counts_every_request_and_its_bytes(browser, live_server):
    weight = measure(live_server, "/login?lang=de", browser=browser)

    with urllib.request.urlopen(live_server + "/login?lang=de") as response:
        html = response.read()
    document = weight.html
    assert weight.resources[0] is document
    assert document.content_type == "text/html"
    # the CSRF token differs per visit; everything else is the same page
    assert abs(document.raw - len(html)) < 64
    assert document.transferred == document.raw  # the dev server sends it uncompressed
    assert 0 < document.gzip < document.raw

    urls = [r.url for r in weight.resources]
    assert live_server + "/static/css/app.css" in urls
    assert weight.requests == len(weight.resources)
    assert weight.failed == []
    assert weight.third_party == []
    assert weight.total_gzip == sum(r.gzip for r in weight.resources)
    assert weight.as_dict()["html_gzip_bytes"] == document.gzip


@pytest.mark.browser
def test_page_weight_follows_redirects_to_the_final_page(browser, live_server):
    weight = measure(live_server, "/dashboard", browser=browser)  # anonymous: to /login
    assert weight.html.url.startswith(live_server + "/login")
    assert weight.html.status == 200


def test_gzip_size_compresses_text_only():
    text = b"<p>Mitsprache</p>" * 200
    assert gzip_size(text, "text/html") == len(gzip.compress(text, compresslevel=6, mtime=0))
    assert gzip_size(text, "image/png") == len(text)
    assert gzip_size(text, "image/svg+xml") < len(text)
