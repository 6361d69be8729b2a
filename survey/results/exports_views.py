"""Export page and downloads (CSV, XLSX, JSON, codebook), streamed."""

from __future__ import annotations

from flask import Response, abort, render_template, request, send_file, stream_with_context

from .. import db
from ..auth import coordinator_required
from ..services import exports
from .common import load_or_404
from .views import bp


def _language(survey) -> str:
    lang = request.args.get("labels", "")
    return lang if lang in survey.languages else survey.default_language


@bp.get("/results/<slug>/export")
@coordinator_required
def export_page(slug: str):
    survey = load_or_404(slug)
    return render_template("results/export.html", survey=survey, formats=exports.FORMATS)


@bp.get("/results/<slug>/export/responses.<fmt>")
@coordinator_required
def download_responses(slug: str, fmt: str):
    survey = load_or_404(slug)
    if fmt not in exports.FORMATS:
        abort(404)
    lang = _language(survey)
    session = db.get_session()
    name = exports.export_filename(survey, fmt)
    if fmt == "xlsx":
        return send_file(
            exports.xlsx_file(session, survey, lang),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            as_attachment=True,
            download_name=name,
        )
    stream = exports.stream_csv if fmt == "csv" else exports.stream_json
    mimetype = "text/csv" if fmt == "csv" else "application/json"

    def chunks():
        try:
            yield from stream(session, survey, lang)
        finally:
            session.close()  # end the read transaction as soon as the file is written

    return Response(
        stream_with_context(chunks()),
        mimetype=f"{mimetype}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/results/<slug>/export/codebook.csv")
@coordinator_required
def download_codebook(slug: str):
    survey = load_or_404(slug)
    name = exports.export_filename(survey, "csv", "-codebook")
    return Response(
        stream_with_context(exports.stream_codebook_csv(survey, _language(survey))),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
