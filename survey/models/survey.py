"""Surveys and walk protocols, their questions and choices."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from .base import Base, UTCDateTime, created, enum_column, intpk, texts_json, utcnow


class SurveyKind(enum.Enum):
    QUESTIONNAIRE = "questionnaire"
    WALK_PROTOCOL = "walk_protocol"


class SurveyStatus(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class IllegalTransition(Exception):
    """A lifecycle move that the survey's current status does not allow."""

    def __init__(self, current: SurveyStatus, wanted: SurveyStatus) -> None:
        super().__init__(f"cannot move from {current.value} to {wanted.value}")
        self.current = current
        self.wanted = wanted


_ALLOWED = {
    SurveyStatus.DRAFT: {SurveyStatus.OPEN},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: {SurveyStatus.OPEN},
}


class Survey(Base):
    __tablename__ = "survey"

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[SurveyKind] = mapped_column(enum_column(SurveyKind))
    status: Mapped[SurveyStatus] = mapped_column(
        enum_column(SurveyStatus), default=SurveyStatus.DRAFT
    )
    languages: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["de"])
    default_language: Mapped[str] = mapped_column(String(12), default="de")
    # "title", "intro", "consent", "thanks", "who_asks", "results_note" (+ "_easy")
    texts: Mapped[texts_json]
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    min_cell: Mapped[int] = mapped_column(Integer, default=5)
    public_results: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_version: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    round: Mapped[int] = mapped_column(Integer, default=1)
    estimated_minutes: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    questions: Mapped[list[Question]] = relationship(
        back_populates="survey",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )

    def _move(self, wanted: SurveyStatus) -> None:
        if wanted not in _ALLOWED[self.status]:
            raise IllegalTransition(self.status, wanted)
        self.status = wanted

    def publish(self) -> None:
        """Open a draft survey (or reopen a closed one) for answers."""
        self._move(SurveyStatus.OPEN)
        self.opened_at = utcnow()

    def close(self) -> None:
        self._move(SurveyStatus.CLOSED)
        self.closed_at = utcnow()

    @property
    def is_open(self) -> bool:
        return self.status is SurveyStatus.OPEN and not self.archived


class Question(Base):
    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("survey_id", "key"),)

    id: Mapped[intpk]
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # stable, language-neutral (XLSForm "name")
    type: Mapped[str] = mapped_column(String(32))  # key into survey.questions registry
    position: Mapped[int] = mapped_column(Integer, default=0)
    page: Mapped[int | None] = mapped_column(Integer)  # same page number = shown together
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # {"mode": "any"|"all", "rules": [{"question": key, "values": [choice keys]}]}
    condition: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # type-specific: min/max, scale points, allow_dont_know, is_group, max_length, ...
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    texts: Mapped[texts_json]  # "label", "hint", "pictogram" (+ "_easy")
    need_category_id: Mapped[int | None] = mapped_column(ForeignKey("need_category.id"))

    survey: Mapped[Survey] = relationship(back_populates="questions")
    choices: Mapped[list[Choice]] = relationship(
        back_populates="question",
        order_by="Choice.position",
        cascade="all, delete-orphan",
    )


class Choice(Base):
    __tablename__ = "choice"
    __table_args__ = (UniqueConstraint("question_id", "key"),)

    id: Mapped[intpk]
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    texts: Mapped[texts_json]  # "label", "pictogram" (+ "_easy")
    need_category_id: Mapped[int | None] = mapped_column(ForeignKey("need_category.id"))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    # "none of these" / "I don't know": cannot be combined with other choices
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    # a walk-protocol category that counts as a good place or an idea, not a barrier
    observation_kind: Mapped[str | None] = mapped_column(String(20))

    question: Mapped[Question] = relationship(back_populates="choices")


@event.listens_for(Session, "before_flush")
def _stamp_changed_surveys(session: Session, _context, _instances) -> None:
    """Any change to a survey, its questions or their choices moves survey.updated_at.

    Resident pages keep a survey's structure in memory and reload it when this stamp moves
    (survey/respond/structure.py), so every change must move it, also one that only touches
    a choice's label.
    """
    changed: set[int | None] = set()
    touched: list[Survey] = []
    dirty = [obj for obj in session.dirty if session.is_modified(obj)]
    for obj in (*session.new, *dirty, *session.deleted):
        if isinstance(obj, Survey):
            touched.append(obj)
        elif isinstance(obj, Question):
            changed.add(_survey_id_of(session, obj))
        elif isinstance(obj, Choice):
            question = session.get(Question, obj.question_id) if obj.question_id else obj.question
            changed.add(_survey_id_of(session, question) if question is not None else None)
    now = utcnow()
    for survey_id in changed - {None}:
        touched.append(session.get(Survey, survey_id))
    for survey in touched:
        if survey is not None and survey not in session.deleted:
            survey.updated_at = now


def _survey_id_of(session: Session, question: Question) -> int | None:
    if question.survey_id is not None:
        return question.survey_id
    return question.survey.id if question.survey is not None else None
