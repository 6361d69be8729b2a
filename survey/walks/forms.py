"""Forms for planning a walk and logging an observation."""

from __future__ import annotations

from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..forms import BaseForm
from ..i18n import lazy_gettext as _l
from ..services.walks import MAX_GROUP_COUNT, PARTICIPANT_GROUPS
from .labels import GROUPS, KINDS

DATE_MESSAGE = _l("Enter the date of the walk, for example 14.05.2027")


class WalkForm(BaseForm):
    title = StringField(
        _l("Name of the walk"),
        validators=[
            DataRequired(_l("Enter a name for the walk")),
            Length(max=200, message=_l("The name must be 200 characters or fewer")),
        ],
    )
    protocol_id = SelectField(_l("Walk protocol"), coerce=int)
    area_id = SelectField(_l("Area"), coerce=int)
    leader_id = SelectField(_l("Walk leader"), coerce=int)
    walk_date = DateField(
        _l("Date of the walk"),
        format=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],  # the date picker, or typed the German way
        validators=[InputRequired(DATE_MESSAGE)],
    )
    meeting_point = StringField(
        _l("Meeting point"),
        validators=[
            Length(max=300, message=_l("The meeting point must be 300 characters or fewer"))
        ],
    )
    route = TextAreaField(
        _l("Route"),
        validators=[Length(max=5000, message=_l("The route must be 5,000 characters or fewer"))],
    )
    use_location = RadioField(
        _l("Record the phone's location with each observation?"),
        choices=[SelectChoice("1", _l("Yes")), SelectChoice("0", _l("No"))],
        default="0",
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.walk_date.errors:  # one clear message instead of "Not a valid date value"
            self.walk_date.errors = [str(DATE_MESSAGE)]
        return valid

    def participant_fields(self):
        return [self[f"group_{key}"] for key in PARTICIPANT_GROUPS]

    def participants(self) -> dict[str, int]:
        return {key: self[f"group_{key}"].data or 0 for key in PARTICIPANT_GROUPS}


for _key in PARTICIPANT_GROUPS:
    setattr(
        WalkForm,
        f"group_{_key}",
        IntegerField(
            GROUPS[_key],
            validators=[
                Optional(),
                NumberRange(0, MAX_GROUP_COUNT, message=_l("Enter a number between 0 and 500")),
            ],
        ),
    )


class ObservationForm(BaseForm):
    """Rendering only: the rules live in services.observations.parse_observation (form and API)."""

    client_uuid = HiddenField()
    observed_at = HiddenField()
    category = RadioField(_l("What did you find?"), choices=[], validate_choice=False)
    kind = RadioField(
        _l("Kind"),
        choices=[SelectChoice(k, v) for k, v in KINDS.items()],
        default="barrier",
        validate_choice=False,
    )
    severity = RadioField(_l("How much does it hinder?"), choices=[], validate_choice=False)
    note = TextAreaField(_l("Note"))
    quote = TextAreaField(_l("Quote from a participant (optional)"))
    place_name = StringField(_l("Place or stop"))
    latitude = StringField(_l("Latitude"))
    longitude = StringField(_l("Longitude"))
    accuracy_m = StringField(_l("Accuracy in metres"))
    photos = MultipleFileField(_l("Photos (optional)"))
    alt_text = StringField(_l("What the photo shows (for people who cannot see it)"))
