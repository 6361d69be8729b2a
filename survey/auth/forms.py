"""Forms for login, passwords and staff accounts."""

from __future__ import annotations

from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from ..forms import BaseForm
from ..i18n import lazy_gettext as _l
from ..services.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class LoginForm(BaseForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address"))],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password"))],
        render_kw={"autocomplete": "current-password"},
    )


def _new_password_field(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Enter a password")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l(
                    "The password must be between %(min)d and %(max)d characters long",
                    min=MIN_PASSWORD_LENGTH,
                    max=MAX_PASSWORD_LENGTH,
                ),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def _confirm_field():
    return PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(_l("Repeat the new password")),
            EqualTo("new", message=_l("The two new passwords are not the same")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class UserForm(BaseForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Enter the person's name")),
            Length(max=120, message=_l("The name must be 120 characters or fewer")),
        ],
        render_kw={"autocomplete": "off"},
    )
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Enter an email address")),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message=_l("Enter an email address in the correct format, like name@example.org"),
            ),
            Length(max=254, message=_l("The email address must be 254 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice("walk_leader", _l("Walk leader")),
            SelectChoice("coordinator", _l("Coordinator")),
        ],
        default="walk_leader",
        validators=[DataRequired(_l("Choose a role"))],
    )
    password = _new_password_field(_l("First password"))


class PasswordForm(BaseForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password"))],
        render_kw={"autocomplete": "current-password"},
    )
    new = _new_password_field(_l("New password"))
    confirm = _confirm_field()


class SetPasswordForm(BaseForm):
    """A coordinator sets a new password for a team member."""

    new = _new_password_field(_l("New password"))
    confirm = _confirm_field()
