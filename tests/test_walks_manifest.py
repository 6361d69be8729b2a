"""The walk pages can be installed as an app that starts at the walk list (offline too)."""

from __future__ import annotations

import io
import json
from urllib.parse import urljoin

from PIL import Image

from .pages import check_page
from .walk_helpers import make_walk


def test_walk_pages_link_a_manifest_that_starts_at_the_walk_list(app, client, walk_leader):
    walk_uuid = make_walk(app, walk_leader)
    hrefs = set()
    for path in ["/walks/", f"/walks/{walk_uuid}", f"/walks/{walk_uuid}/observations/new"]:
        soup = check_page(client.get(path + "?lang=en"))
        [link] = soup.select("head link[rel=manifest]")
        hrefs.add(link["href"])
    [href] = hrefs
    with client.get(href) as response:
        assert response.status_code == 200
        assert response.mimetype == "application/manifest+json"
        manifest = json.loads(response.get_data(as_text=True))
    base = "http://localhost" + href
    assert urljoin(base, manifest["start_url"]) == "http://localhost/walks/"
    assert urljoin(base, manifest["scope"]) == "http://localhost/walks/"
    assert manifest["display"] == "standalone"
    assert manifest["name"]
    assert manifest["short_name"]
    sizes = set()
    for icon in manifest["icons"]:
        url = urljoin(base, icon["src"])
        assert url.startswith("http://localhost/static/"), "icons are self-hosted"
        with client.get(url.removeprefix("http://localhost")) as image:
            assert image.status_code == 200
            assert image.mimetype == icon["type"]
            data = image.get_data()
        if icon["type"] == "image/png":
            width, height = Image.open(io.BytesIO(data)).size
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes  # what phones ask for to install an app

    # the service worker keeps the manifest and its icons for offline starts
    worker = client.get("/walks/sw.js").get_data(as_text=True)
    for name in ["static/walks.webmanifest", "static/icons/walks-192.png"]:
        assert f'"{name}"' in worker
