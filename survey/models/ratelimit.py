"""Rate-limit counters, kept in the database so that every app server sees them."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class RateLimitCounter(Base):
    __tablename__ = "rate_limit_counter"

    # HMAC of the client key (never a raw IP address) and the window it counts
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
