"""Small-cell suppression: no aggregate based on fewer than the minimum number of people.

Rules, in plain terms:

* A count below the minimum cell size (``Survey.min_cell``, at least ``MIN_CELL`` from the
  configuration, 5 by default) is hidden ("primary suppression"). Zero counts are hidden too:
  "nobody in this group said X" says something about each person in the group.
* A line of cells whose total is shown (a distribution, a row or column of a table) never has
  exactly one hidden cell, and the hidden cells of a line add up to at least the minimum, so
  that subtracting the shown cells from the total never pins a hidden cell below the minimum
  ("complementary suppression").
* Two-way tables (a question by area) are audited after that: every hidden cell's possible
  range, given everything shown, must reach the minimum; if not, more cells are hidden.

A multiple-choice answer is a yes/no line of its own (chosen / not chosen out of everybody who
answered the question), because its counts do not add up to the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import gettext as _

DEFAULT_MIN_CELL = 5


def explanation(k: int) -> str:
    """The plain-words reason why some numbers are missing."""
    # Translators: resident
    return _(
        "Small groups are hidden. When fewer than %(min)s people gave an answer, we do not "
        "show the number. Then nobody can find out what one person answered.",
        min=k,
    )


def filter_explanation(k: int) -> str:
    """Shown instead of results when a selection contains fewer people than the minimum."""
    # Translators: resident
    return _(
        "This selection contains fewer than %(min)s people. To protect them, we show no "
        "results for it. Choose a larger group.",
        min=k,
    )


def min_cell(survey_min: int | None, config_min: int | None) -> int:
    """The effective minimum: the stricter of the survey's setting and the configuration."""
    return max(int(survey_min or 0), int(config_min or DEFAULT_MIN_CELL), 1)


def binary_hidden(count: int, total: int, k: int) -> bool:
    """Whether a yes/no count (e.g. one multiple-choice answer) must be hidden.

    The count and its complement (total − count) must both reach the minimum.
    """
    return total < k or count < k or total - count < k


def suppress_line(values: Sequence[int], total: int | None, k: int) -> list[bool]:
    """Hidden flags for the cells of one additive line whose total is shown.

    With `total` None (or below the minimum) everything is hidden.
    """
    if total is None or total < k:
        return [True] * len(values)
    hidden = [v < k for v in values]
    _complete_line(list(values), hidden, k)
    return hidden


def _complete_line(values: list[int], hidden: list[bool], k: int) -> bool:
    """Hide more cells until the line is safe; returns True when something changed."""
    changed = False
    while any(hidden):
        hidden_values = [v for v, h in zip(values, hidden, strict=True) if h]
        if len(hidden_values) >= 2 and sum(hidden_values) >= k:
            break
        shown = [i for i, h in enumerate(hidden) if not h]
        if not shown:
            break
        hidden[min(shown, key=lambda i: values[i])] = True
        changed = True
    return changed


@dataclass
class Table:
    """A two-way table of counts with its margins and their hidden flags."""

    cells: list[list[int]]
    row_totals: list[int]
    col_totals: list[int]
    grand_total: int
    hidden: list[list[bool]]
    row_hidden: list[bool]
    col_hidden: list[bool]


def suppress_table(
    cells: Sequence[Sequence[int]],
    k: int,
    row_hidden: Sequence[bool] | None = None,
    col_hidden: Sequence[bool] | None = None,
) -> Table:
    """Suppress a two-way table whose rows and columns add up to their margins.

    The margins' hidden flags come from their own one-way suppression (they are shown on other
    pages); when not given they are computed here. Only inner cells are hidden additionally.
    """
    grid = [list(row) for row in cells]
    rows, cols = len(grid), len(grid[0]) if grid else 0
    row_totals = [sum(r) for r in grid]
    col_totals = [sum(grid[i][j] for i in range(rows)) for j in range(cols)]
    grand = sum(row_totals)
    r_hidden = list(row_hidden) if row_hidden is not None else suppress_line(row_totals, grand, k)
    c_hidden = list(col_hidden) if col_hidden is not None else suppress_line(col_totals, grand, k)
    hidden = [
        [grid[i][j] < k or r_hidden[i] or c_hidden[j] for j in range(cols)] for i in range(rows)
    ]
    if grand < k:
        hidden = [[True] * cols for _ in range(rows)]
    table = Table(grid, row_totals, col_totals, grand, hidden, r_hidden, c_hidden)
    for _round in range(rows * cols + 1):
        _complete_lines(table, k)
        weak = _weak_cell(table, k)
        if weak is None:
            return table
        _hide_neighbour(table, *weak)
    table.hidden = [[True] * cols for _ in range(rows)]
    return table


