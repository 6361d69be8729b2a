"""Plotly figures as JSON, built from aggregated (already suppressed) numbers.

The page renders them with the self-hosted plotly.js basic bundle (static/js/charts.js); every
chart is followed by a data table and a summary sentence, so the figure adds, never replaces.
Colours: Paul Tol's muted scheme (the need categories') and his colour-blind-safe diverging
scheme for rating scales. Numbers on bars are formatted with Babel in the page's language.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from datetime import date

from babel import numbers

from ..i18n import format_number, format_percent, get_locale, text_direction
from .taxonomy import PALETTE

# Paul Tol's sunset-like diverging pair, distinguishable with colour-vision deficiencies
DIVERGING = ["#A50026", "#DD3D2D", "#F67E4B", "#FDB366", "#EAECCC", "#98CAE1", "#6EA6CD",
             "#4A7BB7", "#364B9A"]  # fmt: skip
NEUTRAL = "#BBBBBB"
INK = "#0b0c0c"


# the font stack of app.css: Arabic and Persian labels in Noto, like the page around them
FONTS = 'system-ui, "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'


def wrap_label(label: str, width: int = 22) -> str:
    """Escape a label for plotly's pseudo-HTML and break it into short lines (320 px)."""
    lines = textwrap.wrap(str(label), width) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines[:4])


def _layout(title: str, height: int, **extra) -> dict:
    locale = get_locale()
    rtl = text_direction() == "rtl"
    layout = {
        "title": {"text": html.escape(title, quote=False), "x": 1 if rtl else 0,
                  "xanchor": "right" if rtl else "left", "font": {"size": 16}},
        "template": {},
        "font": {"family": FONTS, "size": 14, "color": INK},
        "separators": numbers.get_decimal_symbol(locale) + numbers.get_group_symbol(locale),
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 48, "b": 40, "pad": 4},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": False,
        "hoverlabel": {"font": {"size": 14}},
    }  # fmt: skip
    layout.update(extra)
    return layout


def _axes(horizontal: bool, value_title: str, percent: bool) -> dict:
    rtl = text_direction() == "rtl"
    value_axis = {
        "title": {"text": html.escape(value_title, quote=False)},
        "tickformat": ".0%" if percent else ",d",
        "rangemode": "tozero",
        "gridcolor": "#dddddd",
        "autorange": "reversed" if rtl and horizontal else True,
        "fixedrange": True,
    }
    category_axis = {"automargin": True, "fixedrange": True, "autorange": "reversed"}
    if horizontal:
        category_axis["side"] = "right" if rtl else "left"
        return {"xaxis": value_axis, "yaxis": category_axis}
    category_axis["autorange"] = True
    return {"xaxis": category_axis, "yaxis": value_axis}


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    texts: Sequence[str],
    value_title: str,
    *,
    percent: bool = True,
    colours: Sequence[str] | None = None,
    intervals: Sequence[tuple[float, float] | None] | None = None,
) -> str:
    """Horizontal bars, one per label; hidden values (None) get no bar."""
    import plotly.graph_objects as go  # imported late: the CLI and exports do not need it

    shown = [v if v is not None else 0 for v in values]
    bar = go.Bar(
        y=[wrap_label(label) for label in labels],
        x=shown,
        orientation="h",
        text=list(texts),
        textposition="auto",
        hovertemplate="%{y}: %{text}<extra></extra>",
        marker={"color": list(colours) if colours else PALETTE[0]},
    )
    if intervals:
        bar.error_x = {
            "type": "data",
            "symmetric": False,
            "array": [(iv[1] - v) if iv and v is not None else 0 for iv, v in zip(intervals, values, strict=True)],
            "arrayminus": [(v - iv[0]) if iv and v is not None else 0 for iv, v in zip(intervals, values, strict=True)],
            "color": INK,
            "thickness": 1.5,
        }  # fmt: skip
    layout = _layout(title, 80 + 44 * max(len(labels), 1), **_axes(True, value_title, percent))
    return go.Figure(data=[bar], layout=layout).to_json()


def grouped_bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    value_title: str,
) -> str:
    """One group of horizontal bars per label, one bar per series (areas, rounds, …)."""
    import plotly.graph_objects as go  # imported late: the CLI and exports do not need it

    traces = [
        go.Bar(
            name=html.escape(name, quote=False),
            y=[wrap_label(label) for label in labels],
            x=[v if v is not None else 0 for v in values],
            orientation="h",
            text=[format_percent(v) if v is not None else "–" for v in values],
            textposition="auto",
            hovertemplate="%{fullData.name}: %{text}<extra></extra>",
            marker={"color": PALETTE[n % len(PALETTE)]},
        )
        for n, (name, values) in enumerate(series)
    ]
    height = 100 + 22 * max(len(labels), 1) * max(len(series), 1)
    layout = _layout(title, height, barmode="group", showlegend=True,
                     legend={"orientation": "h", "y": -0.15}, **_axes(True, value_title, True))  # fmt: skip
    return go.Figure(data=traces, layout=layout).to_json()


