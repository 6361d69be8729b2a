"""What an XLSForm import leaves out, reported by sheet (and row): unsupported sheets,
settings and columns. Used by `xlsform_import.py`."""

from __future__ import annotations

from typing import Any

from ..i18n import lazy_gettext as _l
from . import xlsform
from .exchange_json import Problem

SHEETS = {"survey", "choices", "settings"}
KNOWN_COLUMNS = {
    "survey": {"type", "name", "label", "hint", "required", "relevant", "constraint",
               "appearance", "required_message", "constraint_message", xlsform.TYPE_COLUMN,
               xlsform.SETTINGS_COLUMN, xlsform.NEED_COLUMN, xlsform.PICTOGRAM_COLUMN},
    "choices": {"list_name", "list name", "name", "label", xlsform.NEED_COLUMN,
                xlsform.WEIGHT_COLUMN, xlsform.EXCLUSIVE_COLUMN, xlsform.KIND_COLUMN,
                xlsform.PICTOGRAM_COLUMN},
}  # fmt: skip


KNOWN_SETTINGS = {
    "form_title", "form_id", "version", "default_language", "mitsprache_kind",
    "mitsprache_anonymous", "mitsprache_min_cell", "mitsprache_public_results",
    "mitsprache_estimated_minutes", "mitsprache_languages",
    *xlsform.SURVEY_FIELDS, *(xlsform.SURVEY_TEXT_PREFIX + f for f in xlsform.SURVEY_FIELDS),
}  # fmt: skip


def place(sheet: str, row: int) -> str:
    return str(_l("sheet “%(sheet)s”, row %(row)s", sheet=sheet, row=row))


def sheet_place(sheet: str) -> str:
    return str(_l("sheet “%(sheet)s”", sheet=sheet))


def _report_unknown_sheets_and_settings(reader: Any) -> None:
    for name in reader.sheets:
        if name not in SHEETS:
            reader.reports.append(
                Problem(
                    sheet_place(name),
                    _l("This sheet is not supported; it was left out.")
                    if name not in {"external_choices", "entities"}
                    else _l(
                        "External choice lists and entities are not supported; this sheet was left out."
                    ),
                )
            )
    settings = reader.sheets.get("settings")
    for header in settings.headers if settings else []:
        base = header.split("::")[0].strip().lower()
        if header and base not in KNOWN_SETTINGS:
            reader.report(
                "settings",
                1,
                _l("The setting “%(column)s” is not supported; it was left out.", column=header),
            )


def report_unknown(reader: Any) -> None:
    _report_unknown_sheets_and_settings(reader)
    for name, known in KNOWN_COLUMNS.items():
        sheet = reader.sheets.get(name)
        for header in sheet.headers if sheet else []:
            base = header.split("::")[0].strip().lower()
            if header and base not in known:
                reader.report(
                    name,
                    1,
                    _l("The column “%(column)s” is not supported; it was left out.", column=header),
                )
