"""Shared form base: translated built-in messages, and a CSRF-only form for buttons."""

from __future__ import annotations

from flask_wtf import FlaskForm

from .i18n import WTFormsTranslations
from .i18n import gettext as _


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return WTFormsTranslations()

    def validate(self, extra_validators=None) -> bool:
        """Field validation, plus: no NUL characters anywhere (PostgreSQL cannot store them,
        and no person types one; they come from broken pastes or attacks)."""
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and "\x00" in field.data:
                field.errors = [
                    *field.errors,
                    _(
                        "This text contains a character that is not allowed. Remove it and try again."
                    ),
                ]
                valid = False
        return valid


class ActionForm(BaseForm):
    """A form with nothing but its CSRF token, for buttons that change state."""


def error_list(form) -> list[tuple[str, str]]:
    """(field id, message) pairs in field order, for the error summary."""
    if form is None or not getattr(form, "errors", None):
        return []
    pairs = []
    for field in form:
        for message in field.errors:
            pairs.append((field.id, str(message)))
    for message in form.form_errors:
        pairs.append(("", str(message)))
    return pairs
