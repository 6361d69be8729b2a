"""Translated words for walk groups, kinds, severities and the messages of bad input."""

from __future__ import annotations

from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..services.photos import PhotoRejected

GROUPS = {
    "wheelchair_user": _l("Wheelchair users"),
    "walking_aid": _l("People with a walking aid or rollator"),
    "blind": _l("Blind or partially sighted people"),
    "deaf": _l("Deaf or hard of hearing people"),
    "learning_difficulty": _l("People with learning difficulties"),
    "senior": _l("Older people"),
    "pram": _l("Parents with prams"),
    "children": _l("Children and young people"),
    "language": _l("People who speak little German"),
    "resident": _l("Other residents"),
}

KINDS = {
    "barrier": _l("Barrier"),
    "good_place": _l("Good place"),
    "idea": _l("Idea"),
}

SEVERITIES = {
    1: _l("Minor"),
    2: _l("Hinders"),
    3: _l("Blocks"),
}

SEVERITY_HINTS = {
    1: _l("Annoying, but people get past"),
    2: _l("Some people get past only with help or a detour"),
    3: _l("Some people cannot get past at all"),
}

OBSERVATION_ERRORS = {
    ("category", "required"): _l("Choose what you found"),
    ("category", "choice"): _l("Choose one of the categories of this walk"),
    ("kind", "choice"): _l("Choose barrier, good place or idea"),
    ("severity", "required"): _l("Choose how much the barrier hinders people"),
    ("severity", "choice"): _l("Choose minor, hinders or blocks"),
    ("note", "too_long"): _l("The note must be 2,000 characters or fewer"),
    ("quote", "too_long"): _l("The quote must be 1,000 characters or fewer"),
    ("place_name", "too_long"): _l("The place must be 300 characters or fewer"),
    ("alt_text", "too_long"): _l("The photo description must be 300 characters or fewer"),
    ("latitude", "number"): _l("Enter the latitude as a number, like 51.3127"),
    ("latitude", "range"): _l("The latitude must be between -90 and 90"),
    ("latitude", "required"): _l("Enter the latitude too, or leave both coordinates empty"),
    ("longitude", "number"): _l("Enter the longitude as a number, like 9.4797"),
    ("longitude", "range"): _l("The longitude must be between -180 and 180"),
    ("longitude", "required"): _l("Enter the longitude too, or leave both coordinates empty"),
    ("accuracy_m", "number"): _l("Enter the accuracy in metres as a number"),
    ("accuracy_m", "range"): _l("The accuracy must be between 0 and 100,000 metres"),
    ("client_uuid", "uuid"): _l("The observation has no valid identifier. Reload the page."),
}

PHOTO_ERRORS = {
    "empty": _l("The photo %(name)s is empty"),
    "too_big": _l("The photo %(name)s is too big. Choose one smaller than %(mb)s MB"),
    "type": _l("The file %(name)s is not a photo. Choose a JPEG, PNG, WebP or HEIC photo"),
    "too_many_pixels": _l("The photo %(name)s has too many pixels. Choose a smaller photo"),
    "broken": _l("The photo %(name)s could not be read. It may be damaged or incomplete"),
}

MAX_PHOTOS = 6


def observation_error(field: str, code: str) -> str:
    if code == "nul":
        return _("This text contains a character that is not allowed. Remove it and try again.")
    field = "alt_text" if field.startswith("alt-") else field  # an existing photo's
    return str(OBSERVATION_ERRORS.get((field, code), _l("Check this answer")))


def photo_error(error: PhotoRejected, name: str, max_bytes: int) -> str:
    message = PHOTO_ERRORS.get(error.reason, PHOTO_ERRORS["broken"])
    return str(message) % {"name": name or "?", "mb": max_bytes // 2**20}
