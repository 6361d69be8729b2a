"""XLSForm import: read a workbook, report what Mitsprache does not support (by sheet and row),
and build the rest through the same checked path as the JSON import (one transaction).

Decisions (documented in docs/survey-json.md): geopoint, geotrace and geoshape are reported
and skipped, because Mitsprache does not record where residents are (an area question asks
for the part of town instead); metadata such as start, end or deviceid is never collected;
groups with appearance `field-list` become pages, other groups are flattened.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy.orm import Session

from ..i18n import lazy_gettext as _l
from ..questions import REGISTRY
from . import xlsform
from . import xlsform_rules as rules
from .exchange_json import MAX_IMPORT_BYTES, ImportFailed, ImportResult, Problem, build_survey
from .xlsform_report import place, report_unknown, sheet_place

SIMPLE_TYPES = {"integer": "number", "date": "date", "note": "note"}
CHOICE_TYPES = {
    "select_one": "single_choice",
    "select_multiple": "multiple_choice",
    "rank": "ranking",
}
PRIVATE = {"start", "end", "today", "deviceid", "username", "phonenumber", "simserial",
           "subscriberid", "audit", "start-geopoint", "email"}  # fmt: skip
LOCATION = {"geopoint", "geotrace", "geoshape"}
MAX_ROWS = 5000  # rows with content per sheet; larger forms are refused before any other work
MAX_RAW_ROWS = 50_000  # rows including empty (formatted) ones, read before giving up


class _TooManyRows(Exception):
    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet


class _Sheet:
    """Rows of one sheet as dicts keyed by lower-case header, with their Excel row numbers."""

    def __init__(self, worksheet: Any) -> None:
        self.name = worksheet.title.strip().lower()
        rows = []
        filled = 0
        for row in worksheet.iter_rows(values_only=True):
            rows.append(row)
            filled += any(v not in (None, "") for v in row)
            if filled > MAX_ROWS + 1 or len(rows) > MAX_RAW_ROWS:  # + 1: the header row
                raise _TooManyRows(worksheet.title)
        self.headers = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
        self.rows = [
            (number, {h: _cell(v) for h, v in zip(self.headers, row, strict=False) if h})
            for number, row in enumerate(rows[1:], start=2)
            if any(v not in (None, "") for v in row)
        ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(raw: bytes) -> dict[str, _Sheet]:
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed([Problem("file", _l("The file is too big."))])
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheets = {s.name: s for s in (_Sheet(ws) for ws in book.worksheets)}
        finally:
            book.close()
    except _TooManyRows as too_many:
        raise ImportFailed(
            [
                Problem(
                    sheet_place(too_many.sheet),
                    _l(
                        "This sheet has more than %(max)s rows. Mitsprache imports forms of up to %(max)s rows per sheet; nothing was imported.",
                        max=MAX_ROWS,
                    ),
                )
            ]
        ) from None
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        TypeError,
        SyntaxError,
    ):  # SyntaxError: xml ParseError of a broken part
        raise ImportFailed(
            [Problem("file", _l("This is not an XLSForm workbook (.xlsx) that can be read."))]
        ) from None
    if "survey" not in sheets or "type" not in [h.lower() for h in sheets["survey"].headers]:
        raise ImportFailed(
            [Problem("survey", _l("The workbook needs a sheet “survey” with a column “type”."))]
        )
    return sheets


class _Reader:
    def __init__(self, sheets: dict[str, _Sheet]) -> None:
        self.sheets = sheets
        self.reports: list[Problem] = []
        self.problems: list[Problem] = []
        self.languages: list[str] = []
        self._seen: set[tuple[str, str, str]] = set()
        settings = sheets.get("settings")
        self.settings = settings.rows[0][1] if settings and settings.rows else {}
        default = self.settings.get("default_language", "")
        match = re.search(r"\(([A-Za-z0-9-]+)\)\s*$", default)
        parsed = xlsform.parse_language(default, match.group(1) if match else None)
        self.default = (
            parsed[0] if parsed else (default if re.fullmatch(r"[a-z]{2,3}", default) else "de")
        )

    def report(self, sheet: str, row: int, message: Any) -> None:
        """Something left out; the rest of the form is imported."""
        self.reports.append(Problem(place(sheet, row), message))

    def problem(self, sheet: str, row: int, message: Any) -> None:
        """Something that stops the import; nothing is stored."""
        self.problems.append(Problem(place(sheet, row), message))

    def texts(self, sheet: _Sheet, row: dict[str, str], fields: set[str]) -> dict[str, Any]:
        """{"label": {"de": …}, "label_easy": {…}} from `label` and `label::Lang (code)`."""
        result: dict[str, Any] = {}
        for header, value in row.items():
            if not value:
                continue
            field, lang, easy = self._text_column(sheet, header)
            if field in fields and lang:
                name = f"{field}_easy" if easy else field
                result.setdefault(name, {})[lang] = value
                if lang not in self.languages:
                    self.languages.append(lang)
        return result

    def _text_column(self, sheet: _Sheet, header: str) -> tuple[str, str | None, bool]:
        match = xlsform.LANG_COLUMN.match(header)
        if not match:
            return header.lower(), self.default, False
        parsed = xlsform.parse_language(match.group("name"), match.group("code"))
        if parsed is None:
            key = ("language", sheet.name, header)
            if key not in self._seen:
                self._seen.add(key)
                self.report(
                    sheet.name,
                    1,
                    _l(
                        "The column “%(column)s” names no known language code; it was left out.",
                        column=header,
                    ),
                )
            return match.group("field").lower(), None, False
        return match.group("field").lower(), parsed[0], parsed[1]


def import_xlsform(session: Session, raw: bytes, created_by_id: int | None = None) -> ImportResult:
    """Import an XLSForm workbook; unsupported rows are reported, the rest is imported."""
    reader = _Reader(read_workbook(raw))
    report_unknown(reader)
    choices = _read_choices(reader)
    questions, rows = _read_questions(reader, choices)
    if reader.problems:
        raise ImportFailed(reader.problems)
    choice_rows = [question.pop("_choice_rows") for question in questions]
    spec = _survey_spec(reader, questions)
    try:
        survey = build_survey(session, spec, created_by_id)
    except ImportFailed as failed:
        raise ImportFailed([_row_place(p, rows, choice_rows) for p in failed.problems]) from None
    return ImportResult(survey, reader.reports)


def _row_place(problem: Problem, rows: list[int], choice_rows: list[list[int]]) -> Problem:
    """The sheet and row of a problem found while building: a choice's row on "choices"."""
    match = re.match(r"survey\.questions\[(\d+)\][^.]*(?:\.choices\[(\d+)\])?", problem.place)
    if not match or int(match.group(1)) >= len(rows):
        return problem
    index = int(match.group(1))
    if match.group(2) is not None and int(match.group(2)) < len(choice_rows[index]):
        return Problem(place("choices", choice_rows[index][int(match.group(2))]), problem.message)
    return Problem(place("survey", rows[index]), problem.message)


