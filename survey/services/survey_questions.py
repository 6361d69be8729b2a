"""Questions and choices in the builder: add, change, reorder, delete, pages and conditions.

Structural edits (add, delete, move, conditions) bump the survey's version once it has been
published. Deleting a question or choice that already has answers is refused.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from ..conditions import condition_errors, same_page_errors
from ..i18n import lazy_gettext as _l
from ..models import Question, Survey, SurveyKind
from ..questions import REGISTRY
from . import question_defaults
from .survey_choices import (
    answer_count,
    check_key,
    delete_choice,
    dependants,
    next_key,
    observation_count,
)
from .surveys import BuilderError, bump_version, with_text

# --- questions -----------------------------------------------------------------------------


def add_question(
    session: Session, survey: Survey, *, type_: str, label: str, lang: str, key: str = ""
) -> Question:
    """Append a question of a registered type, with the type's default choices."""
    if type_ not in REGISTRY:
        raise BuilderError(_l("Choose a question type."), "type")
    key = key.strip() or next_key(survey.questions, "q")
    check_key(None, key, survey.questions)
    if not label.strip():
        raise BuilderError(_l("Enter the question text."), "label")
    question = Question(
        key=key,
        type=type_,
        position=len(survey.questions),
        required=False,
        settings={},
        texts=with_text({}, "label", lang, label),
    )
    for choice in question_defaults.default_choices(session, type_, survey.languages):
        question.choices.append(choice)
    survey.questions.append(question)
    renumber(survey)
    bump_version(survey)
    session.flush()
    return question


def update_question(session: Session, question: Question, **values: Any) -> None:
    """Change key, required flag and type-specific settings."""
    survey = question.survey
    key = values.pop("key", question.key).strip()
    if key != question.key:
        _refuse_if_checklist(question)
        _refuse_if_answered(session, question, _l("The key of a question with answers stays."))
        check_key(question, key, survey.questions)
        _rename_in_conditions(survey, question.key, key)
        question.key = key
    settings = copy.deepcopy(question.settings or {})
    for name in question_defaults.settings_for(question):
        wanted = bool(values.pop(name, question_defaults.has_exclusive(question, name)))
        _toggle_exclusive(session, question, name, wanted)
        settings[name] = wanted
    for name, value in values.pop("settings", {}).items():
        if value in (None, ""):
            settings.pop(name, None)
        else:
            settings[name] = value
    _check_range(settings)
    question.settings = settings
    for name, value in values.items():
        setattr(question, name, value)
    session.flush()


def _check_range(settings: dict[str, Any]) -> None:
    low, high = settings.get("min"), settings.get("max")
    if low is not None and high is not None and low > high:
        raise BuilderError(_l("The smallest number must not be bigger than the largest."), "min")


def _toggle_exclusive(session: Session, question: Question, setting: str, wanted: bool) -> None:
    key = question_defaults.exclusive_key(setting)
    existing = next((c for c in question.choices if c.key == key), None)
    if wanted and existing is None:
        choice = question_defaults.exclusive_choice(
            setting, question.survey.languages, len(question.choices)
        )
        question.choices.append(choice)
        bump_version(question.survey)
    elif not wanted and existing is not None:
        delete_choice(session, existing)


def _rename_in_conditions(survey: Survey, old: str, new: str) -> None:
    for other in survey.questions:
        condition = copy.deepcopy(other.condition or {})
        rules = condition.get("rules") or []
        if any(r.get("question") == old for r in rules):
            for rule in rules:
                if rule.get("question") == old:
                    rule["question"] = new
            other.condition = condition


def _refuse_if_answered(session: Session, question: Question, message: Any) -> None:
    if question.id is not None and answer_count(session, question):
        raise BuilderError(message)


def _refuse_if_checklist(question: Question) -> None:
    if (
        question.survey.kind is SurveyKind.WALK_PROTOCOL
        and question.key == question_defaults.WALK_CATEGORY_KEY
    ):
        raise BuilderError(
            _l(
                "This is the checklist of the walk protocol. Walks need it, so it keeps its key and cannot be deleted."
            ),
            "key",
        )


def delete_question(session: Session, question: Question) -> None:
    """Remove a question that has no answers and that no condition refers to."""
    _refuse_if_checklist(question)
    count = answer_count(session, question) + observation_count(session, question)
    if count:
        raise BuilderError(
            _l(
                "This question already has %(count)s answers. Deleting it would delete them too, so it stays. You can close the survey and make a copy instead.",
                count=count,
            )
        )
    if users := dependants(question):
        raise BuilderError(
            _l(
                "Question “%(key)s” is only shown depending on this question. Change that condition first.",
                key=users[0].key,
            )
        )
    survey = question.survey
    survey.questions.remove(question)  # delete-orphan removes the row and its choices
    renumber(survey)
    bump_version(survey)
    session.flush()


def move_question(session: Session, question: Question, step: int) -> None:
    """Move one place up (-1) or down (+1); a move that breaks a condition is refused."""
    survey = question.survey
    items = list(survey.questions)
    index = items.index(question)
    target = index + step
    if not 0 <= target < len(items):
        return
    old_positions = {q.id: q.position for q in items}
    items[index], items[target] = items[target], items[index]
    for position, item in enumerate(items):
        item.position = position
    broken = [q for q in items if condition_errors(items, q)]
    if broken:
        for item in items:
            item.position = old_positions[item.id]
        raise BuilderError(
            _l(
                "Question “%(key)s” depends on an answer before it, so this move is not possible.",
                key=broken[0].key,
            )
        )
    survey.questions.sort(key=lambda q: q.position)
    renumber(survey)
    bump_version(survey)
    session.flush()


def set_same_page(session: Session, question: Question, together: bool) -> None:
    """Show this question on the same page as the one before it, or on a page of its own."""
    survey = question.survey
    items = list(survey.questions)
    index = items.index(question)
    if together and index > 0:
        old = question.page
        question.page = items[index - 1].page
        errors = same_page_errors(items, question)
        if errors:
            question.page = old
            raise BuilderError(errors[0], "page")
    elif not together:
        question.page = None
    renumber(survey, split=None if together else question)
    session.flush()


def renumber(survey: Survey, split: Question | None = None) -> None:
    """Pages 1, 2, …: a question joins the page of the one before it only if they shared it."""
    page = 0
    previous_page: int | None = -1
    for question in sorted(survey.questions, key=lambda q: q.position):
        joined = (
            question is not split
            and question.page is not None
            and question.page == previous_page
            and page > 0
        )
        previous_page = question.page
        if not joined:
            page += 1
        question.page = page


def set_condition(session: Session, question: Question, condition: dict[str, Any] | None) -> None:
    """Store a condition after checking it only looks backwards at answers that exist."""
    survey = question.survey
    old = question.condition
    question.condition = condition if condition and condition.get("rules") else None
    errors = condition_errors(survey.questions, question)
    errors += same_page_errors(survey.questions, question)
    if errors:
        question.condition = old
        raise BuilderError(errors[0], "condition")
    bump_version(survey)
    session.flush()
