"""Charts read from the right in Arabic and Persian: bars grow leftwards from a value axis at
the right edge, the category labels stand on the right, the title starts at the right."""

from __future__ import annotations

import json

import pytest

from survey.i18n import force_locale
from survey.services.charts import bar_chart, grouped_bar_chart


def _layout(locale: str, chart=bar_chart) -> dict:
    with force_locale(locale):
        if chart is bar_chart:
            spec = bar_chart("Was fehlt?", ["Wege", "Bänke"], [0.4, 0.25], ["40 %", "25 %"],
                             "Anteil")  # fmt: skip
        else:
            spec = grouped_bar_chart("Was fehlt?", ["Wege", "Bänke"],
                                     [("Nord", [0.4, 0.2]), ("Süd", [0.1, None])], "Anteil")  # fmt: skip
    return json.loads(spec)["layout"]


@pytest.mark.parametrize("chart", [bar_chart, grouped_bar_chart])
@pytest.mark.parametrize("locale", ["ar", "fa"])
def test_horizontal_bars_are_mirrored_in_right_to_left_languages(locale, chart):
    layout = _layout(locale, chart)
    assert layout["xaxis"]["autorange"] == "reversed"  # bars start at the right
    assert layout["yaxis"]["side"] == "right"  # labels beside the bars' start
    assert layout["yaxis"]["autorange"] == "reversed"  # first category on top
    assert layout["title"]["x"] == 1
    assert layout["title"]["xanchor"] == "right"


@pytest.mark.parametrize("chart", [bar_chart, grouped_bar_chart])
@pytest.mark.parametrize("locale", ["de", "tr"])
def test_horizontal_bars_read_from_the_left_otherwise(locale, chart):
    layout = _layout(locale, chart)
    assert layout["xaxis"]["autorange"] is True
    assert layout["yaxis"]["side"] == "left"
    assert layout["yaxis"]["autorange"] == "reversed"  # first category on top here too
    assert layout["title"]["x"] == 0
    assert layout["title"]["xanchor"] == "left"


def test_arabic_chart_keeps_its_data_in_order():
    """Only the layout is mirrored: the first label still has the first value."""
    with force_locale("ar"):
        bar = json.loads(bar_chart("t", ["Wege", "Bänke"], [0.4, 0.25], ["40", "25"], "v"))
    assert bar["data"][0]["y"] == ["Wege", "Bänke"]
    assert bar["data"][0]["x"] == [0.4, 0.25]


def test_chart_text_uses_the_pages_fonts_for_arabic_script():
    """Without Noto Arabic in the chart's font list, Chromium drew the labels in DejaVu Sans."""
    family = _layout("fa")["font"]["family"]
    assert "Noto Sans Arabic" in family
    assert family.index("Noto Sans Arabic") < family.index("DejaVu Sans")
