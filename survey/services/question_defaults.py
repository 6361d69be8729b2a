"""What the builder fills in when a coordinator adds a question of a given type.

The type behaviour itself lives in `survey.questions.REGISTRY`; this module only knows the
builder's starting points: yes/no answers, a labelled 1–5 scale, the town's areas, and the
exclusive "I don't know" / "I prefer not to say" / "None of these" answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import force_locale, gettext
from ..models import Area, Choice, Question


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark a message for extraction; it is translated later, once per survey language."""
    return message


# The msgids are English; `_texts_in` stores a language only when the catalog has it, so a
# missing translation shows up in the translations grid instead of English in a German survey.
YES_NO = [("yes", N_("Yes")), ("no", N_("No"))]
RATING = [
    ("1", N_("Very bad")),
    ("2", N_("Bad")),
    ("3", N_("Neither good nor bad")),
    ("4", N_("Good")),
    ("5", N_("Very good")),
]
EXCLUSIVE = {
    "allow_dont_know": ("dont_know", N_("I don't know")),
    "allow_prefer_not": ("prefer_not", N_("I prefer not to say")),
    "allow_none": ("none", N_("None of these")),
}
SETTING_TYPES = {
    "allow_dont_know": {"single_choice", "multiple_choice", "rating", "yes_no"},
    "allow_prefer_not": {"single_choice", "multiple_choice", "rating", "yes_no"},
    "allow_none": {"multiple_choice"},
}


def texts_in(message: str, languages: Iterable[str]) -> dict[str, Any]:
    """{"label": {lang: …}, "label_easy": {lang: …}} for every language the catalogs know."""
    label: dict[str, str] = {}
    easy: dict[str, str] = {}
    for lang in languages:
        with force_locale(lang):
            text = gettext(message)
        with force_locale(lang, easy_read=True):
            easy_text = gettext(message)
        if lang == "en" or text != message:
            label[lang] = text
        if easy_text != text:
            easy[lang] = easy_text
    result: dict[str, Any] = {"label": label}
    if easy:
        result["label_easy"] = easy
    return result


def default_choices(session: Session, question_type: str, languages: list[str]) -> list[Choice]:
    """The choices a new question of this type starts with (empty for most types)."""
    if question_type == "yes_no":
        pairs = YES_NO
    elif question_type == "rating":
        pairs = RATING
    elif question_type == "area":
        return area_choices(session)
    else:
        return []
    return [
        Choice(key=key, position=pos, texts=texts_in(message, languages))
        for pos, (key, message) in enumerate(pairs)
    ]


def area_choices(session: Session) -> list[Choice]:
    """One choice per area of the town, with the area's key and texts."""
    areas = session.scalars(select(Area).order_by(Area.position, Area.id)).all()
    return [
        Choice(key=area.key, position=pos, texts=dict(area.texts)) for pos, area in enumerate(areas)
    ]


def exclusive_choice(setting: str, languages: list[str], position: int) -> Choice:
    """The "I don't know" or "None of these" choice that cannot be combined with others."""
    key, message = EXCLUSIVE[setting]
    return Choice(key=key, position=position, texts=texts_in(message, languages), exclusive=True)


def exclusive_key(setting: str) -> str:
    return EXCLUSIVE[setting][0]


def has_exclusive(question: Question, setting: str) -> bool:
    """Whether the question already offers "I don't know" / "None of these"."""
    key = exclusive_key(setting)
    return any(c.key == key for c in question.choices)


def settings_for(question: Question) -> list[str]:
    """Which of the exclusive-answer settings apply to this question's type."""
    return [name for name, types in SETTING_TYPES.items() if question.type in types]


WALK_CATEGORY_KEY = "category"
WALK_LABEL = N_("What did you find?")
WALK_CHOICES = [("good_place", N_("Good place")), ("idea", N_("Idea"))]


def walk_checklist(language: str) -> Question:
    """The checklist question of a new walk protocol: its choices are the categories.

    It starts with "Good place" and "Idea"; the coordinator adds the barriers to look for.
    """
    question = Question(
        key=WALK_CATEGORY_KEY,
        type="single_choice",
        position=0,
        page=1,
        required=True,
        settings={},
        texts=texts_in(WALK_LABEL, [language]),
    )
    for position, (key, message) in enumerate(WALK_CHOICES):
        question.choices.append(
            Choice(
                key=key,
                position=position,
                texts=texts_in(message, [language]),
                observation_kind=key,
                exclusive=False,
            )
        )
    return question
