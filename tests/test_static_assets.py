"""Every asset is self-hosted: no static file names a CDN or font host to load from."""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "survey" / "static"
EXTERNAL = re.compile(r"https?://(cdn|unpkg|cdnjs|fonts\.googleapis|fonts\.gstatic)[\w.-]*")


def test_no_static_file_points_at_a_cdn():
    offenders = {
        str(path.relative_to(STATIC)): EXTERNAL.findall(path.read_text(errors="ignore"))
        for path in STATIC.rglob("*")
        if path.is_file() and path.suffix in {".js", ".css", ".html", ".svg", ".json"}
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_charts_never_ask_plotly_for_remote_map_data():
    script = (STATIC / "js" / "charts.js").read_text()
    assert 'topojsonURL: "/static/vendor/topojson/"' in script
