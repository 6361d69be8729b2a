"""Exports: stable columns, labels, codebook, formula-injection safety, anonymous ids."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from survey.services import exports


def _csv(client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    response.close()
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_has_one_row_per_complete_response_and_stable_columns(client, coordinator, survey):
    rows = _csv(client, "/results/stadtteil/export/responses.csv?labels=en")
    header = rows[0]
    assert header[:6] == ["response", "round", "channel", "language", "easy_read", "completed"]
    assert "probleme__bus" in header
    assert "wichtig__bank" in header
    assert len(rows) == 1 + 25
    first = dict(zip(header, rows[1], strict=True))
    assert first["response"] == "1"  # a sequence number, not an internal id
    assert "response_id" not in header
    assert first["alter"] == "Answer jung"  # label in the chosen language
    assert first["probleme__bus"] == "1"
    assert first["probleme__keine"] == "0"


def test_text_cells_and_titles_cannot_run_as_formulas(client, coordinator, survey):
    rows = _csv(client, "/results/stadtteil/export/responses.csv")
    header = rows[0]
    texts = [dict(zip(header, r, strict=True))["idee"] for r in rows[1:]]
    assert "'-2+3 Rampe am Markt" in texts
    book = _csv(client, "/results/stadtteil/export/codebook.csv")
    titles = [line[2] for line in book[1:] if line[1] == "idee"]
    assert titles == ['\'=HYPERLINK("http://x")']
    assert all(not cell.startswith(exports.DANGEROUS) for line in rows + book for cell in line)


def test_xlsx_keeps_numbers_and_escapes_text(client, coordinator, survey):
    response = client.get("/results/stadtteil/export/responses.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    response.close()
    sheet = workbook["responses"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    values = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert isinstance(values[0]["alter_jahre"], int)
    assert isinstance(values[0]["zufrieden"], int)
    texts = {v["idee"] for v in values if v["idee"]}
    assert texts == {"'-2+3 Rampe am Markt"}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    book = workbook["codebook"]
    assert '\'=HYPERLINK("http://x")' in [c.value for row in book.iter_rows() for c in row]


def test_json_export_parses_and_has_codebook(client, coordinator, survey):
    response = client.get("/results/stadtteil/export/responses.json?labels=de")
    data = json.loads(response.get_data(as_text=True))
    response.close()
    assert data["survey"] == "stadtteil"
    assert len(data["responses"]) == 25
    assert any(entry["column"] == "probleme__bus" for entry in data["codebook"])


def test_named_survey_exports_response_ids(client, db, coordinator, survey):
    survey.anonymous = False
    db.commit()
    rows = _csv(client, "/results/stadtteil/export/responses.csv")
    assert rows[0][:2] == ["response", "response_id"]


def test_cli_exports_responses(app, survey, tmp_path):
    target = tmp_path / "out.xlsx"
    result = app.test_cli_runner().invoke(
        args=[
            "export-responses",
            "stadtteil",
            "--format",
            "xlsx",
            "--lang",
            "en",
            "--output",
            str(target),
        ]
    )
    assert result.exit_code == 0, result.output
    assert load_workbook(target)["responses"].max_row == 26
    result = app.test_cli_runner().invoke(args=["export-responses", "nope"])
    assert result.exit_code != 0
    assert "no survey" in result.output
