"""Response exports: CSV, XLSX and JSON, one row per complete response, streamed.

Column names are stable (question keys; `key__choice` for multiple-choice flags and ranks);
labels come in the chosen language; a codebook explains every column. Text cells that a
spreadsheet would run as a formula (starting with = + - @ tab CR LF) get a leading apostrophe;
numbers stay numbers. Anonymous surveys get a per-export sequence number instead of ids.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import force_locale, localized
from ..models import Answer, Question, Response, ResponseStatus, Survey
from ..questions import REGISTRY

FORMATS = ("csv", "xlsx", "json")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")
# what an .xlsx file cannot hold (the same as openpyxl's ILLEGAL_CHARACTERS_RE)
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
BATCH = 2000


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text; numbers, dates and None pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    name: str
    question: Question | None
    choice_id: int | None = None  # set for multiple-choice flags and ranking items
    label: str = ""


def _text(item: Any, field: str, lang: str) -> str:
    return localized(item.texts, field, lang=lang, easy_read=False).text or item.key


def columns(survey: Survey, lang: str) -> list[Column]:
    """The export's columns, in questionnaire order."""
    cols = [Column(n, None, label=n) for n in ("response", "round", "channel", "language",
                                                "easy_read", "completed")]  # fmt: skip
    if not survey.anonymous:
        cols.insert(1, Column("response_id", None, label="response_id"))
    for question in survey.questions:
        qtype = REGISTRY.get(question.type)
        if qtype is None or not qtype.takes_answer:
            continue
        title = _text(question, "label", lang)
        if question.type in {"multiple_choice", "ranking"}:
            for choice in question.choices:
                name = f"{question.key}__{choice.key}"
                cols.append(
                    Column(name, question, choice.id, f"{title}: {_text(choice, 'label', lang)}")
                )
        else:
            cols.append(Column(question.key, question, label=title))
    return cols


def _value(question: Question, answers: list[Any], labels: dict[int, str]) -> Any:
    first = answers[0]
    if question.type == "rating" and first.value_number is not None:
        return int(first.value_number)
    if first.choice_id is not None:
        return labels.get(first.choice_id, "")
    if first.value_number is not None:
        number = first.value_number
        return int(number) if float(number).is_integer() else number
    if first.value_date is not None:
        return _as_date(first.value_date)
    return first.value_text or ""


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def iter_rows(session: Session, survey: Survey, lang: str) -> Iterator[list[Any]]:
    """Header, then one list of cell values per complete response (not yet made safe).

    Two cursors in the same order, one over the responses and one over their answers, are
    walked side by side: each response's own columns are read once, not once per answer.
    """
    cols = columns(survey, lang)
    yield [c.name for c in cols]
    builder = _RowBuilder(survey, cols, lang)
    r, a = Response.__table__, Answer.__table__
    where = (r.c.survey_id == survey.id, r.c.status == ResponseStatus.COMPLETE)
    order = (r.c.round, r.c.id)  # the (survey, status, round) index gives this order
    people = (
        select(r.c.id, r.c.round, r.c.channel, r.c.language, r.c.easy_read, r.c.completed_at)
        .where(*where).order_by(*order).execution_options(yield_per=BATCH)
    )  # fmt: skip
    given = (
        select(r.c.round, a.c.response_id, a.c.question_id, a.c.choice_id, a.c.value_number,
               a.c.value_text, a.c.value_date)
        .join_from(r, a, a.c.response_id == r.c.id)
        .where(*where).order_by(*order).execution_options(yield_per=BATCH)
    )  # fmt: skip
    answers = iter(session.execute(given))
    pending = next(answers, None)
    for person in session.execute(people):
        here = (person.round, person.id)
        # answers of a response the first cursor did not see (completed in between) are passed
        while pending is not None and (pending.round, pending.response_id) < here:
            pending = next(answers, None)
        own: list[Any] = []
        while pending is not None and pending.response_id == person.id:
            own.append(pending)
            pending = next(answers, None)
        yield builder.row(person, own)


class _RowBuilder:
    """Turns the answer records of one response into a row of cells."""

    def __init__(self, survey: Survey, cols: list[Column], lang: str) -> None:
        self.survey = survey
        self.width = len(cols)
        self.labels = {c.id: _text(c, "label", lang) for q in survey.questions for c in q.choices}
        self.questions = {q.id: q for q in survey.questions}
        self.item = {(c.question.id, c.choice_id): i for i, c in enumerate(cols) if c.choice_id}
        self.single = {
            c.question.id: i for i, c in enumerate(cols) if c.question and not c.choice_id
        }
        self.items_of: dict[int, list[int]] = {}
        for (qid, _cid), index in self.item.items():
            self.items_of.setdefault(qid, []).append(index)
        self.sequence = 0
        self.offset = 0 if survey.anonymous else 1

    def row(self, first: Any, records: list[Any]) -> list[Any]:
        self.sequence += 1
        row: list[Any] = [None] * self.width
        row[0] = self.sequence
        if self.offset:
            row[1] = first.id
        completed = first.completed_at
        row[1 + self.offset : 6 + self.offset] = [
            first.round, getattr(first.channel, "value", first.channel), first.language,
            1 if first.easy_read else 0,
            completed.date() if isinstance(completed, datetime) else completed,
        ]  # fmt: skip
        grouped: dict[int, list[Any]] = {}
        for rec in records:
            if rec.question_id in self.questions:
                grouped.setdefault(rec.question_id, []).append(rec)
        for qid, answers in grouped.items():
            question = self.questions[qid]
            if qid in self.items_of:
                multiple = question.type == "multiple_choice"
                for index in self.items_of[qid]:
                    row[index] = 0 if multiple else None
                for rec in answers:
                    index = self.item.get((qid, rec.choice_id))
                    if index is not None:
                        row[index] = 1 if multiple else _int(rec.value_number)
            elif qid in self.single:
                row[self.single[qid]] = _value(question, answers, self.labels)
        return row


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


