"""Qualitative coding of free texts: need categories per answer, release one by one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Answer, Question, Response, ResponseStatus, Survey, TextCode

TEXT_TYPES = ("short_text", "long_text")
PAGE_SIZE = 50


@dataclass
class TextPage:
    answers: list[tuple[Answer, Question]]
    codes: dict[int, set[int]]  # answer id → need category ids
    total: int


def _text_answers(survey: Survey, search: str = "", question_key: str = ""):
    stmt = (
        select(Answer, Question)
        .join(Question, Question.id == Answer.question_id)
        .join(Response, Response.id == Answer.response_id)
        .where(
            Question.survey_id == survey.id,
            Question.type.in_(TEXT_TYPES),
            Response.status == ResponseStatus.COMPLETE,
            Answer.value_text.is_not(None),
            Answer.value_text != "",
        )
    )
    if question_key:
        stmt = stmt.where(Question.key == question_key)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Answer.value_text.ilike(f"%{escaped}%", escape="\\"))
    return stmt


def list_texts(
    session: Session, survey: Survey, search: str = "", question_key: str = "", page: int = 1
) -> TextPage:
    """One page of free-text answers (newest first) with their codes."""
    stmt = _text_answers(survey, search, question_key)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(
        stmt.order_by(Answer.id.desc()).limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)
    ).all()
    ids = [answer.id for answer, _q in rows]
    codes: dict[int, set[int]] = {i: set() for i in ids}
    if ids:
        for answer_id, category_id in session.execute(
            select(TextCode.answer_id, TextCode.need_category_id).where(TextCode.answer_id.in_(ids))
        ):
            codes[answer_id].add(category_id)
    return TextPage([(a, q) for a, q in rows], codes, total)


def find_text_answer(session: Session, survey: Survey, answer_id: int) -> Answer | None:
    if not 0 < answer_id < 2**31:  # no such row; a bigger number overflows the column type
        return None
    return session.scalar(
        _text_answers(survey).where(Answer.id == answer_id).with_only_columns(Answer)
    )


def code_text(
    session: Session,
    answer: Answer,
    category_ids: Iterable[int],
    released: bool,
    user_id: int | None,
) -> None:
    """Replace the answer's need categories and set whether it may appear publicly."""
    wanted = set(category_ids)
    existing = {
        c.need_category_id: c
        for c in session.scalars(select(TextCode).where(TextCode.answer_id == answer.id))
    }
    for category_id, code in existing.items():
        if category_id not in wanted:
            session.delete(code)
    for category_id in wanted - set(existing):
        session.add(
            TextCode(answer_id=answer.id, need_category_id=category_id, coded_by_id=user_id)
        )
    answer.released = released
    session.flush()


def released_texts(session: Session, survey: Survey) -> list[tuple[Answer, Question]]:
    """Free texts a coordinator released for the public results page."""
    stmt = _text_answers(survey).where(Answer.released.is_(True)).order_by(Answer.id)
    return [(a, q) for a, q in session.execute(stmt).all()]
