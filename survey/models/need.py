"""The shared taxonomy: need categories and the areas of the town."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, intpk, texts_json


class NeedCategory(Base):
    """One need (e.g. getting around), shared by survey choices and walk observations."""

    __tablename__ = "need_category"

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    colour: Mapped[str] = mapped_column(String(7))  # "#rrggbb", colour-blind-safe palette
    icon: Mapped[str] = mapped_column(String(64), default="")
    # Index for Inclusion dimension: culture, practice or structure (optional)
    dimension: Mapped[str | None] = mapped_column(String(20))
    texts: Mapped[texts_json]  # "label", "label_easy", "description"


class Area(Base):
    """A part of the town (Gebiet, Quartier) that responses and walks belong to."""

    __tablename__ = "area"

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    texts: Mapped[texts_json]  # "label", "label_easy"
