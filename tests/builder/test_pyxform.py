"""The exported XLSForm is converted by pyxform, the library behind ODK and KoboToolbox,
without errors or warnings, and still comes back unchanged through Mitsprache's import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from survey.i18n import force_locale
from survey.services import protocols, taxonomy, xlsform, xlsform_import
from tests.builder.test_exchange import structure


@pytest.fixture(autouse=True)
def _english_messages():
    with force_locale("en"):
        yield


def converted(raw: bytes) -> str:
    warnings: list[str] = []
    result = convert(io.BytesIO(raw), warnings=warnings, file_type=".xlsx")
    assert warnings == []
    return result.xform


def test_pyxform_converts_the_exported_needs_survey(db, needs):
    from survey.services import survey_questions as sq

    sq.set_same_page(db, needs.questions[1], True)  # a page of two: a field-list group
    xform = converted(xlsform.export_xlsform(db, needs))
    assert 'appearance="field-list"' in xform
    assert "selected( /" in xform  # the conditions became `relevant`
    assert "<h:title>Bedarfserhebung" in xform
    assert 'lang="Deutsch – Leichte Sprache (de)"' in xform
    assert 'lang="العربية (ar)"' in xform


def test_pyxform_converts_the_exported_walk_protocol(db):
    taxonomy.seed_need_categories(db)
    protocol = protocols.create_default_walk_protocol(db)
    xform = converted(xlsform.export_xlsform(db, protocol))
    assert "<h:title>" in xform


def test_the_pyxform_shape_round_trips_through_the_import(db, needs):
    raw = xlsform.export_xlsform(db, needs)
    settings = [c.value for c in load_workbook(io.BytesIO(raw))["settings"][1]]
    assert "mitsprache_title::Deutsch (de)" in settings
    assert not [h for h in settings if h.startswith("title::")]
    result = xlsform_import.import_xlsform(db, raw)
    assert result.reports == []
    assert structure(result.survey) == structure(needs)
    assert result.survey.texts == needs.texts


def test_older_exports_with_x_easy_and_title_columns_are_still_read(db, needs):
    book = load_workbook(io.BytesIO(xlsform.export_xlsform(db, needs)))
    for sheet in book.worksheets:
        for cell in sheet[1]:
            if isinstance(cell.value, str) and "::" in cell.value:
                value = cell.value.replace("Leichte Sprache (de)", "Leichte Sprache (de-x-easy)")
                cell.value = value.removeprefix("mitsprache_")
    buffer = io.BytesIO()
    book.save(buffer)
    result = xlsform_import.import_xlsform(db, buffer.getvalue())
    assert structure(result.survey) == structure(needs)
    assert result.survey.texts == needs.texts
