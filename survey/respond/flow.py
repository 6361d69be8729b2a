"""The path through a survey: which questions are shown, on which pages, in which order.

No Flask here: the resident pages and paper entry both use it, and tests call it directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..conditions import visible_questions
from ..models import Answer, Question
from ..questions import AnswerError, AnswerRow, get_type


def group_pages(questions: Iterable[Question]) -> list[list[Question]]:
    """One question per page, except that neighbours sharing `Question.page` go together."""
    pages: list[list[Question]] = []
    for question in questions:
        if pages and question.page is not None and pages[-1][0].page == question.page:
            pages[-1].append(question)
        else:
            pages.append([question])
    return pages


def chosen_keys(
    questions: Iterable[Question], answers: Mapping[int, Iterable[Any]]
) -> dict[str, set[str]]:
    """Choice keys chosen per question key, from stored answers or unsaved answer rows."""
    result: dict[str, set[str]] = {}
    for question in questions:
        keys = {c.id: c.key for c in question.choices}
        chosen = {keys[a.choice_id] for a in answers.get(question.id, []) if a.choice_id in keys}
        if chosen:
            result[question.key] = chosen
    return result


def is_blank(value: Any) -> bool:
    """True when the resident typed or chose nothing for a question."""
    if isinstance(value, dict):
        return not any(value.values())
    return not value


@dataclass
class Journey:
    """A response's way through the survey, given its stored answers."""

    questions: list[Question]
    answers: dict[int, list[Answer] | list[AnswerRow]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.questions = sorted(self.questions, key=lambda q: q.position)
        self.visible = visible_questions(self.questions, chosen_keys(self.questions, self.answers))
        self.pages = group_pages(self.visible)
        # notes (texts between questions) are no questions: they get no number and no count
        asking = [q for q in self.visible if get_type(q).takes_answer]
        self.numbers = {q.key: n for n, q in enumerate(asking, start=1)}
        self.question_count = len(asking)

    def page_index(self, key: str) -> int | None:
        """Index of the visible page that starts with question `key`."""
        return next((i for i, page in enumerate(self.pages) if page[0].key == key), None)

    def page_key(self, question_key: str) -> str:
        """The key that names the page a question is shown on."""
        for page in self.pages:
            if any(q.key == question_key for q in page):
                return page[0].key
        return question_key

    def page(self, key: str) -> list[Question] | None:
        index = self.page_index(key)
        return None if index is None else self.pages[index]

    def next_key(self, key: str) -> str | None:
        """The first question of the page after `key`'s page (None: the end)."""
        index = self.page_index(key)
        after = self.pages[index + 1 :] if index is not None else []
        if index is None:
            # the page was hidden meanwhile: continue after its position
            position = next((q.position for q in self.questions if q.key == key), -1)
            after = [p for p in self.pages if p[0].position > position]
        return after[0][0].key if after else None

    def previous_key(self, key: str) -> str | None:
        index = self.page_index(key)
        return self.pages[index - 1][0].key if index else None

    def first_key(self) -> str | None:
        return self.pages[0][0].key if self.pages else None

    def value(self, question: Question) -> Any:
        return get_type(question).stored_value(question, self.answers.get(question.id, []))

    def answered(self, question: Question) -> bool:
        return bool(self.answers.get(question.id))

    def resume_key(self) -> str | None:
        """Where to go on: the first unanswered page after the last answered one (None: check
        your answers). Unanswered pages before it were skipped on purpose and are not shown
        again; a required one among them is caught on the check page, with a link to it."""
        if not any(self.answers.values()):
            return self.first_key()  # a new response starts at the start, intro notes too
        asking = [(page, [q for q in page if get_type(q).takes_answer]) for page in self.pages]
        last = max(
            (i for i, (_page, asks) in enumerate(asking) if any(map(self.answered, asks))),
            default=-1,
        )
        for page, asks in asking[last + 1 :]:
            if asks:
                return page[0].key
        return None

    def missing_required(self) -> list[Question]:
        return [q for q in self.visible if q.required and not self.answered(q)]

    def progress(self, page: list[Question]) -> tuple[int, int, int] | None:
        """(first number, last number, total) of the questions on this page (None: only notes)."""
        numbers = [self.numbers[q.key] for q in page if q.key in self.numbers]
        if not numbers:
            return None
        return numbers[0], numbers[-1], self.question_count


def parse_answers(
    questions: Iterable[Question], form: Mapping[str, Any], *, blanks_allowed: bool = False
) -> tuple[dict[Question, list[AnswerRow]], dict[int, Any], list[tuple[Question, str, str]]]:
    """Answer rows, values to show again and (question, control id, message) errors.

    With blanks_allowed (paper entry) a required question left empty is not an error: people
    leave questions out on paper, and the person keying it in must still be able to save it.
    """
    rows: dict[Question, list[AnswerRow]] = {}
    values: dict[int, Any] = {}
    errors: list[tuple[Question, str, str]] = []
    for question in questions:
        qtype = get_type(question)
        values[question.id] = raw = qtype.raw_value(question, form)
        if blanks_allowed and is_blank(raw):
            rows[question] = []
            continue
        try:
            rows[question] = qtype.parse(question, form)
        except AnswerError as error:
            errors.append((question, error.control, str(error.message)))
    return rows, values, errors
