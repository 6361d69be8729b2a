"""Neighbourhood walks, the observations logged on them and their photos."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, created, enum_column, intpk, uuid_str


class WalkStatus(enum.Enum):
    PLANNED = "planned"
    CLOSED = "closed"


class ObservationKind(enum.Enum):
    BARRIER = "barrier"
    GOOD_PLACE = "good_place"
    IDEA = "idea"


class Walk(Base):
    __tablename__ = "walk"

    id: Mapped[intpk]
    uuid: Mapped[uuid_str] = mapped_column(unique=True)
    protocol_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    leader_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    walk_date: Mapped[date] = mapped_column(Date)
    meeting_point: Mapped[str] = mapped_column(String(300), default="")
    route: Mapped[str] = mapped_column(Text, default="")
    # who took part, as groups and counts, never names: {"wheelchair_user": 2, "senior": 4}
    participants: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # walk options chosen by the leader, e.g. {"use_location": true}
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[WalkStatus] = mapped_column(enum_column(WalkStatus), default=WalkStatus.PLANNED)
    created_at: Mapped[created]
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    observations: Mapped[list[Observation]] = relationship(
        back_populates="walk", cascade="all, delete-orphan", order_by="Observation.id"
    )

    @property
    def is_closed(self) -> bool:
        return self.status is WalkStatus.CLOSED

    @property
    def use_location(self) -> bool:
        return bool((self.settings or {}).get("use_location"))


class Observation(Base):
    __tablename__ = "observation"
    __table_args__ = (UniqueConstraint("walk_id", "client_uuid"),)

    id: Mapped[intpk]
    walk_id: Mapped[int] = mapped_column(ForeignKey("walk.id", ondelete="CASCADE"), index=True)
    client_uuid: Mapped[uuid_str]
    # sha256 of the submitted body: a replay of the same uuid with another body is refused
    body_hash: Mapped[str | None] = mapped_column(String(64))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("choice.id"))  # protocol checklist
    need_category_id: Mapped[int | None] = mapped_column(ForeignKey("need_category.id"))
    kind: Mapped[ObservationKind] = mapped_column(
        enum_column(ObservationKind), default=ObservationKind.BARRIER
    )
    severity: Mapped[int | None] = mapped_column(Integer)  # 1 minor, 2 hinders, 3 blocks
    note: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    place_name: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    observed_at: Mapped[created]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    walk: Mapped[Walk] = relationship(back_populates="observations")
    photos: Mapped[list[Photo]] = relationship(
        back_populates="observation", cascade="all, delete-orphan", order_by="Photo.id"
    )


class Photo(Base):
    """A re-encoded photo without metadata, stored outside static/ under a generated name."""

    __tablename__ = "photo"

    id: Mapped[intpk]
    uuid: Mapped[uuid_str] = mapped_column(unique=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    media_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    alt_text: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[created]

    observation: Mapped[Observation] = relationship(back_populates="photos")
