"""The messages WTForms and Flask-WTF write themselves, listed so that they are extracted into
messages.pot and translated like every other string.

`forms.BaseForm` hands WTForms our catalogs, so a built-in validator ("This field is required.")
shows the translation from `translations/`. The msgids must stay exactly as WTForms writes
them; `tests/test_catalogs.py` checks them against the installed WTForms. Messages residents can
meet on survey pages are marked "resident" and get an easy-read version as well. Nothing here is
called at run time.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Marks a string for extraction; WTForms looks it up itself."""
    return message


def ngettext(singular: str, plural: str, n: int) -> tuple[str, str]:
    return singular, plural


BUILT_IN = [
    # Translators: resident
    _("This field is required."),
    # Translators: resident
    _("Not a valid choice."),
    # Translators: resident
    _("Invalid Choice: could not coerce."),
    # Translators: resident
    _("Invalid choice(s): one or more data inputs could not be coerced."),
    # Translators: resident
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    ),
    # Translators: resident
    _("Not a valid integer value."),
    # Translators: resident
    _("Not a valid decimal value."),
    # Translators: resident
    _("Not a valid float value."),
    # Translators: resident
    _("Not a valid date value."),
    # Translators: resident
    _("Not a valid time value."),
    _("Not a valid datetime value."),
    # Translators: resident
    _("Number must be at least %(min)s."),
    # Translators: resident
    _("Number must be at most %(max)s."),
    # Translators: resident
    _("Number must be between %(min)s and %(max)s."),
    # Translators: resident
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    # Translators: resident
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    ),
    # Translators: resident
    _("Field must be between %(min)d and %(max)d characters long."),
    # Translators: resident
    _("Invalid input."),
    # Translators: resident
    _("Invalid value, must be one of: %(values)s."),
    _("Invalid email address."),
    _("Invalid URL."),
    _("Field must be equal to %(other_name)s."),
    _("File does not have an approved extension."),
    _("File does not have an approved extension: {extensions}"),
    _("Date must be at least %(min)s."),
    _("Date must be at most %(max)s."),
    _("Date must be between %(min)s and %(max)s."),
]