def diverging_chart(
    title: str,
    rows: Sequence[str],
    levels: Sequence[str],
    shares: Sequence[Sequence[float | None]],
    value_title: str,
) -> str:
    """Diverging stacked bars for a rating scale: low points left of zero, high points right.

    The middle point of an odd scale is split in half around zero.
    """
    import plotly.graph_objects as go  # imported late: the CLI and exports do not need it

    n = len(levels)
    colours = _diverging_colours(n)
    traces = []
    for level in range(n):
        column = [(row[level] or 0.0) for row in shares]
        if n % 2 and level == n // 2:
            parts = [(-0.5, True), (0.5, False)]
        else:
            parts = [(-1.0 if level < n / 2 else 1.0, True)]
        for factor, legend in parts:
            traces.append(
                go.Bar(
                    name=html.escape(levels[level], quote=False),
                    y=[wrap_label(r) for r in rows],
                    x=[v * factor for v in column],
                    orientation="h",
                    marker={"color": colours[level]},
                    text=[format_percent(v) for v in column] if legend else None,
                    hovertemplate="%{fullData.name}: %{text}<extra></extra>" if legend else None,
                    textposition="inside" if legend else None,
                    showlegend=legend,
                    legendgroup=str(level),
                )
            )
    axes = _axes(True, value_title, True)
    axes["xaxis"]["tickformat"] = ".0%"
    axes["xaxis"]["zeroline"] = True
    axes["xaxis"]["zerolinecolor"] = INK
    height = 140 + 48 * max(len(rows), 1)
    layout = _layout(title, height, barmode="relative", showlegend=True,
                     legend={"orientation": "h", "y": -0.25, "traceorder": "normal"}, **axes)  # fmt: skip
    return go.Figure(data=traces, layout=layout).to_json()


def _diverging_colours(n: int) -> list[str]:
    if n <= 1:
        return [NEUTRAL]
    step = (len(DIVERGING) - 1) / (n - 1)
    return [DIVERGING[round(i * step)] for i in range(n)]


def ranking_chart(title: str, labels: Sequence[str], ranks: Sequence[float | None],
                  value_title: str) -> str:  # fmt: skip
    """Average rank per item (1 = most important), shortest bar first."""
    texts = [format_number(r, 1) if r is not None else "–" for r in ranks]
    return bar_chart(title, labels, ranks, texts, value_title, percent=False,
                     colours=[PALETTE[2]] * len(labels))  # fmt: skip


def timeline_chart(
    title: str, days: Sequence[date], counts: Sequence[int], value_title: str
) -> str:
    """Complete responses per day as columns."""
    import plotly.graph_objects as go  # imported late: the CLI and exports do not need it

    bar = go.Bar(
        x=[d.isoformat() for d in days],
        y=list(counts),
        text=[format_number(c) for c in counts],
        hovertemplate="%{x}: %{text}<extra></extra>",
        marker={"color": PALETTE[0]},
    )
    axes = _axes(False, value_title, False)
    axes["xaxis"].update({"type": "date", "tickformat": "%d.%m."})
    return go.Figure(data=[bar], layout=_layout(title, 280, **axes)).to_json()


def priority_chart(
    title: str,
    labels: Sequence[str],
    shares: Sequence[float],
    severities: Sequence[float],
    colours: Sequence[str],
    x_title: str,
    y_title: str,
) -> str:
    """Need priority: share of people (x) against mean walk severity (y), one dot per need."""
    import plotly.graph_objects as go  # imported late: the CLI and exports do not need it

    dots = go.Scatter(
        x=list(shares),
        y=list(severities),
        mode="markers+text",
        text=[wrap_label(label, 16) for label in labels],
        textposition="top center",
        marker={"size": 16, "color": list(colours), "line": {"color": INK, "width": 1}},
        hovertemplate="%{text}<extra></extra>",
    )
    layout = _layout(title, 420)
    layout["xaxis"] = {"title": {"text": html.escape(x_title, quote=False)}, "tickformat": ".0%",
                       "range": [0, 1.05], "fixedrange": True, "gridcolor": "#dddddd"}  # fmt: skip
    layout["yaxis"] = {"title": {"text": html.escape(y_title, quote=False)}, "range": [0.5, 3.5],
                       "dtick": 1, "fixedrange": True, "gridcolor": "#dddddd"}  # fmt: skip
    return go.Figure(data=[dots], layout=layout).to_json()
