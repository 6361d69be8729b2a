"""The project's own survey exchange format (JSON): lossless export and checked import.

The format is documented in docs/survey-json.md. Import checks everything first and builds the
survey in memory; only a survey without problems is added to the session, so nothing is ever
half imported. The XLSForm importer converts a workbook to the same structure ("spec") and
uses `build_survey` too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..conditions import condition_errors
from ..i18n import lazy_gettext as _l
from ..models import Choice, NeedCategory, Question, Survey, SurveyKind, SurveyStatus
from ..questions import REGISTRY
from .surveys import (
    CHOICE_KEY_RE,
    KEY_RE,
    QUESTION_FIELDS,
    SLUG_RE,
    SURVEY_FIELDS,
    slugify,
    text_problem,
    unique_slug,
    valid_language,
)

FORMAT = "mitsprache-survey"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 5 * 2**20
SURVEY_TEXT_FIELDS = {*SURVEY_FIELDS, *(f"{f}_easy" for f in SURVEY_FIELDS)}
QUESTION_TEXT_FIELDS = {*QUESTION_FIELDS, *(f"{f}_easy" for f in QUESTION_FIELDS), "pictogram"}
CHOICE_TEXT_FIELDS = {"label", "label_easy", "pictogram"}
OBSERVATION_KINDS = {None, "barrier", "good_place", "idea"}


@dataclass
class Problem:
    """Something in the imported file; `place` names where (sheet and row, or JSON path)."""

    place: str
    message: Any

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


@dataclass
class ImportResult:
    survey: Survey
    reports: list[Problem] = field(default_factory=list)  # skipped, unsupported features


# --- export --------------------------------------------------------------------------------


def export_survey(session: Session, survey: Survey) -> dict[str, Any]:
    """Everything that defines the survey (not its answers, status or history)."""
    needs = dict(session.execute(select(NeedCategory.id, NeedCategory.key)).all())
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "survey": {
            "slug": survey.slug,
            "kind": survey.kind.value,
            "languages": list(survey.languages),
            "default_language": survey.default_language,
            "texts": survey.texts,
            "anonymous": survey.anonymous,
            "min_cell": survey.min_cell,
            "public_results": survey.public_results,
            "estimated_minutes": survey.estimated_minutes,
            "questions": [_export_question(q, needs) for q in survey.questions],
        },
    }


def _export_question(question: Question, needs: dict[int, str]) -> dict[str, Any]:
    return {
        "key": question.key,
        "type": question.type,
        "page": question.page,
        "required": question.required,
        "condition": question.condition,
        "settings": question.settings or {},
        "texts": question.texts,
        "need_category": needs.get(question.need_category_id),
        "choices": [
            {
                "key": c.key,
                "texts": c.texts,
                "need_category": needs.get(c.need_category_id),
                "weight": c.weight,
                "exclusive": c.exclusive,
                "observation_kind": c.observation_kind,
            }
            for c in question.choices
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# --- import --------------------------------------------------------------------------------


def load_storable(raw: bytes | str) -> Any:
    """json.loads, refusing what parses but cannot be stored (ValueError or UnicodeError).

    A "\\ud800" escape decodes to half a character, which no database can store; Infinity,
    NaN and 1e999 parse as floats that neither strict JSON nor a PostgreSQL json column takes.
    """
    data = json.loads(raw)
    json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return data


def import_json(session: Session, raw: bytes | str, created_by_id: int | None = None):
    """Check and import a survey file; raises ImportFailed naming every problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed([Problem("file", _too_big())])
    try:
        data = load_storable(raw)
    except (UnicodeError, ValueError, RecursionError) as exc:  # RecursionError: [[[[…
        line = getattr(exc, "lineno", None)
        where = _l("line %(line)s", line=line) if line else "file"
        raise ImportFailed([Problem(str(where), _l("This is not valid JSON."))]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailed([Problem("format", _l("This is not a Mitsprache survey file."))])
    if data.get("format_version") != FORMAT_VERSION:
        raise ImportFailed(
            [Problem("format_version", _l("This version of the file format is not supported."))]
        )
    survey = build_survey(session, data.get("survey"), created_by_id)
    return ImportResult(survey)


def _too_big() -> Any:
    return _l("The file is too big. It can be at most %(mb)s MB.", mb=MAX_IMPORT_BYTES // 2**20)


class _Checker:
    """Collects problems with their place while reading a spec."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, place: str, message: Any) -> None:
        self.problems.append(Problem(place, message))

    def texts(self, value: Any, place: str, allowed: set[str]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(place, _l("Texts must be an object of fields and languages."))
            return {}
        for name, per_lang in value.items():
            if name not in allowed:
                self.add(f"{place}.{name}", _l("This text field is not known."))
            elif not isinstance(per_lang, dict):
                self.add(f"{place}.{name}", _l("Texts must be an object of fields and languages."))
            else:
                for lang, text in per_lang.items():
                    if not (lang == "*" and name == "pictogram" or valid_language(lang)):
                        self.add(
                            f"{place}.{name}", _l("“%(code)s” is not a language code.", code=lang)
                        )
                    elif (problem := text_problem(text)) is not None:
                        self.add(f"{place}.{name}.{lang}", problem)
        return value

    def type_of(self, value: Any, types: tuple, place: str, default: Any) -> Any:
        if value is None:
            return default
        if isinstance(value, bool) and bool not in types:
            self.add(place, _l("This value has the wrong type."))
            return default
        if not isinstance(value, types):
            self.add(place, _l("This value has the wrong type."))
            return default
        return value

    def whole_number(self, value: Any, place: str, default: Any, low: int, high: int) -> Any:
        """An int within the range the builder allows (a bigger one overflows the column)."""
        value = self.type_of(value, (int,), place, default)
        if value is not default and not low <= value <= high:
            # the builder's messages for these ranges, so no new text needs translating
            self.add(place, RANGE_MESSAGES[(low, high)])
            return default
        return value


RANGE_MESSAGES = {
    (2, 100): _l("Enter a number between 2 and 100"),
    (1, 240): _l("Enter a number between 1 and 240"),
    (1, 5000): _l("Enter a number between 1 and 5000"),
}


def build_survey(session: Session, spec: Any, created_by_id: int | None = None) -> Survey:
    """Check a survey spec and add it as a new draft; raises ImportFailed (nothing added)."""
    check = _Checker()
    if not isinstance(spec, dict):
        raise ImportFailed([Problem("survey", _l("The survey is missing."))])
    survey = _read_survey(session, spec, check, created_by_id)
    if check.problems:
        raise ImportFailed(check.problems)
    session.add(survey)
    session.flush()
    return survey


def _read_survey(session: Session, spec: dict, check: _Checker, user_id: int | None) -> Survey:
    languages = check.type_of(spec.get("languages"), (list,), "survey.languages", ["de"])
    for code in languages:
        if not isinstance(code, str) or not valid_language(code):
            check.add("survey.languages", _l("“%(code)s” is not a language code.", code=code))
    if not languages or len(set(map(str, languages))) != len(languages):
        check.add("survey.languages", _l("List each language once, at least one."))
    default = spec.get("default_language") or (languages[0] if languages else "de")
    if default not in languages:
        check.add("survey.default_language", _l("The main language must be in the list."))
    kind = spec.get("kind", "questionnaire")
    if not isinstance(kind, str) or kind not in {k.value for k in SurveyKind}:
        check.add("survey.kind", _l("The kind must be questionnaire or walk_protocol."))
        kind = "questionnaire"
    texts = check.texts(spec.get("texts"), "survey.texts", SURVEY_TEXT_FIELDS)
    slug = str(spec.get("slug") or slugify(_first(texts.get("title")) or "umfrage"))
    if not SLUG_RE.match(slug):
        slug = slugify(slug)
    survey = Survey(
        slug=unique_slug(session, slug),
        kind=SurveyKind(kind),
        status=SurveyStatus.DRAFT,
        languages=[str(code) for code in languages],
        default_language=str(default),
        texts=texts,
        anonymous=check.type_of(spec.get("anonymous"), (bool,), "survey.anonymous", True),
        min_cell=check.whole_number(spec.get("min_cell"), "survey.min_cell", 5, 2, 100),
        public_results=check.type_of(
            spec.get("public_results"), (bool,), "survey.public_results", False
        ),
        estimated_minutes=check.whole_number(
            spec.get("estimated_minutes"), "survey.estimated_minutes", None, 1, 240
        ),
        created_by_id=user_id,
    )
    questions = check.type_of(spec.get("questions"), (list,), "survey.questions", [])
    needs = dict(session.execute(select(NeedCategory.key, NeedCategory.id)).all())
    seen: set[str] = set()
    for position, item in enumerate(questions):
        question = _read_question(item, f"survey.questions[{position}]", check, needs, seen)
        if question is not None:
            question.position = position
            survey.questions.append(question)
    for question in survey.questions:
        for error in condition_errors(survey.questions, question):
            check.add(f"survey.questions[{question.position}] “{question.key}”.condition", error)
    return survey


def _first(per_lang: Any) -> str:
    return next(iter(per_lang.values()), "") if isinstance(per_lang, dict) and per_lang else ""


def _read_question(
    item: Any, place: str, check: _Checker, needs: dict[str, int], seen: set[str]
) -> Question | None:
    if not isinstance(item, dict):
        check.add(place, _l("A question must be an object."))
        return None
    key = item.get("key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        check.add(f"{place}.key", _l("The key is missing or not valid."))
        key = f"invalid_{len(seen)}"
    elif key in seen:
        check.add(f"{place}.key", _l("The key “%(key)s” is used twice.", key=key))
    else:
        place = f"{place} “{key}”"
    seen.add(key)
    type_ = item.get("type")
    if not isinstance(type_, str) or type_ not in REGISTRY:
        check.add(f"{place}.type", _l("“%(type)s” is not a known question type.", type=type_))
        type_ = "note"
    condition = check.type_of(item.get("condition"), (dict,), f"{place}.condition", None)
    question = Question(
        key=key,
        type=type_,
        page=check.whole_number(item.get("page"), f"{place}.page", None, 1, 5000),
        required=check.type_of(item.get("required"), (bool,), f"{place}.required", False),
        condition=condition,
        settings=check.type_of(item.get("settings"), (dict,), f"{place}.settings", {}),
        texts=check.texts(item.get("texts"), f"{place}.texts", QUESTION_TEXT_FIELDS),
        need_category_id=_need(item.get("need_category"), needs, f"{place}.need_category", check),
    )
    if condition is not None and not _condition_shape(condition):
        check.add(f"{place}.condition", _l("A condition needs a list of rules."))
        question.condition = None
    choices = check.type_of(item.get("choices"), (list,), f"{place}.choices", [])
    if choices and not REGISTRY[type_].has_choices:
        check.add(f"{place}.choices", _l("This type of question has no answers to choose."))
    keys: set[str] = set()
    for cpos, raw in enumerate(choices):
        choice = _read_choice(raw, f"{place}.choices[{cpos}]", check, needs, keys)
        if choice is not None:
            choice.position = cpos
            question.choices.append(choice)
    return question


def _condition_shape(condition: dict) -> bool:
    """{"mode": "any"|"all", "rules": [{"question": str, "values": [str, …]}, …]} in shape;
    what the rules mean is checked by condition_errors."""
    rules = condition.get("rules")
    return (
        isinstance(condition.get("mode", "any"), str)
        and isinstance(rules, list)
        and all(
            isinstance(rule, dict)
            and isinstance(rule.get("question"), str)
            and isinstance(rule.get("values"), list)
            and all(isinstance(value, str) for value in rule["values"])
            for rule in rules
        )
    )


def _read_choice(
    raw: Any, place: str, check: _Checker, needs: dict[str, int], keys: set[str]
) -> Choice | None:
    if not isinstance(raw, dict):
        check.add(place, _l("An answer must be an object."))
        return None
    key = raw.get("key")
    if not isinstance(key, str) or not CHOICE_KEY_RE.match(key):
        check.add(f"{place}.key", _l("The key is missing or not valid."))
    elif key in keys:
        check.add(f"{place}.key", _l("The key “%(key)s” is used twice.", key=key))
    keys.add(str(key))
    weight = check.type_of(raw.get("weight"), (int, float), f"{place}.weight", 1.0)
    if not 0 <= weight <= 100:
        check.add(f"{place}.weight", _l("The weight must be between 0 and 100."))
    kind = raw.get("observation_kind")
    if not isinstance(kind, str | None) or kind not in OBSERVATION_KINDS:
        check.add(f"{place}.observation_kind", _l("This value has the wrong type."))
        kind = None
    return Choice(
        key=str(key),
        texts=check.texts(raw.get("texts"), f"{place}.texts", CHOICE_TEXT_FIELDS),
        need_category_id=_need(raw.get("need_category"), needs, f"{place}.need_category", check),
        weight=float(weight) if 0 <= weight <= 100 else 1.0,  # float(10**400) overflows
        exclusive=check.type_of(raw.get("exclusive"), (bool,), f"{place}.exclusive", False),
        observation_kind=kind,
    )


def _need(key: Any, needs: dict[str, int], place: str, check: _Checker) -> int | None:
    if key is None:
        return None
    if not isinstance(key, str) or key not in needs:
        check.add(place, _l("There is no need category “%(key)s”.", key=key))
        return None
    return needs[key]
