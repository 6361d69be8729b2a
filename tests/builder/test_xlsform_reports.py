"""XLSForm import reports: unsupported settings and sheets by sheet, answer problems by their
row on the sheet "choices", and one clear refusal for forms that are too big."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from survey.i18n import force_locale
from survey.models import Survey
from survey.services import xlsform_import
from survey.services.exchange_json import ImportFailed

from .test_exchange import workbook


@pytest.fixture(autouse=True)
def _english_messages():
    with force_locale("en"):
        yield


SURVEY = [("type", "name", "label"), ("select_one farbe", "farbe", "Farbe?")]
CHOICES = [("list_name", "name", "label"), ("farbe", "rot", "Rot"), ("farbe", "blau", "Blau")]


def reports(raw: bytes, db) -> list[str]:
    return [str(r) for r in xlsform_import.import_xlsform(db, raw).reports]


def test_unknown_settings_and_extra_sheets_are_reported_by_sheet(db):
    raw = workbook(
        SURVEY,
        CHOICES,
        settings=[
            ("form_title", "form_id", "public_key", "submission_url", "instance_name", "style"),
            ("Farben", "farben", "MIIB", "https://example.org/submit", "concat('a')", "pages"),
        ],
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))
    book.create_sheet("external_choices").append(["list_name", "name"])
    book.create_sheet("entities").append(["list_name", "label"])
    book.create_sheet("Notizen").append(["anything"])
    buffer = io.BytesIO()
    book.save(buffer)
    found = reports(buffer.getvalue(), db)
    for column in ("public_key", "submission_url", "instance_name", "style"):
        assert (
            f"sheet “settings”, row 1: The setting “{column}” is not supported; it was left out."
            in found
        )
    assert (
        "sheet “external_choices”: External choice lists and entities are not supported; this sheet was left out."
        in found
    )
    assert any(r.startswith("sheet “entities”: ") for r in found)
    assert "sheet “notizen”: This sheet is not supported; it was left out." in found
    assert not [r for r in found if "form_title" in r or "form_id" in r]


def test_a_problem_with_an_answer_names_its_row_on_the_choices_sheet(db):
    raw = workbook(SURVEY, [*CHOICES, ("farbe", "rot", "Noch einmal rot")])
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    places = [p.place for p in failed.value.problems]
    assert places == ["sheet “choices”, row 4"]
    raw = workbook(SURVEY, [*CHOICES, ("farbe", "bad key!", "Grün")])
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    assert [p.place for p in failed.value.problems] == ["sheet “choices”, row 4"]


def big_form(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label"])
    for number in range(rows):
        sheet.append(["text", f"q{number}", f"Frage {number}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_form_over_the_row_limit_is_refused_at_once_with_one_message(db, monkeypatch):
    before = db.scalar(select(func.count(Survey.id)))
    raw = big_form(30_000)
    built = []
    monkeypatch.setattr(xlsform_import, "build_survey", lambda *a, **k: built.append(a))
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    assert built == []  # refused while reading, before any question is built
    assert [str(p) for p in failed.value.problems] == [
        "sheet “survey”: This sheet has more than 5000 rows. Mitsprache imports forms of up to 5000 rows per sheet; nothing was imported."
    ]
    assert db.scalar(select(func.count(Survey.id))) == before


def test_a_form_at_the_row_limit_is_read(db):
    assert xlsform_import.MAX_ROWS == 5000
    raw = big_form(xlsform_import.MAX_ROWS)
    sheets = xlsform_import.read_workbook(raw)
    assert len(sheets["survey"].rows) == 5000
