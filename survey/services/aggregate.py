"""Aggregates over the long answer table: SQL GROUP BY only, the same on SQLite and PostgreSQL.

Every function counts complete responses of one survey, narrowed by `Filters` (area, a group
question's answer, channel, round) and optionally broken down `by` a dimension (area, group
question, channel, round) in the same statement, so a page needs a fixed number of queries
however many questions and areas there are. Partial responses never count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, selectinload

from ..models import (
    Answer,
    AnswerTally,
    Channel,
    Choice,
    Question,
    Response,
    ResponseStatus,
    Survey,
)
from . import tallies
from .tallies import area_question

R = Response.__table__
A = Answer.__table__
C = Choice.__table__
T = AnswerTally.__table__

CHANNELS = ("web", "paper")


class FilterError(ValueError):
    """A filter names an area, group or channel the survey does not have."""


@dataclass(frozen=True)
class Filters:
    area: str | None = None  # an Area key (choice key of the survey's area question)
    group: tuple[str, str] | None = None  # (question key, choice key) of an is_group question
    channel: str | None = None
    round: int | None = None

    @property
    def active(self) -> bool:
        return any([self.area, self.group, self.channel, self.round])

    def as_args(self) -> dict[str, str]:
        """The filters as URL query parameters."""
        args = {"area": self.area or "", "channel": self.channel or ""}
        args["group"] = f"{self.group[0]}:{self.group[1]}" if self.group else ""
        args["round"] = str(self.round) if self.round else ""
        return {k: v for k, v in args.items() if v}


@dataclass(frozen=True)
class Dimension:
    """What a breakdown groups by: "area", "group" (with its question), "channel" or "round"."""

    kind: str
    question: Question | None = None


def load_survey(session: Session, slug: str) -> Survey | None:
    """The survey with its questions and choices, loaded in three statements."""
    return session.scalar(
        select(Survey)
        .where(Survey.slug == slug)
        .options(selectinload(Survey.questions).selectinload(Question.choices))
    )


def group_questions(survey: Survey) -> list[Question]:
    return [
        q
        for q in survey.questions
        if q.type in {"single_choice", "yes_no"} and (q.settings or {}).get("is_group")
    ]


def _choice_id(question: Question | None, key: str) -> int:
    choice = next((c for c in question.choices if c.key == key), None) if question else None
    if choice is None:
        raise FilterError(key)
    return choice.id


def _filter_choices(survey: Survey, filters: Filters) -> dict[str, tuple[int, int]]:
    """The (question id, choice id) the area and group filters name; FilterError for an
    area, group or channel the survey does not have."""
    if filters.channel and filters.channel not in {c.value for c in Channel}:
        raise FilterError(filters.channel)
    chosen: dict[str, tuple[int, int]] = {}
    if filters.area:
        question = area_question(survey)
        chosen["area"] = (question.id if question else 0, _choice_id(question, filters.area))
    if filters.group:
        key, choice_key = filters.group
        question = next((q for q in group_questions(survey) if q.key == key), None)
        chosen["group"] = (question.id if question else 0, _choice_id(question, choice_key))
    return chosen


def _conditions(survey: Survey, filters: Filters) -> list[ColumnElement[bool]]:
    chosen = _filter_choices(survey, filters)
    conditions: list[ColumnElement[bool]] = [
        R.c.survey_id == survey.id,
        R.c.status == ResponseStatus.COMPLETE,
    ]
    if filters.round:
        conditions.append(R.c.round == filters.round)
    if filters.channel:
        conditions.append(R.c.channel == Channel(filters.channel))
    for question_id, choice_id in chosen.values():
        conditions.append(
            R.c.id.in_(
                select(A.c.response_id).where(
                    A.c.question_id == question_id, A.c.choice_id == choice_id
                )
            )
        )
    return conditions


def _by(stmt: Select, by: Dimension | None) -> tuple[Select, Any]:
    """Add the breakdown column (and its outer join) to a statement over `response`."""
    if by is None:
        return stmt, None
    if by.kind == "channel":
        return stmt, R.c.channel
    if by.kind == "round":
        return stmt, R.c.round
    if by.question is None:
        raise FilterError(by.kind)
    g = A.alias("g")
    stmt = stmt.join_from(
        R, g, and_(g.c.response_id == R.c.id, g.c.question_id == by.question.id), isouter=True
    )
    return stmt, g.c.choice_id


def _key(value: Any) -> Any:
    return value.value if isinstance(value, Channel) else value


def _grouped(
    session: Session, survey: Survey, filters: Filters, by: Dimension | None,
    columns: Sequence[Any], group: Sequence[Any], base: Select | None = None,
) -> list[tuple[Any, ...]]:  # fmt: skip
    stmt = base if base is not None else select().select_from(R)
    stmt, by_col = _by(stmt, by)
    keys = [by_col] if by_col is not None else []
    stmt = stmt.add_columns(*keys, *columns).where(*_conditions(survey, filters))
    stmt = stmt.group_by(*keys, *group)
    rows = session.execute(stmt).all()
    if by_col is None:
        return [(None, *row) for row in rows]
    return [(_key(row[0]), *row[1:]) for row in rows]


def tallied(session: Session, survey: Survey, filters: Filters, by: Dimension | None) -> bool:
    """True when the running counts (services/tallies.py) can answer: no group filter, no
    breakdown or one by area, channel or round, and counts in step with the responses."""
    if filters.group is not None:
        return False
    if by is not None and by.kind not in {"area", "channel", "round"}:
        return False
    area = area_question(survey)
    if by is not None and by.kind == "area" and (area is None or by.question.id != area.id):
        return False
    return tallies.in_step(session, survey)


def tally_rows(
    session: Session, survey: Survey, filters: Filters, by: Dimension | None,
    columns: Sequence[Any], group: Sequence[Any], *where: ColumnElement[bool],
) -> list[tuple[Any, ...]]:  # fmt: skip
    """Like _grouped, over the running counts: (breakdown value, *columns) rows."""
    chosen = _filter_choices(survey, filters)
    area = area_question(survey)
    conditions = [
        T.c.survey_id == survey.id,
        T.c.area_question_id == (area.id if area is not None else 0),
        *where,
    ]
    if filters.round:
        conditions.append(T.c.round == filters.round)
    if filters.channel:
        conditions.append(T.c.channel == filters.channel)
    if "area" in chosen:
        conditions.append(T.c.area_choice_id == chosen["area"][1])
    key = {"area": T.c.area_choice_id, "channel": T.c.channel, "round": T.c.round}.get(
        by.kind if by is not None else ""
    )
    keys = [key] if key is not None else []
    rows = session.execute(select(*keys, *columns).where(*conditions).group_by(*keys, *group)).all()
    if key is None:
        return [(None, *row) for row in rows]
    if by.kind == "area":  # 0: no area given
        return [(row[0] or None, *row[1:]) for row in rows]
    return [tuple(row) for row in rows]


def respondent_counts(
    session: Session, survey: Survey, filters: Filters, by: Dimension | None = None
) -> dict[Any, int]:
    """Complete responses, per breakdown value (key None without a breakdown)."""
    if tallied(session, survey, filters, by):
        rows = tally_rows(session, survey, filters, by, [func.sum(T.c.n)], [], T.c.question_id == 0)
        counts = {key: int(n) for key, n in rows if n}
        return counts if by is not None else {None: counts.get(None, 0)}
    rows = _grouped(session, survey, filters, by, [func.count(R.c.id)], [])
    counts = dict(rows)
    return counts if by is not None else {None: counts.get(None, 0)}


def choice_counts(
    session: Session, survey: Survey, filters: Filters, by: Dimension | None = None
) -> dict[tuple[Any, int, int], tuple[int, float | None]]:
    """(breakdown, question id, choice id) → (respondents who chose it, mean of value_number).

    The mean is the average rank for ranking questions.
    """
    if tallied(session, survey, filters, by):
        rows = tally_rows(
            session, survey, filters, by,
            [T.c.question_id, T.c.choice_id, func.sum(T.c.n), func.sum(T.c.value_sum),
             func.sum(T.c.value_n)],
            [T.c.question_id, T.c.choice_id], T.c.question_id != 0, T.c.choice_id != 0,
        )  # fmt: skip
        return {
            (key, q, c): (int(n), float(total) / count if count else None)
            for key, q, c, n, total, count in rows
            if n
        }
    base = select().select_from(R).join(A, A.c.response_id == R.c.id)
    rows = _grouped(
        session, survey, filters, by,
        [A.c.question_id, A.c.choice_id, func.count(), func.avg(A.c.value_number)],
        [A.c.question_id, A.c.choice_id],
        base.where(A.c.choice_id.is_not(None)),
    )  # fmt: skip
    return {(key, q, c): (n, float(avg) if avg is not None else None) for key, q, c, n, avg in rows}


@dataclass(frozen=True)
class QuestionStats:
    answered: int  # respondents with at least one answer row
    mean: float | None
    minimum: float | None
    maximum: float | None


def question_stats(
    session: Session, survey: Survey, filters: Filters, by: Dimension | None = None
) -> dict[tuple[Any, int], QuestionStats]:
    """(breakdown, question id) → how many answered and, for numbers, mean/min/max.

    A question hidden by a condition has fewer answers: shares use this as their base.
    """
    base = select().select_from(R).join(A, A.c.response_id == R.c.id)
    v = A.c.value_number
    rows = _grouped(
        session, survey, filters, by,
        [A.c.question_id, func.count(func.distinct(A.c.response_id)), func.avg(v), func.min(v),
         func.max(v)],
        [A.c.question_id], base,
    )  # fmt: skip
    return {
        (key, q): QuestionStats(n, _float(mean), _float(lo), _float(hi))
        for key, q, n, mean, lo, hi in rows
    }


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


def number_distribution(
    session: Session, survey: Survey, filters: Filters
) -> dict[tuple[int, float], int]:
    """(question id, value) → respondents, for number questions (binned later)."""
    base = select().select_from(R).join(A, A.c.response_id == R.c.id)
    number_ids = [q.id for q in survey.questions if q.type == "number"]
    if not number_ids:
        return {}
    rows = _grouped(
        session, survey, filters, None, [A.c.question_id, A.c.value_number, func.count()],
        [A.c.question_id, A.c.value_number],
        base.where(A.c.question_id.in_(number_ids), A.c.value_number.is_not(None)),
    )  # fmt: skip
    return {(q, float(value)): n for _key_, q, value, n in rows}


@dataclass(frozen=True)
class Summaries:
    """What the questions page shows: choice_counts, question_stats and number_distribution."""

    counts: dict[tuple[Any, int, int], tuple[int, float | None]]
    stats: dict[tuple[Any, int], QuestionStats]
    numbers: dict[tuple[int, float], int]


def question_summaries(session: Session, survey: Survey, filters: Filters) -> Summaries:
    """Every question's counts and statistics for the questions page and the report.

    Without filters, everything is read from the (question, choice, value, response) index
    alone: counting a million answers there takes a fraction of joining each one to its
    response. The answers of responses that are not complete (usually few) are counted apart
    and taken off. With filters, each answer has to be joined to its response.
    """
    if filters.active:
        return Summaries(
            choice_counts(session, survey, filters),
            question_stats(session, survey, filters),
            number_distribution(session, survey, filters),
        )
    questions = list(survey.questions)
    ids = [q.id for q in questions]
    unfinished = unfinished_ids(session, survey)
    tally = _tally(session, ids, None)
    for chunk in chunks(unfinished, 500):
        tally.subtract(_tally(session, ids, chunk))
    several = [q.id for q in questions if not _one_row(q)]  # the rest: one row per answer
    respondents = _respondents(session, several, None)
    for chunk in chunks(unfinished, 500):
        respondents.subtract(_respondents(session, several, chunk))

    per_choice: dict[tuple[int, int], _Sum] = {}
    per_question: dict[int, _Sum] = {}
    numbers: dict[tuple[int, float], int] = {}
    number_ids = {q.id for q in questions if q.type == "number"}
    for (qid, cid, value), n in tally.items():
        if n <= 0:
            continue
        per_question.setdefault(qid, _Sum()).add(value, n)
        if cid is not None:
            per_choice.setdefault((qid, cid), _Sum()).add(value, n)
        if qid in number_ids and value is not None:
            numbers[(qid, float(value))] = numbers.get((qid, float(value)), 0) + n
    stats = {}
    for qid, total in per_question.items():
        answered = respondents[qid] if qid in several else total.rows
        if answered > 0:
            stats[(None, qid)] = QuestionStats(answered, total.mean, total.low, total.high)
    counts = {(None, q, c): (total.rows, total.mean) for (q, c), total in per_choice.items()}
    return Summaries(counts, stats, numbers)


@dataclass
class _Sum:
    """Answer rows and their numbers, added up group by group."""

    rows: int = 0
    valued: int = 0  # rows with a number
    total: float = 0.0
    low: float | None = None
    high: float | None = None

    def add(self, value: float | None, n: int) -> None:
        self.rows += n
        if value is None:
            return
        value = float(value)
        self.valued += n
        self.total += value * n
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)

    @property
    def mean(self) -> float | None:
        return self.total / self.valued if self.valued else None


def _one_row(question: Question) -> bool:
    from ..questions import REGISTRY

    qtype = REGISTRY.get(question.type)
    return qtype.one_row if qtype else False


def _tally(session: Session, question_ids: list[int], response_ids: list[int] | None) -> Counter:
    """(question, choice, value) → answer rows, from the index (for some responses only)."""
    stmt = select(A.c.question_id, A.c.choice_id, A.c.value_number, func.count())
    stmt = stmt.where(A.c.question_id.in_(question_ids))
    if response_ids is not None:
        stmt = stmt.where(A.c.response_id.in_(response_ids))
    stmt = stmt.group_by(A.c.question_id, A.c.choice_id, A.c.value_number)
    return Counter({(q, c, v): n for q, c, v, n in session.execute(stmt)})


def _respondents(
    session: Session, question_ids: list[int], response_ids: list[int] | None
) -> Counter:
    """Question → responses with at least one answer row (for some responses only)."""
    if not question_ids:
        return Counter()
    stmt = select(A.c.question_id, func.count(func.distinct(A.c.response_id)))
    stmt = stmt.where(A.c.question_id.in_(question_ids))
    if response_ids is not None:
        stmt = stmt.where(A.c.response_id.in_(response_ids))
    return Counter(dict(session.execute(stmt.group_by(A.c.question_id)).all()))


def unfinished_ids(session: Session, survey: Survey) -> list[int]:
    """Ids of the survey's responses that are not complete (from the status index)."""
    unfinished = [s for s in ResponseStatus if s is not ResponseStatus.COMPLETE]
    return list(
        session.scalars(
            select(R.c.id).where(R.c.survey_id == survey.id, R.c.status.in_(unfinished))
        )
    )


def chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class Activity:
    complete: int
    partial: int
    by_day: list[tuple[date, int]]
    by_channel: dict[str, int]
    by_language: dict[str, int]


def activity(session: Session, survey: Survey, filters: Filters) -> Activity:
    """Response counts over time, by channel and language; partial responses counted apart."""
    conditions = _conditions(survey, filters)
    day = func.date(R.c.completed_at)
    # one pass over the responses; the few (day, channel, language) cells add up in Python
    cells = session.execute(
        select(day, R.c.channel, R.c.language, func.count())
        .where(*conditions)
        .group_by(day, R.c.channel, R.c.language)
    ).all()
    partial_conditions = [R.c.status == ResponseStatus.PARTIAL, *conditions[2:]]
    partial = session.scalar(
        select(func.count()).where(R.c.survey_id == survey.id, *partial_conditions)
    )
    by_day: Counter = Counter()
    by_channel: Counter = Counter()
    by_language: Counter = Counter()
    for d, channel, language, n in cells:
        if d is not None:
            by_day[_as_date(d)] += n
        by_channel[_key(channel)] += n
        by_language[language] += n
    return Activity(
        complete=sum(by_channel.values()),
        partial=partial or 0,
        by_day=sorted(by_day.items()),
        by_channel=dict(by_channel),
        by_language=dict(sorted(by_language.items(), key=lambda item: -item[1])),
    )


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def rounds(session: Session, survey: Survey) -> list[int]:
    """The rounds that have complete responses, plus the survey's current round."""
    found = session.scalars(
        select(R.c.round)
        .where(R.c.survey_id == survey.id, R.c.status == ResponseStatus.COMPLETE)
        .group_by(R.c.round)
    ).all()
    return sorted({*found, survey.round})
