"""Staff accounts: coordinators and walk leaders."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, created, enum_column, intpk


class Role(enum.Enum):
    COORDINATOR = "coordinator"
    WALK_LEADER = "walk_leader"


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[intpk]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[created]
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # counted up whenever the password is set: login sessions made before are refused
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """What the login session stores: the id and the session version ("7:2")."""
        return f"{self.id}:{self.session_version or 0}"

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR
