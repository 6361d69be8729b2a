"""Surveys as a whole: create, settings, texts, duplicate, archive, lifecycle, completeness.

Question and choice edits live in `survey_questions.py`. Functions flush; the caller commits.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import known_locale
from ..i18n import lazy_gettext as _l
from ..models import Choice, Question, Survey, SurveyKind, SurveyStatus

SURVEY_FIELDS = ["title", "intro", "consent", "thanks", "who_asks", "results_note"]
QUESTION_FIELDS = ["label", "hint"]
TEXT_MAX = 5000  # characters per stored text; 10 MB of text is refused, not stored
# \Z, not $: "$" also matches before a trailing newline, and "key\n" must not pass
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?\Z")
KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}\Z")
CHOICE_KEY_RE = re.compile(r"^[A-Za-z0-9_]{1,64}\Z")  # choices may start with a digit: "1", "18_29"


class BuilderError(ValueError):
    """An edit that cannot be made; `message` explains it, `field` names the place."""

    def __init__(self, message: Any, field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


# --- texts ---------------------------------------------------------------------------------


def with_text(texts: dict[str, Any] | None, field: str, lang: str, value: str) -> dict[str, Any]:
    """A copy of `texts` with one text set (or removed when empty); JSON columns need a copy."""
    result = copy.deepcopy(texts or {})
    value = (value or "").replace("\r\n", "\n").strip()
    problem = text_problem(value)
    if problem is not None:
        raise BuilderError(problem, field)
    per_lang = result.setdefault(field, {})
    if value:
        per_lang[lang] = value
    else:
        per_lang.pop(lang, None)
    if not per_lang:
        result.pop(field)
    return result


HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")


def text_problem(value: Any) -> Any | None:
    """Why a stored text is not acceptable (None when it is)."""
    if not isinstance(value, str):
        return _l("A text must be written as text.")
    if len(value) > TEXT_MAX:
        return _l("A text can have at most %(max)s characters.", max=TEXT_MAX)
    if HTML_TAG.search(value):
        return _l("Texts cannot contain HTML tags such as <script>. Write plain text.")
    if "\x00" in value:
        return _l("The text contains a character that is not allowed.")
    return None


def valid_language(code: str) -> bool:
    return known_locale(code) is not None


def slugify(text: str) -> str:
    """A URL-safe slug from a title: lower case ASCII, words joined by hyphens."""
    text = text.replace("ß", "ss")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "umfrage"


def unique_slug(session: Session, base: str) -> str:
    taken = set(session.scalars(select(Survey.slug).where(Survey.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_survey(session: Session, slug: str) -> Survey | None:
    return session.scalar(select(Survey).where(Survey.slug == slug))


# --- create, settings, duplicate, archive ---------------------------------------------------


def create_survey(
    session: Session,
    *,
    title: str,
    language: str = "de",
    kind: SurveyKind = SurveyKind.QUESTIONNAIRE,
    slug: str = "",
    created_by_id: int | None = None,
) -> Survey:
    """A new draft survey with a title in its first language."""
    slug = slug.strip().lower()
    if slug:
        check_slug(session, slug)
    survey = Survey(
        slug=slug or unique_slug(session, slugify(title)),
        kind=kind,
        status=SurveyStatus.DRAFT,
        languages=[language],
        default_language=language,
        texts=with_text({}, "title", language, title),
        created_by_id=created_by_id,
    )
    if kind is SurveyKind.WALK_PROTOCOL:
        from .question_defaults import walk_checklist

        survey.questions.append(walk_checklist(language))
    session.add(survey)
    session.flush()
    return survey


def check_slug(session: Session, slug: str, survey: Survey | None = None) -> None:
    if not SLUG_RE.match(slug):
        raise BuilderError(
            _l("The web address may only use small letters a–z, digits and hyphens."), "slug"
        )
    other = find_survey(session, slug)
    if other is not None and other is not survey:
        raise BuilderError(_l("Another survey already uses this web address."), "slug")


def update_settings(session: Session, survey: Survey, **values: Any) -> None:
    """Change slug, languages, default language and privacy settings."""
    languages = [code for code in values.pop("languages") if code]
    default = values.pop("default_language")
    if not languages:
        raise BuilderError(_l("Choose at least one language."), "languages")
    if default not in languages:
        raise BuilderError(
            _l("The main language must be one of the survey's languages."), "default_language"
        )
    slug = values.pop("slug").strip().lower()
    if slug != survey.slug:
        if survey.status is not SurveyStatus.DRAFT:
            raise BuilderError(
                _l("The web address cannot change once the survey has been published."), "slug"
            )
        check_slug(session, slug, survey)
        survey.slug = slug
    wanted = list(dict.fromkeys([default, *languages]))
    if survey.status is SurveyStatus.OPEN:
        _check_new_languages(survey, [code for code in wanted if code not in survey.languages])
    survey.languages = wanted
    survey.default_language = default
    for name, value in values.items():
        setattr(survey, name, value)
    session.flush()


def _check_new_languages(survey: Survey, added: list[str]) -> None:
    """Residents see an open survey's languages at once: a language joins only with all its
    texts; otherwise the coordinator closes the survey, adds and translates, and reopens."""
    from .survey_completeness import text_slots, ui_language_name

    slots = text_slots(survey)
    main = survey.default_language
    missing = [
        code
        for code in added
        if any(slot.needed_in(code, main) and not slot.has(code) for slot in slots)
    ]
    if missing:
        raise BuilderError(
            _l(
                "%(languages)s cannot be added while the survey is open, because its texts are missing there. Close the survey, add the language and its texts, then reopen it.",
                languages=", ".join(ui_language_name(code) for code in missing),
            ),
            "languages",
        )


def duplicate_survey(session: Session, survey: Survey, created_by_id: int | None) -> Survey:
    """A draft copy with all questions, choices, conditions and texts."""
    copy_ = Survey(
        slug=unique_slug(session, f"{survey.slug[:70]}-kopie"),
        kind=survey.kind,
        status=SurveyStatus.DRAFT,
        languages=list(survey.languages),
        default_language=survey.default_language,
        texts=copy.deepcopy(survey.texts),
        anonymous=survey.anonymous,
        min_cell=survey.min_cell,
        public_results=False,
        estimated_minutes=survey.estimated_minutes,
        created_by_id=created_by_id,
    )
    for question in survey.questions:
        clone = Question(
            key=question.key,
            type=question.type,
            position=question.position,
            page=question.page,
            required=question.required,
            condition=copy.deepcopy(question.condition),
            settings=copy.deepcopy(question.settings),
            texts=copy.deepcopy(question.texts),
            need_category_id=question.need_category_id,
        )
        for choice in question.choices:
            clone.choices.append(clone_choice(choice))
        copy_.questions.append(clone)
    session.add(copy_)
    session.flush()
    return copy_


def clone_choice(choice: Choice) -> Choice:
    return Choice(
        key=choice.key,
        position=choice.position,
        texts=copy.deepcopy(choice.texts),
        need_category_id=choice.need_category_id,
        weight=choice.weight,
        exclusive=choice.exclusive,
        observation_kind=choice.observation_kind,
    )


def set_archived(session: Session, survey: Survey, archived: bool) -> None:
    """Archive (hide from the list; an open survey is closed first) or bring back."""
    if archived and survey.status is SurveyStatus.OPEN:
        survey.close()
    survey.archived = archived
    session.flush()


# --- lifecycle ----------------------------------------------------------------------------


class PublishRefused(Exception):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__("survey cannot be published")
        self.problems = problems


def publish_survey(session: Session, survey: Survey) -> None:
    """Open a draft or reopen a closed survey, once nothing required is missing."""
    from .survey_completeness import publish_problems  # it reads this module's field lists

    if survey.archived:
        raise PublishRefused([_l("An archived survey cannot be published. Bring it back first.")])
    problems = publish_problems(survey)
    if problems:
        raise PublishRefused(problems)
    survey.publish()  # raises IllegalTransition for an open survey
    session.flush()


def close_survey(session: Session, survey: Survey) -> None:
    survey.close()
    session.flush()


def bump_version(survey: Survey) -> None:
    """A structural change to a survey that has been published gets a new version number."""
    if survey.opened_at is not None:
        survey.version = (survey.version or 1) + 1