def codebook(survey: Survey, lang: str) -> Iterator[list[Any]]:
    """One line per column and, for choice questions, per value: what the data mean."""
    yield ["column", "question", "question_text", "type", "value", "value_label", "need_category"]
    for col in columns(survey, lang):
        question = col.question
        if question is None:
            yield [col.name, "", _META.get(col.name, ""), "meta", "", "", ""]
            continue
        if col.choice_id is not None:
            choice = next(c for c in question.choices if c.id == col.choice_id)
            kind = (
                "flag (1 = chosen, 0 = not chosen)"
                if question.type == "multiple_choice"
                else "rank"
            )
            yield [col.name, question.key, col.label, kind, choice.key,
                   _text(choice, "label", lang), _category(choice)]  # fmt: skip
            continue
        if not question.choices:
            yield [col.name, question.key, col.label, question.type, "", "", ""]
        for choice in question.choices:
            value = (
                choice.key
                if question.type == "rating" and choice.key.isdigit()
                else _text(choice, "label", lang)
            )
            yield [col.name, question.key, col.label, question.type, value,
                   _text(choice, "label", lang), _category(choice)]  # fmt: skip


_META = {
    "response": "Number of the response in this export (not an internal id)",
    "response_id": "Internal id of the response",
    "round": "Survey round",
    "channel": "web or paper",
    "language": "Language the person answered in",
    "easy_read": "1 = answered in easy-read",
    "completed": "Day the answer was completed",
}


def _category(choice: Any) -> str:
    return str(choice.need_category_id or "")


# --- writers -------------------------------------------------------------------------------


def _csv_lines(rows: Iterator[list[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff"  # spreadsheet programs need the BOM to read UTF-8
    for row in rows:
        writer.writerow([_csv_value(safe_cell(v)) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _csv_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def stream_csv(session: Session, survey: Survey, lang: str) -> Iterator[str]:
    """The responses as CSV text chunks."""
    with force_locale(lang):
        yield from _csv_lines(iter_rows(session, survey, lang))


def stream_codebook_csv(survey: Survey, lang: str) -> Iterator[str]:
    with force_locale(lang):
        yield from _csv_lines(codebook(survey, lang))


def stream_json(session: Session, survey: Survey, lang: str) -> Iterator[str]:
    """{"survey", "language", "codebook", "responses": [{column: value}]} in chunks."""
    with force_locale(lang):
        book = codebook(survey, lang)
        book_head = next(book)
        yield json.dumps({"survey": survey.slug, "language": lang})[:-1]
        yield ', "codebook": ' + json.dumps([dict(zip(book_head, r, strict=True)) for r in book],
                                             ensure_ascii=False)  # fmt: skip
        yield ', "responses": ['
        rows = iter_rows(session, survey, lang)
        header = next(rows)
        for n, row in enumerate(rows):
            record = dict(zip(header, (_csv_value(v) for v in row), strict=True))
            yield ("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]}\n"


def write_xlsx(session: Session, survey: Survey, lang: str, target: IO[bytes]) -> None:
    """A workbook with the responses and a codebook sheet, written row by row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    with force_locale(lang):
        for title, rows in [("responses", iter_rows(session, survey, lang)),
                            ("codebook", codebook(survey, lang))]:  # fmt: skip
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append([_xlsx_cell(sheet, v, WriteOnlyCell) for v in row])
    workbook.save(target)


def _xlsx_cell(sheet, value: Any, cell_type) -> Any:
    if isinstance(value, str):  # control characters cannot be stored in an .xlsx file
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    value = safe_cell(value)
    if isinstance(value, str) and value.startswith("'"):
        cell = cell_type(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever openpyxl would guess
        return cell
    return value


def xlsx_file(session: Session, survey: Survey, lang: str) -> IO[bytes]:
    """The workbook in a temporary file (spooled to disk), positioned at the start."""
    target = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)  # noqa: SIM115
    write_xlsx(session, survey, lang, target)
    target.seek(0)
    return target


def export_filename(survey: Survey, fmt: str, suffix: str = "") -> str:
    today = date.today().isoformat()
    return f"{survey.slug}-responses{suffix}-{today}.{fmt}"
