"""Staff accounts: create, authenticate, change passwords (argon2id)."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Role, User
from ..models.base import utcnow

MIN_PASSWORD_LENGTH = 12


class UserExists(Exception):
    """An account with this e-mail address already exists."""


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
    """Add a staff account; refuses a second account with the same e-mail."""
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
    user.password_hash = hasher.hash(password)


_DUMMY: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    params = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if params not in _DUMMY:
        _DUMMY[params] = hasher.hash("not a real password, only for equal timing")
    return _DUMMY[params]
