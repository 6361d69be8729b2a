"""Question-type registry: each type knows its input, validation, answer rows and summary.

The resident pages, the builder's preview, paper entry, the XLSForm exchange and the results
all go through this one registry, so a type behaves the same everywhere.

Form names: the control(s) of question `key` are named `q-<key>` (date: `q-<key>-day|month|year`,
ranking: `q-<key>-<choice key>`). The first control has the id `first_control_id(question)`,
which the error summary links to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from .i18n import lazy_gettext as _l
from .i18n import localized
from .models import Answer, Choice, Question

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000


class AnswerError(ValueError):
    """The resident's input for one question is not valid; `message` says how to fix it."""

    def __init__(self, message: Any, control: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.control = control


@dataclass
class AnswerRow:
    """One row of the long answer table, before it is stored."""

    choice_id: int | None = None
    value_number: float | None = None
    value_text: str | None = None
    value_date: date | None = None


@dataclass
class QuestionType:
    """Behaviour shared by every type; subclasses change what differs."""

    key: str
    label: Any
    xlsform: str
    summary: str  # "distribution", "scale", "ranking", "numeric", "text", "date", "none"
    has_choices: bool = False
    takes_answer: bool = True
    # at most one answer row per response (multiple choice and ranking store one per item)
    one_row: ClassVar[bool] = True
    settings: dict[str, Any] = field(default_factory=dict)

    # -- names -----------------------------------------------------------------------------
    def name(self, question: Question) -> str:
        return f"q-{question.key}"

    def first_control_id(self, question: Question) -> str:
        return self.name(question)

    # -- input ------------------------------------------------------------------------------
    def raw_value(self, question: Question, form: Mapping[str, Any]) -> Any:
        """What the resident sent, in the shape the template shows it again."""
        return (form.get(self.name(question)) or "").strip()

    def parse(self, question: Question, form: Mapping[str, Any]) -> list[AnswerRow]:
        """Validate the submitted form data; returns answer rows (empty: not answered)."""
        value = self.raw_value(question, form)
        if not value:
            self._require(question)
            return []
        return self.rows_from(question, value)

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        return [AnswerRow(value_text=value)]

    def _require(self, question: Question) -> None:
        if question.required:
            raise AnswerError(self.required_message(), self.first_control_id(question))

    def required_message(self) -> Any:
        # Translators: resident
        return _l("Enter your answer")

    # -- stored answers ---------------------------------------------------------------------
    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        """The stored answer rows in the shape the template shows them."""
        for answer in answers:
            return answer.value_text or ""
        return ""

    def display(self, question: Question, value: Any) -> list[str]:
        """Human-readable answer lines for the check-your-answers page."""
        return [str(value)] if value not in ("", None) else []


def _choice_by_key(question: Question, key: str) -> Choice | None:
    return next((c for c in question.choices if c.key == key), None)


def _choice_label(choice: Choice) -> str:
    return localized(choice.texts, "label").text or choice.key


class SingleChoiceType(QuestionType):
    def first_control_id(self, question: Question) -> str:
        return f"{self.name(question)}-0"

    def required_message(self) -> Any:
        # Translators: resident
        return _l("Select an answer")

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        choice = _choice_by_key(question, value)
        if choice is None:
            raise AnswerError(
                # Translators: resident
                _l("Select one of the answers shown"),
                self.first_control_id(question),
            )
        return [AnswerRow(choice_id=choice.id, value_number=_number_of(choice))]

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        keys = {c.id: c.key for c in question.choices}
        for answer in answers:
            return keys.get(answer.choice_id, "")
        return ""

    def display(self, question: Question, value: Any) -> list[str]:
        choice = _choice_by_key(question, value) if value else None
        return [_choice_label(choice)] if choice else []


def _number_of(choice: Choice) -> float | None:
    """Rating points carry their number in the key ("1".."5"); others carry none."""
    try:
        return float(choice.key)
    except ValueError:
        return None


class MultipleChoiceType(SingleChoiceType):
    one_row = False

    def raw_value(self, question: Question, form: Mapping[str, Any]) -> Any:
        getlist = getattr(form, "getlist", None)
        values = getlist(self.name(question)) if getlist else form.get(self.name(question), [])
        if isinstance(values, str):
            values = [values]
        return [v for v in dict.fromkeys(values) if v]

    def required_message(self) -> Any:
        # Translators: resident
        return _l("Select at least one answer")

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        chosen = [_choice_by_key(question, key) for key in value]
        if any(c is None for c in chosen):
            raise AnswerError(
                # Translators: resident
                _l("Select one of the answers shown"),
                self.first_control_id(question),
            )
        exclusive = [c for c in chosen if c.exclusive]
        if exclusive and len(chosen) > 1:
            raise AnswerError(
                # Translators: resident
                _l(
                    "“%(answer)s” cannot be combined with other answers",
                    answer=_choice_label(exclusive[0]),
                ),
                self.first_control_id(question),
            )
        return [AnswerRow(choice_id=c.id) for c in sorted(chosen, key=lambda c: c.position)]

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        keys = {c.id: c.key for c in question.choices}
        return [keys[a.choice_id] for a in answers if a.choice_id in keys]

    def display(self, question: Question, value: Any) -> list[str]:
        return [_choice_label(c) for c in question.choices if c.key in (value or [])]


class NumberType(QuestionType):
    def required_message(self) -> Any:
        # Translators: resident
        return _l("Enter a whole number, like 12")

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        cleaned = value.replace("\u202f", "").replace("\xa0", "")
        if re.fullmatch(r"-?\d{1,3}([., ]\d{3})+", cleaned):  # thousands separators
            cleaned = re.sub(r"[., ]", "", cleaned)
        if not re.fullmatch(r"-?\d{1,12}", cleaned):  # \d includes Arabic-Indic digits
            # Translators: resident
            raise AnswerError(_l("Enter a whole number, like 12"), self.name(question))
        number = int(cleaned)
        low, high = question.settings.get("min"), question.settings.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise AnswerError(
                # Translators: resident
                _l(
                    "Enter a number between %(min)s and %(max)s",
                    min=low if low is not None else "…",
                    max=high if high is not None else "…",
                ),
                self.name(question),
            )
        return [AnswerRow(value_number=float(number))]

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        for answer in answers:
            if answer.value_number is not None:
                return str(int(answer.value_number))
        return ""


class TextType(QuestionType):
    def max_length(self, question: Question) -> int:
        default = SHORT_TEXT_MAX if self.key == "short_text" else LONG_TEXT_MAX
        return int(question.settings.get("max_length") or default)

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        limit = self.max_length(question)
        if len(value) > limit:
            raise AnswerError(
                # Translators: resident
                _l("Your answer must be %(max)s characters or fewer", max=limit),
                self.name(question),
            )
        if "\x00" in value:
            value = value.replace("\x00", "")
        return [AnswerRow(value_text=value)]


_DIGITS = re.compile(r"[0-9]{1,12}")


def _whole(raw: Any, max_digits: int) -> int:
    """A whole number written with at most `max_digits` digits 0-9 (Arabic-Indic digits are
    read as 0-9 first); ValueError otherwise. `str.isdigit()` is not enough: it accepts "²",
    which int() refuses, and a year of 50 digits overflows `date()`."""
    text = str(raw).strip()
    if len(text) > max_digits:
        raise ValueError(raw)
    text = "".join(str(unicodedata.decimal(ch, "x")) for ch in text)
    if not _DIGITS.fullmatch(text):
        raise ValueError(raw)
    return int(text)


class DateType(QuestionType):
    PARTS = ("day", "month", "year")

    def first_control_id(self, question: Question) -> str:
        return f"{self.name(question)}-day"

    def raw_value(self, question: Question, form: Mapping[str, Any]) -> Any:
        return {p: (form.get(f"{self.name(question)}-{p}") or "").strip() for p in self.PARTS}

    def required_message(self) -> Any:
        # Translators: resident
        return _l("Enter a date, like 27 3 2026")

    def parse(self, question: Question, form: Mapping[str, Any]) -> list[AnswerRow]:
        parts = self.raw_value(question, form)
        if not any(parts.values()):
            self._require(question)
            return []
        missing = [p for p in self.PARTS if not parts[p]]
        if missing:
            raise AnswerError(
                # Translators: resident
                _l("The date must include a day, a month and a year"),
                f"{self.name(question)}-{missing[0]}",
            )
        try:
            value = date(
                _whole(parts["year"], 4), _whole(parts["month"], 2), _whole(parts["day"], 2)
            )
        except ValueError:
            raise AnswerError(
                # Translators: resident
                _l("Enter a real date, like 27 3 2026"),
                self.first_control_id(question),
            ) from None
        if not 1900 <= value.year <= 2100:
            raise AnswerError(
                # Translators: resident
                _l("Enter a real date, like 27 3 2026"),
                f"{self.name(question)}-year",
            )
        return [AnswerRow(value_date=value)]

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        for answer in answers:
            if answer.value_date:
                d = answer.value_date
                return {"day": str(d.day), "month": str(d.month), "year": str(d.year)}
        return dict.fromkeys(self.PARTS, "")

    def display(self, question: Question, value: Any) -> list[str]:
        from .i18n import format_date

        try:
            return [
                format_date(
                    date(
                        _whole(value["year"], 4), _whole(value["month"], 2), _whole(value["day"], 2)
                    ),
                    "long",
                )
            ]
        except (KeyError, TypeError, ValueError):
            return []


class RankingType(QuestionType):
    """Rank items by choosing a number per item (no drag and drop: WCAG 2.5.7)."""

    one_row = False

    def control_name(self, question: Question, choice: Choice) -> str:
        return f"{self.name(question)}-{choice.key}"

    def first_control_id(self, question: Question) -> str:
        first = question.choices[0] if question.choices else None
        return self.control_name(question, first) if first else self.name(question)

    def raw_value(self, question: Question, form: Mapping[str, Any]) -> Any:
        values = {}
        for choice in question.choices:
            raw = (form.get(self.control_name(question, choice)) or "").strip()
            if raw:
                values[choice.key] = raw
        return values

    def required_message(self) -> Any:
        # Translators: resident
        return _l("Give a rank to at least one item")

    def rows_from(self, question: Question, value: Any) -> list[AnswerRow]:
        count = len(question.choices)
        ranks: dict[str, int] = {}
        for key, raw in value.items():
            try:
                rank = _whole(raw, 3)
            except ValueError:
                rank = 0
            if not 1 <= rank <= count:
                raise AnswerError(
                    # Translators: resident
                    _l("Choose a rank between 1 and %(max)s", max=count),
                    self.control_name(question, _choice_by_key(question, key)),
                )
            ranks[key] = rank
        if len(set(ranks.values())) != len(ranks):
            # Translators: resident
            raise AnswerError(_l("Give each rank only once"), self.first_control_id(question))
        by_key = {c.key: c for c in question.choices}
        return [
            AnswerRow(choice_id=by_key[k].id, value_number=float(r))
            for k, r in sorted(ranks.items(), key=lambda item: item[1])
        ]

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        keys = {c.id: c.key for c in question.choices}
        return {
            keys[a.choice_id]: str(int(a.value_number))
            for a in answers
            if a.choice_id in keys and a.value_number is not None
        }

    def display(self, question: Question, value: Any) -> list[str]:
        ordered = sorted((int(r), k) for k, r in (value or {}).items() if _DIGITS.fullmatch(str(r)))
        labels = {c.key: _choice_label(c) for c in question.choices}
        return [f"{rank}. {labels.get(key, key)}" for rank, key in ordered]


class NoteType(QuestionType):
    def parse(self, question: Question, form: Mapping[str, Any]) -> list[AnswerRow]:
        return []

    def stored_value(self, question: Question, answers: Iterable[Answer]) -> Any:
        return ""


REGISTRY: dict[str, QuestionType] = {
    t.key: t
    for t in [
        SingleChoiceType("single_choice", _l("Single choice"), "select_one", "distribution", True),
        MultipleChoiceType(
            "multiple_choice", _l("Multiple choice"), "select_multiple", "distribution", True
        ),
        SingleChoiceType("rating", _l("Rating scale"), "select_one", "scale", True),
        SingleChoiceType("yes_no", _l("Yes or no"), "select_one", "distribution", True),
        NumberType("number", _l("Whole number"), "integer", "numeric"),
        TextType("short_text", _l("Short text"), "text", "text"),
        TextType("long_text", _l("Long text"), "text", "text"),
        DateType("date", _l("Date"), "date", "date"),
        SingleChoiceType("area", _l("Area or place"), "select_one", "distribution", True),
        RankingType("ranking", _l("Ranking"), "rank", "ranking", True),
        NoteType("note", _l("Information text"), "note", "none", takes_answer=False),
    ]
}


def get_type(question_or_key: Question | str) -> QuestionType:
    key = question_or_key if isinstance(question_or_key, str) else question_or_key.type
    return REGISTRY[key]
