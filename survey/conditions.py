"""Conditions: show a question only if earlier answers have certain values.

A condition is stored on the question as
`{"mode": "any" | "all", "rules": [{"question": "<earlier key>", "values": ["<choice key>", …]}]}`.
A rule holds when the earlier question's answer includes at least one of the values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .i18n import lazy_gettext as _l
from .models import Question

CHOICE_TYPES = {"single_choice", "multiple_choice", "rating", "yes_no", "area"}


def is_visible(question: Question, chosen: Mapping[str, set[str]]) -> bool:
    """Whether `question` is shown, given the choice keys chosen so far per question key."""
    condition = question.condition or {}
    rules = condition.get("rules") or []
    if not rules:
        return True
    results = [bool(chosen.get(r["question"], set()) & set(r.get("values") or [])) for r in rules]
    return all(results) if condition.get("mode") == "all" else any(results)


def visible_questions(
    questions: Sequence[Question], chosen: Mapping[str, set[str]]
) -> list[Question]:
    """The questions a resident sees, in order; a hidden question hides its dependants too."""
    shown: list[Question] = []
    effective: dict[str, set[str]] = {}
    for question in questions:
        if is_visible(question, effective):
            shown.append(question)
            effective[question.key] = chosen.get(question.key, set())
    return shown


def condition_errors(questions: Sequence[Question], question: Question) -> list[Any]:
    """Why the question's condition is not valid (empty list when it is).

    A condition may only look backwards, at a question with choices, at values it has; in
    "all" mode two rules on the same single-choice question must be able to hold together,
    so that no question is hidden forever.
    """
    condition = question.condition or {}
    rules = condition.get("rules") or []
    if not rules:
        return []
    if condition.get("mode", "any") not in {"any", "all"}:
        return [_l("A condition must apply when any rule holds or when all rules hold.")]
    earlier = {q.key: q for q in questions if q.position < question.position}
    errors: list[Any] = []
    for rule in rules:
        target = earlier.get(rule.get("question", ""))
        if target is None:
            later = any(q.key == rule.get("question") for q in questions)
            errors.append(
                _l("A condition can only refer to an earlier question.")
                if later
                else _l("The condition refers to a question that does not exist.")
            )
            continue
        if target.type not in CHOICE_TYPES:
            errors.append(
                _l("A condition can only refer to a question with answers to choose from.")
            )
            continue
        values = set(rule.get("values") or [])
        keys = {c.key for c in target.choices}
        if not values:
            errors.append(_l("Choose at least one answer for the condition."))
        elif not values <= keys:
            errors.append(_l("The condition refers to an answer that does not exist."))
    if not errors and condition.get("mode") == "all":
        errors.extend(_unsatisfiable(rules, earlier))
    return errors


def _unsatisfiable(rules: list[dict[str, Any]], earlier: Mapping[str, Question]) -> list[Any]:
    per_question: dict[str, set[str]] = {}
    for rule in rules:
        target = earlier[rule["question"]]
        if target.type == "multiple_choice":
            continue  # several answers can be chosen together
        wanted = set(rule["values"])
        if rule["question"] in per_question and not per_question[rule["question"]] & wanted:
            return [
                _l(
                    "These rules can never all hold at the same time, so the question would never be shown."
                )
            ]
        per_question[rule["question"]] = per_question.get(rule["question"], wanted) & wanted
    return []
