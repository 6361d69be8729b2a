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
    if not errors and reachable(questions, question) is False:
        errors.append(
            _l(
                "With the conditions of the earlier questions, this condition can never hold, so the question would never be shown."
            )
        )
    return errors


def same_page_errors(questions: Sequence[Question], question: Question) -> list[Any]:
    """A condition must refer to a question on an earlier page: answers on the same page are
    not known yet when the page is shown."""
    by_key = {q.key: q for q in questions}
    for rule in (question.condition or {}).get("rules") or []:
        target = by_key.get(rule.get("question"))
        if target is not None and target.page is not None and target.page == question.page:
            return [
                _l(
                    "A condition can only refer to a question on an earlier page. Put this question on its own page first."
                )
            ]
    return []


# -- reachability ----------------------------------------------------------------------------

MAX_STEPS = 20_000  # beyond this the search gives up and does not block (None: unknown)
MAX_MENTIONED = 8  # answers of one multiple-choice question looked at in combination


def reachable(questions: Sequence[Question], question: Question) -> bool | None:
    """Whether some answers to the earlier questions show `question`: each earlier question is
    answered only when it is shown itself, a single choice has one answer, an exclusive answer
    ("none of these") stands alone, a required question that is shown gets an answer.
    None when the search is too large to decide."""
    if not (question.condition or {}).get("rules"):
        return True
    earlier = {q.key: q for q in questions if q.position < question.position}
    involved: dict[str, Question] = {}
    mentioned: dict[str, set[str]] = {}
    todo = [question]
    while todo:
        current = todo.pop()
        for rule in (current.condition or {}).get("rules") or []:
            target = earlier.get(rule.get("question", ""))
            if target is None or target.type not in CHOICE_TYPES:
                return None  # condition_errors reports it
            mentioned.setdefault(target.key, set()).update(rule.get("values") or [])
            if target.key not in involved:
                involved[target.key] = target
                todo.append(target)
    order = sorted(involved.values(), key=lambda q: q.position)
    domains = {q.key: _states(q, mentioned[q.key]) for q in order}
    if any(d is None for d in domains.values()):
        return None
    steps = [0]

    def search(index: int, chosen: dict[str, set[str]]) -> bool | None:
        steps[0] += 1
        if steps[0] > MAX_STEPS:
            return None
        if index == len(order):
            return is_visible(question, chosen)
        current = order[index]
        if not is_visible(current, chosen):
            return search(index + 1, chosen)
        unknown = False
        for state in domains[current.key]:
            found = search(index + 1, {**chosen, current.key: set(state)})
            if found:
                return True
            unknown = unknown or found is None
        return None if unknown else False

    return search(0, {})


def _states(question: Question, mentioned: set[str]) -> list[frozenset[str]] | None:
    """The answers that matter for the conditions: each mentioned answer (or, for multiple
    choice, each combination), and "nothing mentioned" when that is possible."""
    keys = {c.key for c in question.choices}
    wanted = mentioned & keys
    other = bool(keys - wanted)  # an answer no condition looks at
    states: list[frozenset[str]] = []
    if question.type == "multiple_choice":
        exclusive = {c.key for c in question.choices if c.exclusive} & wanted
        normal = sorted(wanted - exclusive)
        if len(normal) > MAX_MENTIONED:
            return None
        for mask in range(1, 2 ** len(normal)):
            states.append(frozenset(k for i, k in enumerate(normal) if mask >> i & 1))
        states.extend(frozenset({key}) for key in sorted(exclusive))
    else:
        states.extend(frozenset({key}) for key in sorted(wanted))
    if other or not question.required:
        states.append(frozenset())
    return states


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
