"""Retention: unfinished answers and old rate-limit counters are deleted, not kept forever.

Run by `mitsprache purge` (from cron or a systemd timer, see docs/operations.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from ..models import Answer, RateLimitCounter, Response, ResponseStatus, TextCode
from ..models.base import utcnow
from . import ratelimit

DEFAULT_PARTIAL_DAYS = 30
# no rate-limit window is longer than a day, so older counters can no longer limit anyone
COUNTER_MAX_AGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class PurgeReport:
    partial_responses: int
    answers: int
    rate_limit_counters: int


def _stale_partial(cutoff: datetime):
    last_touched = func.coalesce(Response.updated_at, Response.started_at)
    return and_(Response.status == ResponseStatus.PARTIAL, last_touched < cutoff)


def purge(
    session: Session,
    partial_days: int = DEFAULT_PARTIAL_DAYS,
    now: datetime | None = None,
    dry_run: bool = False,
) -> PurgeReport:
    """Delete partial responses untouched for `partial_days` days and expired counters."""
    if partial_days < 1:
        raise ValueError("partial_days must be at least 1")
    now = now or utcnow()
    cutoff = now - timedelta(days=partial_days)
    stale = select(Response.id).where(_stale_partial(cutoff))
    stale_answers = select(Answer.id).where(Answer.response_id.in_(stale))
    count_responses = session.scalar(select(func.count()).select_from(stale.subquery()))
    count_answers = session.scalar(select(func.count()).select_from(stale_answers.subquery()))
    if dry_run:
        counters = session.scalar(
            select(func.count()).where(
                RateLimitCounter.window < now.timestamp() - COUNTER_MAX_AGE_SECONDS
            )
        )
        return PurgeReport(count_responses or 0, count_answers or 0, counters or 0)
    # children first, explicitly: the result must not depend on ON DELETE CASCADE being on
    session.execute(
        delete(TextCode)
        .where(TextCode.answer_id.in_(stale_answers))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Answer)
        .where(Answer.response_id.in_(stale))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Response).where(_stale_partial(cutoff)).execution_options(synchronize_session=False)
    )
    counters = ratelimit.purge_old(session, COUNTER_MAX_AGE_SECONDS, now=now.timestamp())
    return PurgeReport(count_responses or 0, count_answers or 0, counters)
