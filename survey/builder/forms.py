"""Forms of the builder. Texts per language are plain form fields (see views_texts.py)."""

from __future__ import annotations

from flask import current_app
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import BaseForm
from ..i18n import language_name
from ..i18n import lazy_gettext as _l
from ..questions import REGISTRY


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def language_choices(extra: list[str] | None = None) -> list[SelectChoice]:
    codes = list(dict.fromkeys([*current_app.config["LANGUAGES"], *(extra or [])]))
    return [SelectChoice(code, language_name(code)) for code in codes]


class NewSurveyForm(BaseForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title")), Length(max=200)]
    )
    kind = RadioField(
        _l("What do you want to build?"),
        choices=[
            SelectChoice("questionnaire", _l("A survey for residents")),
            SelectChoice(
                "walk_protocol", _l("A walk protocol: the checklist for neighbourhood walks")
            ),
        ],
        default="questionnaire",
    )
    language = SelectField(_l("First language"))
    slug = StringField(_l("Web address (optional)"), validators=[Optional(), Length(max=80)])


class TemplateForm(BaseForm):
    template = RadioField(
        _l("Template"), validators=[InputRequired(_l("Choose a template"))], choices=[]
    )


class ImportForm(BaseForm):
    file = FileField(_l("Survey file (.json or .xlsx)"))


class SettingsForm(BaseForm):
    slug = StringField(
        _l("Web address"), validators=[DataRequired(_l("Enter a web address")), Length(max=80)]
    )
    languages = MultiCheckboxField(_l("Languages of the survey"))
    default_language = SelectField(_l("Main language"))
    anonymous = BooleanField(_l("Anonymous: do not record who answers"))
    public_results = BooleanField(_l("Show the results to the public in plain language"))
    min_cell = IntegerField(
        _l("Smallest group shown in results"),
        validators=[
            InputRequired(_l("Enter a number")),
            NumberRange(2, 100, _l("Enter a number between 2 and 100")),
        ],
    )
    estimated_minutes = IntegerField(
        _l("Minutes it takes to answer (optional)"),
        validators=[Optional(), NumberRange(1, 240, _l("Enter a number between 1 and 240"))],
    )


class AddQuestionForm(BaseForm):
    type = SelectField(
        _l("Type of question"),
        choices=[SelectChoice(key, t.label) for key, t in REGISTRY.items()],
        validators=[DataRequired(_l("Choose a question type"))],
    )
    label = TextAreaField(
        _l("Question text"), validators=[DataRequired(_l("Enter the question text"))]
    )
    key = StringField(_l("Key (optional)"), validators=[Optional(), Length(max=64)])


class QuestionForm(BaseForm):
    key = StringField(_l("Key"), validators=[DataRequired(_l("Enter a key")), Length(max=64)])
    required = BooleanField(_l("An answer is required"))
    min = IntegerField(_l("Smallest number allowed"), validators=[Optional()])
    max = IntegerField(_l("Largest number allowed"), validators=[Optional()])
    max_length = IntegerField(
        _l("Most characters allowed"),
        validators=[Optional(), NumberRange(1, 5000, _l("Enter a number between 1 and 5000"))],
    )
    allow_dont_know = BooleanField(_l("Offer “I don't know”"))
    allow_prefer_not = BooleanField(_l("Offer “I prefer not to say”"))
    allow_none = BooleanField(_l("Offer “None of these”"))
    is_group = BooleanField(_l("Use this question to compare groups in the results"))
    pictogram = SelectField(_l("Picture"))
    need_category = SelectField(_l("Need category"))


class AddChoiceForm(BaseForm):
    label = StringField(_l("Answer text"), validators=[DataRequired(_l("Enter the answer text"))])
    key = StringField(_l("Key (optional)"), validators=[Optional(), Length(max=64)])


class ChoiceForm(BaseForm):
    key = StringField(_l("Key"), validators=[DataRequired(_l("Enter a key")), Length(max=64)])
    need_category = SelectField(_l("Need category"))
    weight = StringField(_l("Weight"))
    exclusive = BooleanField(_l("Cannot be combined with other answers"))
    observation_kind = SelectField(
        _l("Kind of observation"),
        choices=[
            SelectChoice("", _l("Barrier")),
            SelectChoice("good_place", _l("Good place")),
            SelectChoice("idea", _l("Idea")),
        ],
    )
    pictogram = SelectField(_l("Picture"))
