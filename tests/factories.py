"""Build surveys with questions and choices in one call (used across test modules)."""

from __future__ import annotations

from typing import Any

from survey.models import Choice, Question, Survey, SurveyKind


def texts(de: str, en: str | None = None, **more: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {"label": {"de": de, "en": en or de}}
    result.update(more)
    return result


def make_survey(
    session, slug: str = "umfrage", questions: list[dict] | None = None, **kw
) -> Survey:
    """questions: dicts with key, type and optional required, choices (list of keys), condition,
    settings, texts; choice labels default to their key."""
    survey = Survey(
        slug=slug,
        kind=kw.pop("kind", SurveyKind.QUESTIONNAIRE),
        languages=kw.pop("languages", ["de", "en"]),
        texts=kw.pop("texts", texts("Unsere Umfrage", "Our survey")),
        **kw,
    )
    for position, spec in enumerate(questions or []):
        question = Question(
            key=spec["key"],
            type=spec["type"],
            position=position,
            required=spec.get("required", False),
            condition=spec.get("condition"),
            settings=spec.get("settings", {}),
            texts=spec.get("texts", texts(f"Frage {spec['key']}", f"Question {spec['key']}")),
        )
        for cpos, choice in enumerate(spec.get("choices", [])):
            key, extra = (choice, {}) if isinstance(choice, str) else (choice["key"], choice)
            question.choices.append(
                Choice(
                    key=key,
                    position=cpos,
                    texts=extra.get("texts", texts(f"Antwort {key}", f"Answer {key}")),
                    exclusive=extra.get("exclusive", False),
                    need_category_id=extra.get("need_category_id"),
                    weight=extra.get("weight", 1.0),
                )
            )
        survey.questions.append(question)
    session.add(survey)
    session.flush()
    return survey


ALL_TYPES = [
    {"key": "wohnort", "type": "area", "required": True, "choices": ["altstadt", "nord"]},
    {"key": "hilfe", "type": "single_choice", "choices": ["ja_oft", "manchmal", "nie"]},
    {"key": "themen", "type": "multiple_choice",
     "choices": ["wege", "info", {"key": "nichts", "exclusive": True}]},
    {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3", "4", "5"]},
    {"key": "rollstuhl", "type": "yes_no", "choices": ["yes", "no"]},
    {"key": "alter", "type": "number", "settings": {"min": 0, "max": 120}},
    {"key": "name_ort", "type": "short_text"},
    {"key": "idee", "type": "long_text"},
    {"key": "seit", "type": "date"},
    {"key": "wichtig", "type": "ranking", "choices": ["bus", "bank", "licht"]},
    {"key": "info", "type": "note"},
]  # fmt: skip
