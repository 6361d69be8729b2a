"""Per-question results: suppressed counts, a chart, a data table and a summary sentence.

Three statements for the whole questionnaire (choice counts, per-question stats, number
values), whatever the number of questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ..i18n import format_number, format_percent, localized, ngettext
from ..i18n import gettext as _
from ..models import Question, Survey
from ..services import aggregate as agg
from ..services import charts
from ..services.suppression import binary_hidden, suppress_line

ADDITIVE = {"single_choice", "yes_no", "area", "rating"}


@dataclass
class Row:
    label: str
    count: int | None  # None: hidden (fewer than the minimum, or a complementary cell)
    share: float | None
    value: str = ""  # formatted extra value (average rank, interval)
    colour: str | None = None


@dataclass
class Block:
    """One chart with its data table and summary."""

    key: str
    title: str
    summary: str
    rows: list[Row] = field(default_factory=list)
    figure: str | None = None
    base: int | None = None  # people the shares refer to (None: hidden)
    value_header: str = ""
    kind: str = "distribution"
    hidden_note: bool = False  # some numbers are hidden: show the explanation

    @property
    def any_hidden(self) -> bool:
        return self.hidden_note or any(r.count is None for r in self.rows)


def people(count: int) -> str:
    # Translators: resident
    return ngettext("%(count)s person", "%(count)s people", count, count=format_number(count))


def hidden_text() -> str:
    # Translators: resident. Shown instead of a number that is hidden to protect small groups.
    return _("hidden")


def title_of(question: Question) -> str:
    return localized(question.texts, "label").text or question.key


def label_of(choice) -> str:
    return localized(choice.texts, "label").text or choice.key


def question_blocks(session: Session, survey: Survey, filters: agg.Filters, k: int) -> list[Block]:
    """A block per question that takes answers, in questionnaire order."""
    summaries = agg.question_summaries(session, survey, filters)
    counts, stats, numbers = summaries.counts, summaries.stats, summaries.numbers
    blocks = []
    for question in survey.questions:
        summary_kind = _summary_kind(question)
        if summary_kind == "none":
            continue
        stat = stats.get((None, question.id))
        answered = stat.answered if stat else 0
        if answered < k:
            blocks.append(_too_few(question, k, summary_kind))
            continue
        build = _BUILDERS[summary_kind]
        blocks.append(build(question, answered, counts, stat, numbers, k))
    return blocks


def _summary_kind(question: Question) -> str:
    from ..questions import REGISTRY

    qtype = REGISTRY.get(question.type)
    return qtype.summary if qtype and qtype.takes_answer else "none"


def _too_few(question: Question, k: int, kind: str) -> Block:
    # Translators: resident
    summary = _("Fewer than %(min)s people answered this question, so we show no numbers.", min=k)
    return Block(question.key, title_of(question), summary, base=None, kind=kind, hidden_note=True)


def _choice_rows(question, answered, counts, k) -> list[Row]:
    values = [counts.get((None, question.id, c.id), (0, None))[0] for c in question.choices]
    if question.type in ADDITIVE:
        hidden = suppress_line(values, answered, k)
    else:
        hidden = [binary_hidden(v, answered, k) for v in values]
    return [
        Row(label_of(c), None if h else v, None if h else v / answered)
        for c, v, h in zip(question.choices, values, hidden, strict=True)
    ]


def _distribution(question, answered, counts, stat, numbers, k) -> Block:
    rows = _choice_rows(question, answered, counts, k)
    title = title_of(question)
    shown = [r for r in rows if r.count is not None]
    if shown:
        top = max(shown, key=lambda r: r.count)
        # Translators: resident
        summary = _(
            "Most often chosen: %(answer)s – %(percent)s of %(people)s.",
            answer=top.label, percent=format_percent(top.share), people=people(answered),
        )  # fmt: skip
    else:
        # Translators: resident
        summary = _("%(people)s answered. The single answers are hidden to protect small groups.",
                    people=people(answered))  # fmt: skip
    figure = charts.bar_chart(
        title, [r.label for r in rows], [r.share for r in rows],
        [format_percent(r.share) if r.share is not None else hidden_text() for r in rows],
        # Translators: resident
        _("Share of people who answered"),
    )  # fmt: skip
    return Block(question.key, title, summary, rows, figure, answered, _("Share"))


def _scale(question, answered, counts, stat, numbers, k) -> Block:
    rows = _choice_rows(question, answered, counts, k)
    title = title_of(question)
    points = [(c, r) for c, r in zip(question.choices, rows, strict=True) if not c.exclusive]
    figure = charts.diverging_chart(
        title, [title], [r.label for _c, r in points], [[r.share for _c, r in points]],
        # Translators: resident
        _("Share of people who answered"),
    )  # fmt: skip
    if stat and stat.mean is not None:
        # Translators: resident
        summary = _(
            "On average %(mean)s out of %(max)s points, from %(people)s.",
            mean=format_number(stat.mean, 1), max=format_number(len(points)),
            people=people(answered),
        )  # fmt: skip
    else:
        # Translators: resident
        summary = _("%(people)s answered.", people=people(answered))
    return Block(question.key, title, summary, rows, figure, answered, _("Share"), kind="scale")


def _ranking(question, answered, counts, stat, numbers, k) -> Block:
    rows = []
    for choice in question.choices:
        n, mean = counts.get((None, question.id, choice.id), (0, None))
        hidden = binary_hidden(n, answered, k) or mean is None
        rows.append(Row(label_of(choice), None if hidden else n, None if hidden else n / answered,
                        "" if hidden else format_number(mean, 1)))  # fmt: skip
    means = {c.id: counts.get((None, question.id, c.id), (0, None))[1] for c in question.choices}
    ranks = [
        means[c.id] if r.count is not None else None
        for c, r in zip(question.choices, rows, strict=True)
    ]
    title = title_of(question)
    shown = [(rank, r) for rank, r in zip(ranks, rows, strict=True) if rank is not None]
    if shown:
        best = min(shown, key=lambda item: item[0])[1]
        # Translators: resident
        summary = _("Ranked highest on average: %(answer)s (average rank %(rank)s, %(people)s).",
                    answer=best.label, rank=best.value, people=people(answered))  # fmt: skip
    else:
        # Translators: resident
        summary = _("%(people)s answered.", people=people(answered))
    figure = charts.ranking_chart(title, [r.label for r in rows], ranks,
                                  # Translators: resident
                                  _("Average rank (1 = most important)"))  # fmt: skip
    return Block(question.key, title, summary, rows, figure, answered, _("Average rank"),
                 kind="ranking")  # fmt: skip


def _numeric(question, answered, counts, stat, numbers, k) -> Block:
    values = sorted((v, n) for (q, v), n in numbers.items() if q == question.id)
    bins = _bins(values)
    hidden = suppress_line([n for _label, n in bins], answered, k)
    rows = [Row(label, None if h else n, None if h else n / answered)
            for (label, n), h in zip(bins, hidden, strict=True)]  # fmt: skip
    title = title_of(question)
    summary = _("Average: %(mean)s, from %(people)s.", mean=format_number(stat.mean or 0, 1),
                people=people(answered))  # fmt: skip
    figure = charts.bar_chart(
        title, [r.label for r in rows], [r.share for r in rows],
        [format_percent(r.share) if r.share is not None else hidden_text() for r in rows],
        # Translators: resident
        _("Share of people who answered"),
    )  # fmt: skip
    return Block(question.key, title, summary, rows, figure, answered, _("Share"), kind="numeric")


def _bins(values: list[tuple[float, int]], target: int = 6) -> list[tuple[str, int]]:
    """Group number answers into about six ranges of equal width (whole numbers)."""
    if not values:
        return []
    low, high = int(values[0][0]), int(values[-1][0])
    width = max(1, -(-(high - low + 1) // target))
    bins: dict[int, int] = {}
    for value, n in values:
        start = low + (int(value) - low) // width * width
        bins[start] = bins.get(start, 0) + n
    result = []
    for start in range(low, high + 1, width):
        end = start + width - 1
        label = (
            format_number(start)
            if width == 1
            else _("%(low)s to %(high)s", low=format_number(start), high=format_number(end))
        )
        result.append((label, bins.get(start, 0)))
    return result


def _text(question, answered, counts, stat, numbers, k) -> Block:
    summary = _("%(people)s wrote an answer.", people=people(answered))
    return Block(question.key, title_of(question), summary, base=answered, kind="text")


def _date(question, answered, counts, stat, numbers, k) -> Block:
    summary = _("%(people)s gave a date.", people=people(answered))
    return Block(question.key, title_of(question), summary, base=answered, kind="date")


_BUILDERS: dict[str, Any] = {
    "distribution": _distribution,
    "scale": _scale,
    "ranking": _ranking,
    "numeric": _numeric,
    "text": _text,
    "date": _date,
}
