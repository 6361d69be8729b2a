"""Choices in the builder: add, change, reorder, delete; and the key and usage checks that
questions share. Deleting a choice that has been chosen (or used on a walk) is refused.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import lazy_gettext as _l
from ..models import Answer, Choice, Observation, Question
from ..questions import REGISTRY
from . import question_defaults
from .surveys import CHOICE_KEY_RE, KEY_RE, BuilderError, bump_version, with_text


def check_key(item: Any, key: str, siblings: list[Any], choice: bool = False) -> None:
    """A valid key that no sibling uses; choice keys may start with a digit ("1", "18_29")."""
    pattern = CHOICE_KEY_RE if choice else KEY_RE
    if not pattern.match(key):
        raise BuilderError(
            _l(
                "A key starts with a letter and may only use letters a–z, digits and underscores (at most 64)."
            ),
            "key",
        )
    if any(s.key == key and s is not item for s in siblings):
        raise BuilderError(_l("This key is already used here. Choose another one."), "key")


def next_key(existing: list[Any], prefix: str) -> str:
    keys = {item.key for item in existing}
    n = len(existing) + 1
    while f"{prefix}{n}" in keys:
        n += 1
    return f"{prefix}{n}"


def observation_count(session: Session, question: Question) -> int:
    """Walk observations filed under the choices of a walk protocol's checklist."""
    ids = [c.id for c in question.choices if c.id is not None]
    if not ids:
        return 0
    return (
        session.scalar(select(func.count(Observation.id)).where(Observation.category_id.in_(ids)))
        or 0
    )


def answer_count(session: Session, question: Question | None = None, choice=None) -> int:
    column = Answer.choice_id if choice is not None else Answer.question_id
    target = choice.id if choice is not None else question.id
    count = session.scalar(select(func.count(Answer.id)).where(column == target)) or 0
    if choice is not None:
        count += (
            session.scalar(
                select(func.count(Observation.id)).where(Observation.category_id == choice.id)
            )
            or 0
        )
    return count


def dependants(question: Question) -> list[Question]:
    return [
        q
        for q in question.survey.questions
        if any(r.get("question") == question.key for r in (q.condition or {}).get("rules", []))
    ]


def add_choice(
    session: Session, question: Question, *, label: str, lang: str, key: str = ""
) -> Choice:
    if not REGISTRY[question.type].has_choices:
        raise BuilderError(_l("This type of question has no answers to choose."))
    if not label.strip():
        raise BuilderError(_l("Enter the answer text."), "label")
    key = key.strip() or next_key(question.choices, "a")
    check_key(None, key, question.choices, choice=True)
    choice = Choice(
        key=key, position=len(question.choices), texts=with_text({}, "label", lang, label)
    )
    question.choices.append(choice)
    # keep "I don't know" / "None of these" last
    question.choices[:] = sorted(question.choices, key=lambda c: bool(c.exclusive))
    _renumber_choices(question)
    bump_version(question.survey)
    session.flush()
    return choice


def update_choice(session: Session, choice: Choice, **values: Any) -> None:
    key = values.pop("key", choice.key).strip()
    if key != choice.key:
        if choice.id is not None and answer_count(session, choice=choice):
            raise BuilderError(_l("The key of an answer that has been chosen stays."), "key")
        check_key(choice, key, choice.question.choices, choice=True)
        _rekey_in_conditions(choice.question, choice.key, key)
        choice.key = key
    if values.get("weight") is not None and not 0 <= values["weight"] <= 100:
        raise BuilderError(_l("The weight must be between 0 and 100."), "weight")
    for name, value in values.items():
        setattr(choice, name, value)
    session.flush()


def _rekey_in_conditions(question: Question, old: str, new: str) -> None:
    for other in dependants(question):
        condition = copy.deepcopy(other.condition)
        for rule in condition["rules"]:
            if rule["question"] == question.key:
                rule["values"] = [new if v == old else v for v in rule["values"]]
        other.condition = condition


def delete_choice(session: Session, choice: Choice) -> None:
    count = answer_count(session, choice=choice)
    if count:
        raise BuilderError(
            _l(
                "This answer has been chosen %(count)s times. Deleting it would delete those answers, so it stays.",
                count=count,
            )
        )
    question = choice.question
    for other in dependants(question):
        if any(choice.key in r["values"] for r in other.condition["rules"]):
            raise BuilderError(
                _l(
                    "Question “%(key)s” is only shown depending on this answer. Change that condition first.",
                    key=other.key,
                )
            )
    question.choices.remove(choice)
    _renumber_choices(question)
    bump_version(question.survey)
    session.flush()


def move_choice(session: Session, choice: Choice, step: int) -> None:
    question = choice.question
    items = list(question.choices)
    index = items.index(choice)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        question.choices[:] = items
        _renumber_choices(question)
        bump_version(question.survey)
        session.flush()


def _renumber_choices(question: Question) -> None:
    for position, choice in enumerate(question.choices):
        choice.position = position


def refresh_area_choices(session: Session, question: Question) -> int:
    """Add the areas that are missing from an area question; returns how many were added."""
    have = {c.key for c in question.choices}
    added = 0
    for choice in question_defaults.area_choices(session):
        if choice.key not in have:
            choice.position = len(question.choices)
            question.choices.append(choice)
            added += 1
    if added:
        bump_version(question.survey)
    session.flush()
    return added
