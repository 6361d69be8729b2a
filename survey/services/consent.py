"""Consent texts by version: what each resident agreed to stays readable after an edit.

A response stores `consent_version`, the survey's version of its consent text at the moment
the resident ticked "I agree". Once a survey has been published, residents may have agreed to
its consent text; changing that text (in any language, standard or easy-read) then starts a
new version, and the texts of the earlier version are kept under
`survey.texts["consent_versions"][str(version)]`. A draft's consent text changes freely: nobody
can have agreed to it yet.

No Flask here; the caller commits.
"""

from __future__ import annotations

import copy
from typing import Any

from ..models import Survey, SurveyStatus

CONSENT_FIELDS = ("consent", "consent_easy")
HISTORY = "consent_versions"


def _consent_texts(texts: dict[str, Any] | None) -> dict[str, Any]:
    """The consent texts of a texts dict, per field and language (absent fields left out)."""
    texts = texts or {}
    return {field: copy.deepcopy(texts[field]) for field in CONSENT_FIELDS if texts.get(field)}


def set_survey_texts(survey: Survey, texts: dict[str, Any]) -> bool:
    """Store the survey's new texts; True when that started a new consent version."""
    new_texts = copy.deepcopy(texts)
    old_consent = _consent_texts(survey.texts)
    changed = old_consent != _consent_texts(new_texts)
    versioned = changed and survey.status is not SurveyStatus.DRAFT
    if versioned:
        history = new_texts.setdefault(HISTORY, {})
        history[str(survey.consent_version)] = old_consent
        survey.consent_version = (survey.consent_version or 1) + 1
    survey.texts = new_texts
    return versioned


def consent_texts(survey: Survey, version: int | None) -> dict[str, Any]:
    """The consent texts residents saw in `version` ({} when no text was written then: the
    start page showed the built-in sentence). The current version reads the current texts."""
    if version is None or version == survey.consent_version:
        return _consent_texts(survey.texts)
    return copy.deepcopy(((survey.texts or {}).get(HISTORY) or {}).get(str(version), {}))
