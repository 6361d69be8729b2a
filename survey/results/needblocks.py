"""Need profile, priority view and comparisons as blocks (chart, table, summary)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..i18n import format_number, format_percent, localized
from ..i18n import gettext as _
from ..models import Survey
from ..services import aggregate as agg
from ..services import charts
from ..services.needs import NeedProfile, need_profiles
from ..services.suppression import suppress_line, suppress_table
from .report import Block, Row, hidden_text, label_of, people


def need_label(category) -> str:
    return localized(category.texts, "label").text or category.key


def need_block(profile: NeedProfile) -> Block:
    """The ranking of needs: share of people with its 95 % interval."""
    # Translators: resident
    title = _("Needs named by the people who answered")
    rows = []
    for row in profile.ranked:
        low, high = row.interval
        # Translators: resident
        value = "" if row.hidden else _("%(low)s to %(high)s", low=format_percent(low),
                                        high=format_percent(high))  # fmt: skip
        rows.append(Row(need_label(row.category), None if row.hidden else row.named,
                        None if row.hidden else row.share, value, row.category.colour))  # fmt: skip
    shown = [r for r in profile.ranked if not r.hidden]
    if shown:
        top = shown[0]
        # Translators: resident
        summary = _("Most often named: %(need)s – %(percent)s of %(people)s.",
                    need=need_label(top.category), percent=format_percent(top.share),
                    people=people(profile.respondents))  # fmt: skip
    else:
        # Translators: resident
        summary = _("%(people)s answered. The single needs are hidden to protect small groups.",
                    people=people(profile.respondents))  # fmt: skip
    intervals = [None if r.hidden else r.interval for r in profile.ranked]
    figure = charts.bar_chart(
        title, [r.label for r in rows], [r.share for r in rows],
        [format_percent(r.share) if r.share is not None else hidden_text() for r in rows],
        # Translators: resident
        _("Share of people (with %(level)s confidence interval)", level=format_percent(0.95)),
        colours=[r.colour for r in rows], intervals=intervals,
    )  # fmt: skip
    return Block("needs", title, summary, rows, figure, profile.respondents, _("Share"),
                 kind="needs")  # fmt: skip


def priority_block(profile: NeedProfile) -> Block:
    """Priority: how many named a need × how severe the walk barriers in it were."""
    title = _("Priorities: survey answers and walk findings together")
    ordered = [r for r in profile.by_priority if not r.hidden]
    rows = [
        Row(need_label(r.category), r.barriers, r.share,
            format_number(r.mean_severity, 1) if r.mean_severity else "–", r.category.colour)
        for r in ordered
    ]  # fmt: skip
    if ordered:
        summary = _("Highest priority: %(need)s – named by %(percent)s, walk barriers: %(count)s.",
                    need=need_label(ordered[0].category), percent=format_percent(ordered[0].share),
                    count=format_number(ordered[0].barriers))  # fmt: skip
    else:
        summary = _("There are not enough answers yet to set priorities.")
    figure = charts.priority_chart(
        title, [r.label for r in rows], [r.share or 0 for r in rows],
        [x.mean_severity or 1.0 for x in ordered], [r.colour for r in rows],
        _("Share of people who named the need"), _("Mean severity of walk barriers (1 to 3)"),
    )  # fmt: skip
    return Block("priorities", title, summary, rows, figure, profile.respondents,
                 _("Walk barriers"), kind="priorities")  # fmt: skip


def dimensions(survey: Survey) -> dict[str, tuple[str, agg.Dimension]]:
    """What a comparison can break down by: key → (label, dimension)."""
    found: dict[str, tuple[str, agg.Dimension]] = {}
    if (question := agg.area_question(survey)) is not None:
        found["area"] = (_("Area"), agg.Dimension("area", question))
    for question in agg.group_questions(survey):
        label = localized(question.texts, "label").text or question.key
        found[f"group:{question.key}"] = (label, agg.Dimension("group", question))
    found["channel"] = (_("Way of answering"), agg.Dimension("channel"))
    found["round"] = (_("Survey round"), agg.Dimension("round"))
    return found


def dimension_labels(survey: Survey, dim: agg.Dimension) -> dict[Any, str]:
    if dim.question is not None:
        return {c.id: label_of(c) for c in dim.question.choices}
    if dim.kind == "channel":
        return {"web": _("Online"), "paper": _("On paper"), "walk": _("On a walk")}
    return {}


def comparison(
    session: Session, survey: Survey, filters: agg.Filters, k: int, dim: agg.Dimension
) -> tuple[list[str], list[tuple[str, str, list[str]]], Block]:
    """Need shares per breakdown value, suppressed as a two-way table with its margins.

    Returns (column headers, rows of (need, overall, cells), block with chart and summary).
    """
    overall = need_profiles(session, survey, filters, k)[None]
    per_value = need_profiles(session, survey, filters, k, dim)
    labels = dimension_labels(survey, dim)
    keys = sorted(per_value, key=lambda v: (v is None, str(labels.get(v, v))))
    totals = [per_value[v].respondents for v in keys]
    col_hidden = suppress_line(totals, overall.respondents, k)
    headers = [labels.get(v, _("Round %(n)s", n=v) if dim.kind == "round" else _("Not stated"))
               if v is not None else _("Not stated") for v in keys]  # fmt: skip
    table_rows, series_values = [], [[] for _ in keys]
    for index, row in enumerate(overall.rows):
        named = [per_value[v].rows[index].named for v in keys]
        grid = [named, [t - n for t, n in zip(totals, named, strict=True)]]
        table = suppress_table(grid, k, row_hidden=[row.hidden, row.hidden], col_hidden=col_hidden)
        cells = []
        for j, v in enumerate(keys):
            hidden = table.hidden[0][j] or table.hidden[1][j]
            share = None if hidden else per_value[v].rows[index].share
            series_values[j].append(share)
            cells.append(hidden_text() if share is None else format_percent(share))
        overall_text = hidden_text() if row.hidden else format_percent(row.share)
        table_rows.append((need_label(row.category), overall_text, cells))
    title = _("Needs compared")
    figure = charts.grouped_bar_chart(
        title, [r[0] for r in table_rows], list(zip(headers, series_values, strict=True)),
        _("Share of people"),
    )  # fmt: skip
    summary = _("The table shows, for each group, the share of people who named each need.")
    block = Block("compare", title, summary, figure=figure, base=overall.respondents,
                  hidden_note=any(hidden_text() in r[2] for r in table_rows), kind="compare")  # fmt: skip
    return headers, table_rows, block