def _read_choices(reader: _Reader) -> dict[str, list[dict[str, Any]]]:
    sheet = reader.sheets.get("choices")
    lists: dict[str, list[dict[str, Any]]] = {}
    for number, row in sheet.rows if sheet else []:
        list_name = row.get("list_name") or row.get("list name") or ""
        weight = row.get(xlsform.WEIGHT_COLUMN) or "1"
        try:
            weight_value = float(weight.replace(",", "."))
        except ValueError:
            reader.problems.append(
                Problem(place("choices", number), _l("The weight must be a number."))
            )
            weight_value = 1.0
        lists.setdefault(list_name, []).append(
            {
                "key": row.get("name", ""),
                "texts": _with_pictogram(
                    reader.texts(sheet, row, {"label"}), row.get(xlsform.PICTOGRAM_COLUMN)
                ),
                "need_category": row.get(xlsform.NEED_COLUMN) or None,
                "weight": weight_value,
                "exclusive": row.get(xlsform.EXCLUSIVE_COLUMN, "").lower() in rules.TRUE,
                "observation_kind": row.get(xlsform.KIND_COLUMN) or None,
                "_row": number,
            }
        )
    return lists


def _with_pictogram(texts: dict[str, Any], name: str | None) -> dict[str, Any]:
    if name:
        texts["pictogram"] = {"*": name}
    return texts


def _read_questions(reader: _Reader, lists: dict) -> tuple[list[dict[str, Any]], list[int]]:
    sheet = reader.sheets["survey"]
    questions: list[dict[str, Any]] = []
    rows: list[int] = []
    skipped: set[str] = set()
    stack: list[str] = []  # open groups: "page", "flat" or "skip"
    page = 0
    for number, row in sheet.rows:
        raw_type = re.sub(r"\s+", " ", row.get("type", "").strip().lower())
        raw_type = re.sub(r"^(begin|end) (group|repeat)", r"\1_\2", raw_type)
        kind, _, rest = raw_type.partition(" ")
        if kind in {"begin_group", "begin_repeat"}:
            if kind == "begin_repeat" or "skip" in stack:
                stack.append("skip")
                if "skip" not in stack[:-1]:
                    reader.report(
                        "survey",
                        number,
                        _l("Repeats are not supported; the questions inside were left out."),
                    )
            elif "field-list" in row.get("appearance", ""):
                stack.append("page")
                page += 1
            else:
                stack.append("flat")
            continue
        if kind in {"end_group", "end_repeat"}:
            if stack:
                stack.pop()
            continue
        if "skip" in stack:
            skipped.add(row.get("name", ""))
            continue
        question = _read_question(reader, sheet, number, row, kind, rest.strip(), lists)
        if question is None:
            skipped.add(row.get("name", ""))
            continue
        in_page = bool(stack) and stack[-1] == "page"
        if not in_page:
            page += 1
        question["page"] = page
        rules.read_relevant(reader, number, row.get("relevant", ""), question, skipped)
        questions.append(question)
        rows.append(number)
    return questions, rows


