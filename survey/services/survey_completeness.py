"""Translation completeness: every text of a survey, what is missing, what blocks publishing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.support import LazyProxy

from ..conditions import condition_errors, same_page_errors
from ..i18n import get_locale, known_locale
from ..i18n import lazy_gettext as _l
from ..models import Choice, Question, Survey
from .surveys import QUESTION_FIELDS, SURVEY_FIELDS


@dataclass(frozen=True)
class TextSlot:
    """One text of the survey: where it is, and what it holds in each language."""

    place: str  # "survey", a question key, or "question key / choice key"
    field: str
    texts: dict[str, Any]
    required: bool
    question: Question | None = None
    choice: Choice | None = None
    # place names of the town's areas may stay in the main language
    main_language_only: bool = False

    def needed_in(self, lang: str, main: str) -> bool:
        return self.required and (lang == main or not self.main_language_only)

    def has(self, lang: str, easy: bool = False) -> bool:
        name = f"{self.field}_easy" if easy else self.field
        return bool(((self.texts.get(name) or {}).get(lang) or "").strip())


def text_slots(survey: Survey) -> list[TextSlot]:
    """Every text of the survey, in order; `required` marks texts that must be translated."""
    slots = [
        TextSlot("survey", name, survey.texts, required=name == "title" or _any(survey.texts, name))
        for name in SURVEY_FIELDS
    ]
    for question in survey.questions:
        for name in QUESTION_FIELDS:
            needed = name == "label" or _any(question.texts, name)
            slots.append(TextSlot(question.key, name, question.texts, needed, question))
        for choice in question.choices:
            place = f"{question.key} / {choice.key}"
            slots.append(
                TextSlot(
                    place, "label", choice.texts, True, question, choice, question.type == "area"
                )
            )
    return slots


def _any(texts: dict[str, Any], field: str) -> bool:
    return any((v or "").strip() for v in (texts.get(field) or {}).values())


def missing_texts(survey: Survey) -> list[tuple[TextSlot, str]]:
    """(slot, language) for each required text that is empty in a survey language."""
    return [
        (slot, lang)
        for slot in text_slots(survey)
        for lang in survey.languages
        if slot.needed_in(lang, survey.default_language) and not slot.has(lang)
    ]


def publish_problems(survey: Survey) -> list[Any]:
    """Why the survey cannot be published yet (empty list: it can)."""
    problems: list[Any] = []
    if not any(q.type != "note" for q in survey.questions):
        problems.append(_l("Add at least one question."))
    for question in survey.questions:
        if question.type in CHOICE_NEEDED and not question.choices:
            problems.append(
                _l("Question “%(key)s” needs at least one answer to choose.", key=question.key)
            )
        for error in condition_errors(survey.questions, question) or same_page_errors(
            survey.questions, question
        ):
            problems.append(_l("Question “%(key)s”: %(error)s", key=question.key, error=error))
    for slot, lang in missing_texts(survey):
        problems.append(missing_message(slot, lang))
    return problems


def missing_message(slot: TextSlot, lang: str) -> Any:
    """ "Question “wohnung”: the text “Hint” is missing in Arabic." in the reader's language."""
    field, language = field_label(slot.field), LazyProxy(ui_language_name, lang, enable_cache=False)
    if slot.choice is not None:
        return _l(
            "Question “%(question)s”, answer “%(choice)s”: the text “%(field)s” is missing in %(language)s.",
            question=slot.question.key,
            choice=slot.choice.key,
            field=field,
            language=language,
        )
    if slot.question is not None:
        return _l(
            "Question “%(question)s”: the text “%(field)s” is missing in %(language)s.",
            question=slot.question.key,
            field=field,
            language=language,
        )
    return _l(
        "Survey texts: the text “%(field)s” is missing in %(language)s.",
        field=field,
        language=language,
    )


def ui_language_name(code: str) -> str:
    """The language's name in the reader's language ("Arabic", "Arabisch"), via Babel."""
    known, reader = known_locale(code), known_locale(get_locale())
    return (known.get_display_name(reader or "en") if known else None) or code


CHOICE_NEEDED = {"single_choice", "multiple_choice", "rating", "yes_no", "area", "ranking"}

FIELD_LABELS = {
    "title": _l("Title"),
    "intro": _l("Introduction"),
    "consent": _l("Consent text"),
    "thanks": _l("Thank-you text"),
    "who_asks": _l("Who is asking"),
    "results_note": _l("What happens with the results"),
    "label": _l("Question or answer text"),
    "hint": _l("Hint"),
}


def field_label(field: str) -> Any:
    return FIELD_LABELS.get(field, field)
