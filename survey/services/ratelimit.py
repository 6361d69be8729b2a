"""A fixed-window rate limiter whose counters live in the database (shared by all servers)."""

from __future__ import annotations

import hashlib
import hmac
import time
from functools import cache

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from ..db import conflict_insert
from ..models import RateLimitCounter


def client_key(secret: str, *parts: str) -> str:
    """A keyed hash of what identifies the client, so no raw IP address is ever stored."""
    message = "\x1f".join(parts).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _window_start(window_seconds: int, now: float | None) -> int:
    now = time.time() if now is None else now
    return int(now // window_seconds) * window_seconds


def hit(
    session: Session, key: str, limit: int, window_seconds: int, now: float | None = None
) -> bool:
    """Count one attempt; return False when the client is over its limit in this window."""
    stmt = _upsert(session.get_bind().dialect.name)
    params = {"key": key, "window": _window_start(window_seconds, now)}
    return session.execute(stmt, params).scalar_one() <= limit


@cache
def _upsert(dialect: str):
    """One atomic statement, so concurrent requests on several servers count correctly."""
    stmt = conflict_insert(dialect)(RateLimitCounter).values(
        key=bindparam("key"), window=bindparam("window"), count=1
    )
    return stmt.on_conflict_do_update(
        index_elements=["key", "window"], set_={"count": RateLimitCounter.count + 1}
    ).returning(RateLimitCounter.count)


def is_limited(
    session: Session, key: str, limit: int, window_seconds: int, now: float | None = None
) -> bool:
    """True when the client has already used up this window (does not count)."""
    count = session.scalar(
        select(RateLimitCounter.count).where(
            RateLimitCounter.key == key,
            RateLimitCounter.window == _window_start(window_seconds, now),
        )
    )
    return (count or 0) >= limit


def reset(session: Session, key: str) -> None:
    session.execute(delete(RateLimitCounter).where(RateLimitCounter.key == key))


def purge_old(session: Session, older_than_seconds: int, now: float | None = None) -> int:
    """Delete counters whose window started longer ago than `older_than_seconds`."""
    cutoff = (time.time() if now is None else now) - older_than_seconds
    result = session.execute(delete(RateLimitCounter).where(RateLimitCounter.window < cutoff))
    return result.rowcount or 0
