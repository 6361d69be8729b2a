"""Shared by the results views: loading a survey, reading filters, the minimum cell size."""

from __future__ import annotations

from flask import abort, current_app
from werkzeug.datastructures import MultiDict

from .. import db
from ..models import Survey, SurveyKind
from ..services import aggregate as agg
from ..services.suppression import min_cell


def load_or_404(slug: str) -> Survey:
    survey = agg.load_survey(db.get_session(), slug)
    if survey is None or survey.kind is not SurveyKind.QUESTIONNAIRE:
        abort(404)
    return survey


def cell_minimum(survey: Survey) -> int:
    return min_cell(survey.min_cell, current_app.config.get("MIN_CELL"))


def read_filters(survey: Survey, args: MultiDict) -> agg.Filters:
    """Filters from the query string; unknown values are dropped (the form shows the choice)."""
    area = args.get("area", "").strip() or None
    question = agg.area_question(survey)
    if area and not (question and any(c.key == area for c in question.choices)):
        area = None
    group = None
    if ":" in (raw := args.get("group", "")):
        qkey, ckey = raw.split(":", 1)
        for q in agg.group_questions(survey):
            if q.key == qkey and any(c.key == ckey for c in q.choices):
                group = (qkey, ckey)
    channel = args.get("channel") if args.get("channel") in agg.CHANNELS else None
    return agg.Filters(area=area, group=group, channel=channel, round=url_number(args.get("round")))


def url_number(raw: str | None) -> int | None:
    """A whole number typed into a URL, or None: ASCII digits only ("²".isdigit() is true,
    but int("²") fails) and short enough for an integer column."""
    raw = raw or ""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def filter_choices(survey: Survey, rounds: list[int]) -> dict[str, list[tuple[str, str]]]:
    """The options of the filter form: (value, label) per filter; "" means everybody."""
    from ..i18n import gettext as _
    from ..i18n import localized

    def label(item) -> str:
        return localized(item.texts, "label").text or item.key

    question = agg.area_question(survey)
    groups = [
        (f"{q.key}:{c.key}", f"{label(q)}: {label(c)}")
        for q in agg.group_questions(survey)
        for c in q.choices
    ]
    return {
        # Translators: resident
        "area": [("", _("All areas"))]
        + [(c.key, label(c)) for c in (question.choices if question else [])],
        "group": [("", _("All groups"))] + groups,
        "channel": [
            ("", _("All ways of answering")),
            ("web", _("Online")),
            ("paper", _("On paper")),
        ],
        "round": [("", _("All rounds"))] + [(str(r), _("Round %(n)s", n=r)) for r in rounds],
    }
