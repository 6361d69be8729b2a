"""XLSForm export (survey, choices and settings sheets) and the column conventions it shares
with the importer in `xlsform_import.py`. See docs/survey-json.md, section "XLSForm".

Language columns follow XLSForm: `label::Deutsch (de)`. Easy-read texts get their own
"language" whose name says so and whose code stays the plain language code, as pyxform
(ODK, KoboToolbox) wants a registered code in brackets: `label::Deutsch – Leichte Sprache (de)`.
ODK and KoboToolbox show it as one more language; Mitsprache reads it back as the easy-read
version of `de` (by the name; the older `(de-x-easy)` columns are still read).

The survey's own texts go on the settings sheet as `mitsprache_title::Deutsch (de)` and so on:
pyxform reads `title::…` columns there as the form title and fails on them.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from babel import Locale
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import language_name
from ..models import NeedCategory, Question, Survey
from ..questions import get_type
from .surveys import SURVEY_FIELDS, valid_language

EASY_SUFFIX = "-x-easy"  # older exports: `(de-x-easy)`; still read
EASY_NAMES = ("leichte sprache", "easy-read", "easy read")
SURVEY_TEXT_PREFIX = "mitsprache_"  # settings sheet: `mitsprache_title::Deutsch (de)`
LANG_COLUMN = re.compile(
    r"^(?P<field>[a-z_:]+?)::(?P<name>.*?)\s*(?:\((?P<code>[A-Za-z0-9-]+)\))?$"
)
# Mitsprache-only columns: other tools ignore them; they make the round trip lossless.
TYPE_COLUMN = "mitsprache_type"
SETTINGS_COLUMN = "mitsprache_settings"
NEED_COLUMN = "mitsprache_need"
WEIGHT_COLUMN = "mitsprache_weight"
EXCLUSIVE_COLUMN = "mitsprache_exclusive"
KIND_COLUMN = "mitsprache_observation_kind"
PICTOGRAM_COLUMN = "mitsprache_pictogram"


def column_language(code: str, easy: bool) -> str:
    """`Deutsch (de)` or `Deutsch – Leichte Sprache (de)`."""
    name = language_name(code)
    if easy:
        return f"{name} – {_easy_name(code)} ({code})"
    return f"{name} ({code})"


def _easy_name(code: str) -> str:
    return "Leichte Sprache" if code == "de" else "easy-read"


def _languages(survey: Survey) -> list[tuple[str, bool]]:
    """Survey languages first, then any other language a text has (area names, for example)."""
    codes = list(survey.languages)
    for texts in _all_texts(survey):
        for name, per_lang in (texts or {}).items():
            if name != "pictogram" and isinstance(per_lang, dict):
                codes.extend(code for code in per_lang if code not in codes)
    return [(code, easy) for code in codes for easy in (False, True)]


def _all_texts(survey: Survey):
    yield survey.texts
    for question in survey.questions:
        yield question.texts
        for choice in question.choices:
            yield choice.texts


def _text_columns(field: str, survey: Survey, prefix: str = "") -> list[tuple[str, str, str]]:
    """(column header, texts key, language) for one field in every language and register."""
    return [
        (
            f"{prefix}{field}::{column_language(code, easy)}",
            f"{field}_easy" if easy else field,
            code,
        )
        for code, easy in _languages(survey)
    ]


def _texts(texts: dict[str, Any], columns: list[tuple[str, str, str]]) -> list[str]:
    return [((texts or {}).get(name) or {}).get(code, "") for _, name, code in columns]


def _relevant(question: Question) -> str:
    condition = question.condition or {}
    parts = []
    for rule in condition.get("rules") or []:
        tests = [f"selected(${{{rule['question']}}}, '{v}')" for v in rule.get("values") or []]
        joined = " or ".join(tests)
        parts.append(f"({joined})" if len(tests) > 1 and len(condition["rules"]) > 1 else joined)
    return f" {'and' if condition.get('mode') == 'all' else 'or'} ".join(parts)


def _constraint(question: Question) -> str:
    low, high = question.settings.get("min"), question.settings.get("max")
    tests = [f". >= {low}" if low is not None else "", f". <= {high}" if high is not None else ""]
    return " and ".join(t for t in tests if t)


def _xls_type(question: Question) -> str:
    kind = get_type(question).xlsform
    return f"{kind} {question.key}" if get_type(question).has_choices else kind


def _appearance(question: Question) -> str:
    return {"rating": "likert", "long_text": "multiline"}.get(question.type, "")


def export_xlsform(session: Session, survey: Survey) -> bytes:
    """The survey as an XLSForm workbook (.xlsx)."""
    needs = dict(session.execute(select(NeedCategory.id, NeedCategory.key)).all())
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    label_cols = _text_columns("label", survey)
    hint_cols = _text_columns("hint", survey)
    _append(
        sheet,
        ["type", "name", *(c[0] for c in label_cols), *(c[0] for c in hint_cols)]
        + ["required", "relevant", "constraint", "appearance", TYPE_COLUMN, SETTINGS_COLUMN]
        + [NEED_COLUMN, PICTOGRAM_COLUMN],
    )
    pages: dict[int | None, int] = {}
    for question in survey.questions:
        pages[question.page] = pages.get(question.page, 0) + 1
    open_group: int | None = None
    for question in survey.questions:
        if open_group is not None and question.page != open_group:
            _append(sheet, ["end_group", ""])
            open_group = None
        if open_group is None and question.page is not None and pages[question.page] > 1:
            _append(sheet, ["begin_group", f"page_{question.page}"] + [""] * (2 * len(label_cols)))
            sheet.cell(sheet.max_row, 2 * len(label_cols) + 6).value = "field-list"
            open_group = question.page
        settings = {k: v for k, v in (question.settings or {}).items() if k not in ("min", "max")}
        _append(
            sheet,
            [_xls_type(question), question.key]
            + _texts(question.texts, label_cols)
            + _texts(question.texts, hint_cols)
            + ["yes" if question.required else "", _relevant(question), _constraint(question)]
            + [_appearance(question), question.type]
            + [json.dumps(settings, ensure_ascii=False) if settings else ""]
            + [needs.get(question.need_category_id, ""), _pictogram(question.texts)],
        )
    if open_group is not None:
        _append(sheet, ["end_group", ""])
    _choices_sheet(book, survey, needs)
    _settings_sheet(book, survey)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet: Any, values: list[Any]) -> None:
    """A row whose texts stay texts: a label starting with "=" is no formula, and control
    characters, which an .xlsx file cannot hold, are left out (instead of failing)."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _pictogram(texts: dict[str, Any]) -> str:
    return ((texts or {}).get("pictogram") or {}).get("*", "")


