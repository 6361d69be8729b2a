"""Shared form base: translated built-in messages, and a CSRF-only form for buttons."""

from __future__ import annotations

from flask_wtf import FlaskForm

from .i18n import WTFormsTranslations


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return WTFormsTranslations()


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