def _complete_lines(table: Table, k: int) -> None:
    rows, cols = len(table.cells), len(table.col_totals)
    changed = True
    while changed:
        changed = False
        for i in range(rows):
            if not table.row_hidden[i]:
                changed |= _complete_line(table.cells[i], table.hidden[i], k)
            elif cols and not any(table.hidden[i]):
                table.hidden[i] = [True] * cols
                changed = True
        for j in range(cols):
            column = [table.cells[i][j] for i in range(rows)]
            flags = [table.hidden[i][j] for i in range(rows)]
            if table.col_hidden[j]:
                changed_here = rows > 0 and not any(flags)
                flags = [True] * rows if changed_here else flags
            else:
                changed_here = _complete_line(column, flags, k)
            if changed_here:
                for i in range(rows):
                    table.hidden[i][j] = flags[i]
                changed = True


def bounds(table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """What an attacker can infer about each hidden cell from what is shown.

    Keys are (row, column) of inner cells, (row, -1) for row totals and (-1, column) for column
    totals. Interval propagation over the row, column and margin equations until stable.
    """
    rows, cols, grand = len(table.cells), len(table.col_totals), table.grand_total

    def start(value: int, hidden: bool) -> list[int]:
        return [0, grand] if hidden else [value, value]

    cell = [
        [start(table.cells[i][j], table.hidden[i][j]) for j in range(cols)] for i in range(rows)
    ]
    row_t = [start(t, h) for t, h in zip(table.row_totals, table.row_hidden, strict=True)]
    col_t = [start(t, h) for t, h in zip(table.col_totals, table.col_hidden, strict=True)]
    lines = [(cell[i], row_t[i]) for i in range(rows)]
    lines += [([cell[i][j] for i in range(rows)], col_t[j]) for j in range(cols)]
    lines += [(row_t, [grand, grand]), (col_t, [grand, grand])]
    for _step in range(100):
        moved = [_tighten(members, total) for members, total in lines]  # all lines, no short cut
        if not any(moved):
            break
    found = {
        (i, j): tuple(cell[i][j]) for i in range(rows) for j in range(cols) if table.hidden[i][j]
    }
    found |= {(i, -1): tuple(row_t[i]) for i in range(rows) if table.row_hidden[i]}
    found |= {(-1, j): tuple(col_t[j]) for j in range(cols) if table.col_hidden[j]}
    return found


def _tighten(members: list[list[int]], total: list[int]) -> bool:
    """Narrow the ranges from the equation sum(members) = total; True when anything moved."""
    before = [*(tuple(m) for m in members), tuple(total)]
    sum_lo, sum_hi = sum(m[0] for m in members), sum(m[1] for m in members)
    total[0], total[1] = max(total[0], sum_lo), min(total[1], sum_hi)
    for m in members:
        m[0] = max(m[0], total[0] - (sum_hi - m[1]))
        m[1] = min(m[1], total[1] - (sum_lo - m[0]))
    return before != [*(tuple(m) for m in members), tuple(total)]


def _weak_cell(table: Table, k: int) -> tuple[int, int] | None:
    for key, (_lo, hi) in sorted(bounds(table).items()):
        if hi < k:
            return key
    return None


def _hide_neighbour(table: Table, i: int, j: int) -> None:
    """Hide the smallest shown cell in the row or column of a cell that is still exposed."""
    rows, cols = len(table.cells), len(table.col_totals)
    candidates = []
    if i >= 0:
        candidates += [(table.cells[i][c], i, c) for c in range(cols) if not table.hidden[i][c]]
    if j >= 0:
        candidates += [(table.cells[r][j], r, j) for r in range(rows) if not table.hidden[r][j]]
    if not candidates:
        candidates = [
            (table.cells[r][c], r, c)
            for r in range(rows)
            for c in range(cols)
            if not table.hidden[r][c]
        ]
    if candidates:
        _value, r, c = min(candidates)
        table.hidden[r][c] = True
    else:
        table.hidden = [[True] * cols for _ in range(rows)]
