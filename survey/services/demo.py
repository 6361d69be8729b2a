"""Demo content for a newcomer's first `make run`: staff, need categories, areas and more."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from ..models import Role
from . import demo_photo, demo_responses, taxonomy, users, walk_demo
from .storage import Storage

DEMO_PASSWORD = "mitsprache-demo"
DEMO_SURVEY_SLUG = "bedarfserhebung-2026"


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    email: str
    name: str


DEMO_USERS = [
    DemoLogin(Role.COORDINATOR, "koordination@example.org", "Sabine Krüger"),
    DemoLogin(Role.WALK_LEADER, "rundgang@example.org", "Murat Yılmaz"),
]


def seed_demo(
    session: Session, hasher: PasswordHasher, photo_storage: Storage | None = None
) -> list[DemoLogin]:
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
        if photo_storage is not None:
            demo_photo.seed_demo_photo(session, photo_storage)
    seed_needs_survey(session)
    # last: answers for the demo survey only, never for a network's own surveys
    demo_responses.seed_demo_responses(session, [DEMO_SURVEY_SLUG])
    return DEMO_USERS


def seed_needs_survey(session: Session) -> None:
    """The ready needs survey, open and with public results, once (slug bedarfserhebung-2026)."""
    from .surveys import find_survey, publish_survey
    from .templates_de import create_needs_survey

    if find_survey(session, DEMO_SURVEY_SLUG) is not None:
        return
    survey = create_needs_survey(session, slug=DEMO_SURVEY_SLUG)
    survey.public_results = True
    publish_survey(session, survey)
