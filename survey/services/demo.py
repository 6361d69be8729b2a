"""Demo content for a newcomer's first `make run`: staff, need categories, areas and more."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from ..models import Role
from . import taxonomy, users, walk_demo

DEMO_PASSWORD = "mitsprache-demo"


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    email: str
    name: str


DEMO_USERS = [
    DemoLogin(Role.COORDINATOR, "koordination@example.org", "Sabine Krüger"),
    DemoLogin(Role.WALK_LEADER, "rundgang@example.org", "Murat Yılmaz"),
]


def seed_demo(session: Session, hasher: PasswordHasher) -> list[DemoLogin]:
    """Create whatever demo content is missing; safe to run again (keeps existing data)."""
    for login in DEMO_USERS:
        if users.find_by_email(session, login.email) is None:
            users.create_user(
                session,
                hasher,
                email=login.email,
                name=login.name,
                password=DEMO_PASSWORD,
                role=login.role,
            )
    taxonomy.seed_need_categories(session)
    taxonomy.seed_areas(session)
    leader = users.find_by_email(session, DEMO_USERS[1].email)
    if leader is not None:
        walk_demo.seed_demo_walks(session, leader)
    return DEMO_USERS
