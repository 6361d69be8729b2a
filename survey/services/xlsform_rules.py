"""XLSForm columns with small expressions: `required`, `constraint`, `relevant`.

Only what Mitsprache can represent is read (`selected(${q}, 'v')` joined with or/and,
`. >= n and . <= n`); anything else is reported by row and left out.
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n import lazy_gettext as _l
from . import xlsform
from .exchange_json import load_storable

RULE = re.compile(r"selected\(\s*\$\{(\w+)\}\s*,\s*'([^']*)'\s*\)|\$\{(\w+)\}\s*=\s*'([^']*)'")
TRUE = {"yes", "true", "true()", "1"}


def whole_number(text: str, default: int | None) -> int | None:
    """A whole number written with digits 0-9, else `default`. Not `str.isdigit()`: it
    accepts "²", which int() refuses."""
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text.strip()) else default


def read_required(reader: Any, number: int, value: str) -> bool:
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value not in {"", "no", "false", "false()", "0"}:
        reader.report(
            "survey",
            number,
            _l("Only yes or no is supported in “required”; the question was imported as optional."),
        )
    return False


def read_settings(reader: Any, number: int, row: dict) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    raw = row.get(xlsform.SETTINGS_COLUMN, "")
    if raw:
        try:
            settings = load_storable(raw)
        except (ValueError, RecursionError):  # UnicodeError is a ValueError
            settings = None
        if not isinstance(settings, dict):
            reader.problem("survey", number, _l("The settings are not valid."))
            settings = {}
    constraint = row.get("constraint", "").strip()
    for op, value in re.findall(r"\.\s*(>=|<=)\s*(-?\d+)", constraint):
        settings["min" if op == ">=" else "max"] = int(value)
    leftover = re.sub(r"\.\s*(>=|<=)\s*-?\d+|\band\b|\s", "", constraint)
    if leftover:
        reader.report(
            "survey",
            number,
            _l(
                "Only “. >= number” and “. <= number” are supported as constraints; the rest was left out."
            ),
        )
    return settings


def read_relevant(reader: Any, number: int, relevant: str, question: dict, skipped: set) -> None:
    relevant = relevant.strip()
    if not relevant:
        return
    rules = _parse_relevant(relevant)
    if rules is None:
        reader.report(
            "survey",
            number,
            _l(
                "This condition cannot be read; only selected(${question}, 'answer') joined with or/and is supported. The question is always shown."
            ),
        )
        return
    mode, parsed = rules
    if any(rule["question"] in skipped for rule in parsed):
        reader.report(
            "survey",
            number,
            _l(
                "The condition refers to a question that was left out; the question is always shown."
            ),
        )
        return
    question["condition"] = {"mode": mode, "rules": parsed}


def _parse_relevant(text: str) -> tuple[str, list[dict[str, Any]]] | None:
    """Parse `selected(${q}, 'v')` / `${q} = 'v'` joined with or/and (one level of brackets)."""
    top = re.split(r"\s+(and|or)\s+(?![^()]*\))", text)
    parts, joins = top[::2], set(top[1::2])
    if len(joins) > 1:
        return None
    mode = "all" if joins == {"and"} else "any"
    rules: list[dict[str, Any]] = []
    for part in parts:
        inner = part.strip()
        if inner.startswith("(") and inner.endswith(")"):
            inner = inner[1:-1]
        pieces = re.split(r"\s+or\s+", inner)
        found = [RULE.fullmatch(p.strip()) for p in pieces]
        if not all(found):
            return None
        keys = {m.group(1) or m.group(3) for m in found}
        if len(keys) != 1:
            return None
        values = [m.group(2) if m.group(1) else m.group(4) for m in found]
        rules.append({"question": keys.pop(), "values": values})
    return mode, rules
