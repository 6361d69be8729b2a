"""The printable walk report, GeoJSON/CSV downloads and the offline service worker."""

from __future__ import annotations

from pathlib import Path

from flask import Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ..auth import staff_required
from ..db import get_session
from ..models import Area, Survey, User
from ..services import protocols, walk_report, walks
from . import load_walk
from .exports import csv_text, geojson_text
from .labels import KINDS, SEVERITIES
from .views import bp

MEDIA = {"geojson": "application/geo+json", "csv": "text/csv; charset=utf-8"}


@bp.get("/<walk_uuid>/report")
@staff_required
def walk_report_page(walk_uuid: str):
    walk = load_walk(walk_uuid)
    session = get_session()
    protocol = session.get(Survey, walk.protocol_id)
    rows = walk_report.category_rows(session, walk)
    return render_template(
        "walks/report.html",
        walk=walk,
        protocol=protocol,
        area=session.get(Area, walk.area_id) if walk.area_id else None,
        leader=session.get(User, walk.leader_id),
        rows=rows,
        total=walk_report.totals(rows),
        kinds=walk_report.kind_counts(session, walk),
        numbered=walk_report.numbered(walk),
        plot=walk_report.plot_points(session, walk),
        categories={c.id: c for c in protocols.checklist(session, protocol)},
        kind_labels=KINDS,
        severity_labels=SEVERITIES,
    )


def _download(text: str, fmt: str, stem: str) -> Response:
    response = Response(text, mimetype=MEDIA[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _coarse() -> bool:
    """?places=coarse: the export for public maps (positions to ~250 m, no notes)."""
    return request.args.get("places") == "coarse"


def _render_export(fmt: str, walk_list) -> str:
    session = get_session()
    render = geojson_text if fmt == "geojson" else csv_text
    return render(session, walk_list, coarse=_coarse())


def _stem(stem: str) -> str:
    return f"{stem}-ungefaehr" if _coarse() else stem


@bp.get("/<walk_uuid>/export.<fmt>")
@staff_required
def export_walk(walk_uuid: str, fmt: str):
    if fmt not in MEDIA:
        abort(404)
    walk = load_walk(walk_uuid)
    stem = _stem(f"rundgang-{walk.walk_date}-{walk.uuid[:8]}")
    return _download(_render_export(fmt, [walk]), fmt, stem)


@bp.get("/export.<fmt>")
@staff_required
def export_all(fmt: str):
    if fmt not in MEDIA:
        abort(404)
    walk_list = list(get_session().scalars(walks.visible_walks(current_user)))
    return _download(_render_export(fmt, walk_list), fmt, _stem("rundgaenge"))


@bp.get("/sw.js")
@staff_required
def service_worker():
    """The service worker, served from /walks/ so that its scope covers the walk pages."""
    script = Path(current_app.static_folder or "", "js", "walks-sw.js").read_text(encoding="utf-8")
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = url_for("walks.index")
    response.headers["Cache-Control"] = "no-cache"
    return response
