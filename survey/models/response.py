"""Responses and their answers: a long, narrow table built for GROUP BY."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, created, enum_column, intpk, uuid_str


class Channel(enum.Enum):
    WEB = "web"
    PAPER = "paper"
    WALK = "walk"


class ResponseStatus(enum.Enum):
    PARTIAL = "partial"
    COMPLETE = "complete"


class Response(Base):
    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("survey_id", "client_uuid"),
        Index("ix_response_survey_status_round", "survey_id", "status", "round"),
        # paper entry shows how many paper responses a survey has after every saved one
        Index("ix_response_survey_channel", "survey_id", "channel"),
    )

    id: Mapped[intpk]
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    client_uuid: Mapped[uuid_str]
    round: Mapped[int] = mapped_column(Integer, default=1)
    language: Mapped[str] = mapped_column(String(12))
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), default=Channel.WEB)
    status: Mapped[ResponseStatus] = mapped_column(
        enum_column(ResponseStatus), default=ResponseStatus.PARTIAL
    )
    consent_version: Mapped[int | None] = mapped_column(Integer)
    # hash of the short resume code; the code itself is only shown to the resident
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # coarsened to the day when the survey is anonymous
    started_at: Mapped[created]
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Base):
    """One chosen choice, number, date or text of one response to one question."""

    __tablename__ = "answer"
    __table_args__ = (
        # covering index for counts per choice, the numbers of rating points, ranks and number
        # answers in order, and the responses that chose a choice (filters, need profile)
        Index(
            "ix_answer_question_choice_value_response",
            "question_id",
            "choice_id",
            "value_number",
            "response_id",
        ),
        # covering index for joining an answer to the same response's area or group answer
        Index("ix_answer_response_question_choice", "response_id", "question_id", "choice_id"),
    )

    id: Mapped[intpk]
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    choice_id: Mapped[int | None] = mapped_column(ForeignKey("choice.id", ondelete="CASCADE"))
    value_number: Mapped[float | None] = mapped_column(Float)  # numbers, rating points, ranks
    value_text: Mapped[str | None] = mapped_column(Text)
    value_date: Mapped[date | None] = mapped_column(Date)
    # free texts are never public unless a coordinator releases them one by one
    released: Mapped[bool] = mapped_column(Boolean, default=False)

    response: Mapped[Response] = relationship(back_populates="answers")


class TextCode(Base):
    """Qualitative coding: a coordinator assigns a free-text answer to need categories."""

    __tablename__ = "text_code"
    __table_args__ = (UniqueConstraint("answer_id", "need_category_id"),)

    id: Mapped[intpk]
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    need_category_id: Mapped[int] = mapped_column(
        ForeignKey("need_category.id", ondelete="CASCADE"), index=True
    )
    coded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[created]


class AnswerTally(Base):
    """Running counts of the complete responses' answers, kept in the transaction that
    completes a response (services/tallies.py), so the results read a few hundred rows
    instead of a million answers.

    One row per (survey, round, channel, area answer, question, choice) with how often the
    choice was chosen. Zero stands for "none": area_question_id/area_choice_id 0 when the
    survey had no area question or the response gave no area; question_id and choice_id 0
    count the complete responses themselves. Complete
    responses never change and questions or choices with answers cannot be deleted, so the
    counts only ever grow; results check them against the responses before trusting them.
    """

    __tablename__ = "answer_tally"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("survey.id", ondelete="CASCADE"), primary_key=True
    )
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(12), primary_key=True)
    area_question_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_choice_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    choice_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
    # value_number (rating points, ranks) of the counted answers: their sum and how many had
    # one, for means
    value_sum: Mapped[float] = mapped_column(Float, default=0.0)
    value_n: Mapped[int] = mapped_column(Integer, default=0)