def _read_question(
    reader: _Reader, sheet: Any, number: int, row: dict, kind: str, rest: str, lists: dict
) -> dict[str, Any] | None:
    name = row.get("name", "")
    if kind in LOCATION:
        reader.report(
            "survey",
            number,
            _l(
                "Exact locations are not collected from residents; use an area question instead. The question “%(name)s” was left out.",
                name=name,
            ),
        )
        return None
    if kind in PRIVATE:
        reader.report(
            "survey",
            number,
            _l(
                "“%(type)s” is device or person metadata, which Mitsprache never collects; it was left out.",
                type=kind,
            ),
        )
        return None
    type_ = _mitsprache_type(row, kind, rest, lists)
    if type_ is None:
        reader.report(
            "survey",
            number,
            _l(
                "The question type “%(type)s” is not supported; the question “%(name)s” was left out.",
                type=kind or "?",
                name=name,
            ),
        )
        return None
    if rest.endswith(" or_other"):
        reader.report(
            "survey",
            number,
            _l("“or_other” is not supported; the question was imported without the extra answer."),
        )
        rest = rest[: -len(" or_other")]
    question: dict[str, Any] = {
        "key": name,
        "type": type_,
        "required": rules.read_required(reader, number, row.get("required", "")),
        "texts": _with_pictogram(
            reader.texts(sheet, row, {"label", "hint"}), row.get(xlsform.PICTOGRAM_COLUMN)
        ),
        "settings": rules.read_settings(reader, number, row),
        "need_category": row.get(xlsform.NEED_COLUMN) or None,
        "choices": [],
        "_choice_rows": [],
    }
    if REGISTRY[type_].has_choices:
        if rest not in lists:
            reader.problems.append(
                Problem(
                    place("survey", number),
                    _l(
                        "The list of answers “%(list)s” is missing on the sheet “choices”.",
                        list=rest,
                    ),
                )
            )
        question["choices"] = [
            {k: v for k, v in c.items() if k != "_row"} for c in lists.get(rest, [])
        ]
        question["_choice_rows"] = [c["_row"] for c in lists.get(rest, [])]
    return question


def _mitsprache_type(row: dict, kind: str, rest: str, lists: dict) -> str | None:
    own = row.get(xlsform.TYPE_COLUMN, "")
    if own in REGISTRY and REGISTRY[own].xlsform == kind:
        return own
    appearance = row.get("appearance", "")
    if kind == "select_one":
        keys = {c["key"] for c in lists.get(rest.split(" ")[0], [])}
        if "likert" in appearance:
            return "rating"
        return "yes_no" if keys == {"yes", "no"} else "single_choice"
    if kind in CHOICE_TYPES:
        return CHOICE_TYPES[kind]
    if kind == "text":
        return "long_text" if "multiline" in appearance else "short_text"
    return SIMPLE_TYPES.get(kind)


def _survey_spec(reader: _Reader, questions: list[dict[str, Any]]) -> dict[str, Any]:
    settings_sheet = reader.sheets.get("settings")
    prefix = xlsform.SURVEY_TEXT_PREFIX
    fields = {*xlsform.SURVEY_FIELDS, *(prefix + f for f in xlsform.SURVEY_FIELDS)}
    texts: dict[str, Any] = {}
    # `mitsprache_title::…` (our exports) and `title::…` (older exports, other tools)
    found = reader.texts(settings_sheet, reader.settings, fields) if settings_sheet else {}
    for name, per_lang in sorted(found.items(), key=lambda item: item[0].startswith(prefix)):
        texts.setdefault(name.removeprefix(prefix), {}).update(per_lang)
    title = reader.settings.get("form_title", "")
    if title and not (texts.get("title") or {}).get(reader.default):
        texts.setdefault("title", {})[reader.default] = title
    own = reader.settings.get("mitsprache_languages", "").split()
    languages = list(dict.fromkeys([reader.default, *(own or reader.languages)]))
    flag = reader.settings.get
    minutes = flag("mitsprache_estimated_minutes", "")
    min_cell = flag("mitsprache_min_cell", "")
    return {
        "slug": flag("form_id", "") or None,
        "kind": flag("mitsprache_kind", "") or "questionnaire",
        "languages": languages,
        "default_language": reader.default,
        "texts": texts,
        "anonymous": flag("mitsprache_anonymous", "yes").lower() in rules.TRUE,
        "public_results": flag("mitsprache_public_results", "no").lower() in rules.TRUE,
        "min_cell": rules.whole_number(min_cell, 5),
        "estimated_minutes": rules.whole_number(minutes, None),
        "questions": questions,
    }
