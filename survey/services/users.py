"""Staff accounts: create, authenticate, change passwords (argon2id)."""

from __future__ import annotations

import re
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Role, User
from ..models.base import utcnow

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
MAX_EMAIL_LENGTH = 254  # the column's size; RFC 5321's limit for a whole address
MAX_NAME_LENGTH = 120
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class UserExists(Exception):
    """An account with this e-mail address already exists."""


class InvalidAccount(ValueError):
    """An e-mail address, name or password that cannot be stored; `field` names which.

    The web forms check the same rules with translated messages first; this guards every
    other way in (the command line), so nothing unusable is ever stored."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InvalidAccount(
            "password",
            f"The password must be between {MIN_PASSWORD_LENGTH} and {MAX_PASSWORD_LENGTH} "
            "characters long.",
        )


def check_account(email: str, name: str, password: str) -> None:
    """Raise InvalidAccount for the first value that is not right."""
    address = normalise_email(email)
    if not EMAIL_SHAPE.fullmatch(address):
        raise InvalidAccount(
            "email", f"{email!r} is not an email address (it should look like name@example.org)."
        )
    if len(address) > MAX_EMAIL_LENGTH:
        raise InvalidAccount(
            "email", f"The email address must be {MAX_EMAIL_LENGTH} characters or fewer."
        )
    if not name.strip():
        raise InvalidAccount("name", "The name must not be empty.")
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise InvalidAccount("name", f"The name must be {MAX_NAME_LENGTH} characters or fewer.")
    check_password(password)


def make_hasher(params: dict[str, Any]) -> PasswordHasher:
    return PasswordHasher(**params)  # argon2id is argon2-cffi's default type


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def create_user(
    session: Session,
    hasher: PasswordHasher,
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
) -> User:
    """Add a staff account; refuses a second account with the same e-mail (UserExists) and
    values that cannot be stored (InvalidAccount)."""
    check_account(email, name, password)
    if find_by_email(session, email) is not None:
        raise UserExists(email)
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hasher.hash(password),
        role=role,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, hasher: PasswordHasher, email: str, password: str
) -> User | None:
    """The active user with this e-mail and password, or None (same work either way)."""
    user = find_by_email(session, email)
    # verify against a dummy hash when there is no user, so timing does not tell who exists
    stored = user.password_hash if user is not None else _dummy_hash(hasher)
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login_at = utcnow()
    return user


def set_password(hasher: PasswordHasher, user: User, password: str) -> None:
    """Give `user` a new password and end their login sessions made before (the session
    version counts up; the caller logs the current session in again if it is theirs)."""
    check_password(password)
    user.password_hash = hasher.hash(password)
    user.session_version = (user.session_version or 0) + 1


_DUMMY: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    params = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if params not in _DUMMY:
        _DUMMY[params] = hasher.hash("not a real password, only for equal timing")
    return _DUMMY[params]
