"""Suppression: nothing below the minimum is shown, nor recoverable by subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from survey.services.suppression import binary_hidden, min_cell, suppress_line, suppress_table


def test_line_hides_small_cell_and_a_complement():
    hidden = suppress_line([40, 3, 20], total=63, k=5)
    assert hidden == [False, True, True]


def test_line_hides_more_until_hidden_cells_reach_the_minimum():
    # 1 and 2 hidden still give 3 by subtraction: the next smallest joins them
    assert suppress_line([30, 1, 2, 9], total=42, k=5) == [False, True, True, True]


def test_line_with_small_total_shows_nothing():
    assert suppress_line([2, 1], total=3, k=5) == [True, True]


def test_binary_count_needs_count_and_complement():
    assert binary_hidden(10, 12, 5)  # 2 did not choose it
    assert not binary_hidden(6, 12, 5)


def test_min_cell_takes_the_stricter_setting():
    assert min_cell(3, 5) == 5
    assert min_cell(10, 5) == 10


def _compositions(total: int, parts: int):
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def _possible_values(shown_cells, row_totals, col_totals, grand, rows, cols):
    """Every integer table consistent with what is published (brute force, tiny tables)."""
    unknown = [(i, j) for i in range(rows) for j in range(cols) if shown_cells[i][j] is None]
    hidden_mass = grand - sum(v for row in shown_cells for v in row if v is not None)
    seen: dict[tuple[int, int], set[int]] = {}
    if not unknown:
        return seen
    for values in _compositions(hidden_mass, len(unknown)):
        grid = [list(row) for row in shown_cells]
        for (i, j), v in zip(unknown, values, strict=True):
            grid[i][j] = v
        if any(t is not None and sum(grid[i]) != t for i, t in enumerate(row_totals)):
            continue
        if any(
            t is not None and sum(grid[i][j] for i in range(rows)) != t
            for j, t in enumerate(col_totals)
        ):
            continue
        for i in range(rows):
            seen.setdefault((i, -1), set()).add(sum(grid[i]))
        for j in range(cols):
            seen.setdefault((-1, j), set()).add(sum(grid[i][j] for i in range(rows)))
        for key, v in zip(unknown, values, strict=True):
            seen.setdefault(key, set()).add(v)
    return seen


tables = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3 if rows < 3 else 2).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 5), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(cells=tables, k=st.integers(2, 5))
def test_small_counts_are_never_revealed_directly_or_by_subtraction(cells, k):
    rows, cols = len(cells), len(cells[0])
    table = suppress_table(cells, k)
    shown = [
        [None if table.hidden[i][j] else cells[i][j] for j in range(cols)] for i in range(rows)
    ]
    row_totals = [None if h else t for t, h in zip(table.row_totals, table.row_hidden, strict=True)]
    col_totals = [None if h else t for t, h in zip(table.col_totals, table.col_hidden, strict=True)]
    grand = table.grand_total
    published = [v for row in shown for v in row if v is not None]
    published += [t for t in row_totals + col_totals if t is not None]
    if grand >= k:
        assert all(v >= k for v in published), "a published count is below the minimum"
    else:
        assert not published
        return
    unknown = sum(v is None for row in shown for v in row)
    if unknown > 5:  # keep the brute force small; such tables hide nearly everything anyway
        return
    possible = _possible_values(shown, row_totals, col_totals, grand, rows, cols)
    for (i, j), values in possible.items():
        is_hidden = (
            (i >= 0 and j >= 0 and shown[i][j] is None)
            or (j == -1 and row_totals[i] is None)
            or (i == -1 and col_totals[j] is None)
        )
        if is_hidden:
            assert max(values) >= k, f"hidden cell {(i, j)} is known to be below {k}: {values}"