def _choices_sheet(book: Workbook, survey: Survey, needs: dict[int, str]) -> None:
    sheet = book.create_sheet("choices")
    label_cols = _text_columns("label", survey)
    _append(
        sheet,
        ["list_name", "name", *(c[0] for c in label_cols)]
        + [NEED_COLUMN, WEIGHT_COLUMN, EXCLUSIVE_COLUMN, KIND_COLUMN, PICTOGRAM_COLUMN],
    )
    for question in survey.questions:
        for choice in question.choices:
            _append(
                sheet,
                [question.key, choice.key, *_texts(choice.texts, label_cols)]
                + [needs.get(choice.need_category_id, ""), choice.weight]
                + ["yes" if choice.exclusive else "", choice.observation_kind or ""]
                + [_pictogram(choice.texts)],
            )


def _settings_sheet(book: Workbook, survey: Survey) -> None:
    sheet = book.create_sheet("settings")
    text_cols = [c for f in SURVEY_FIELDS for c in _text_columns(f, survey, SURVEY_TEXT_PREFIX)]
    title = ((survey.texts or {}).get("title") or {}).get(survey.default_language, survey.slug)
    _append(
        sheet,
        ["form_title", "form_id", "version", "default_language"]
        + ["mitsprache_kind", "mitsprache_anonymous", "mitsprache_min_cell"]
        + ["mitsprache_public_results", "mitsprache_estimated_minutes", "mitsprache_languages"]
        + [c[0] for c in text_cols],
    )
    _append(
        sheet,
        [title, survey.slug, str(survey.version), column_language(survey.default_language, False)]
        + [survey.kind.value, "yes" if survey.anonymous else "no", survey.min_cell]
        + ["yes" if survey.public_results else "no", survey.estimated_minutes or ""]
        + [" ".join(survey.languages)]
        + _texts(survey.texts, text_cols),
    )


def parse_language(header_name: str, code: str | None) -> tuple[str, bool] | None:
    """(language code, easy-read?) from a column's language part; None when unknown."""
    if code:
        easy = code.endswith(EASY_SUFFIX)
        base = code[: -len(EASY_SUFFIX)] if easy else code
        easy = easy or any(marker in header_name.lower() for marker in EASY_NAMES)
        return (base, easy) if valid_language(base) else None
    wanted = header_name.strip().lower()
    for candidate in ("de", "en", "tr", "ar", "uk", "ru", "fa", "pl", "fr", "es", "it"):
        locale = Locale.parse(candidate)
        names = {(locale.get_display_name(candidate) or "").lower()}
        names.add((locale.get_display_name("en") or "").lower())
        if wanted in names:
            return candidate, False
    return None
