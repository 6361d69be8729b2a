"""The need profile: survey answers and walk observations added up per need category.

For each NeedCategory: the share of respondents who named it — through a choice mapped to the
category (weighted by `Choice.weight`, the strongest mapped answer of a person counts) or a free
text a coordinator coded with it — with a Wilson 95 % interval; and the walk barriers in that
category weighted by severity. Ranking by share; priority = share × mean severity.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import Session

from ..models import (
    Area,
    NeedCategory,
    Observation,
    ObservationKind,
    Survey,
    TextCode,
    Walk,
)
from .aggregate import (
    A,
    C,
    Dimension,
    Filters,
    R,
    T,
    _by,
    _conditions,
    _grouped,
    _key,
    chunks,
    respondent_counts,
    tallied,
    tally_rows,
    unfinished_ids,
)
from .suppression import binary_hidden

Z95 = 1.959963984540054
TC = TextCode.__table__
O = Observation.__table__  # noqa: E741
W = Walk.__table__


def wilson_interval(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (successes may be a weighted count)."""
    if n <= 0:
        return 0.0, 0.0
    p = min(max(successes / n, 0.0), 1.0)
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class NeedRow:
    category: NeedCategory
    named: int  # respondents who named it at all
    weighted: float  # sum of each respondent's strongest weight (0..1)
    respondents: int
    hidden: bool
    barriers: int = 0
    severity_sum: int = 0
    observations: int = 0

    @property
    def share(self) -> float:
        return self.weighted / self.respondents if self.respondents else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.weighted, self.respondents)

    @property
    def mean_severity(self) -> float | None:
        return self.severity_sum / self.barriers if self.barriers else None

    @property
    def priority(self) -> float:
        """Share of people × mean walk severity (1 when the walks found no barrier)."""
        return self.share * (self.mean_severity or 1.0)


@dataclass
class NeedProfile:
    respondents: int
    min_cell: int
    rows: list[NeedRow] = field(default_factory=list)

    @property
    def too_few(self) -> bool:
        return self.respondents < self.min_cell

    @property
    def ranked(self) -> list[NeedRow]:
        return sorted(self.rows, key=lambda r: (r.hidden, -r.share, r.category.position))

    @property
    def by_priority(self) -> list[NeedRow]:
        return sorted(self.rows, key=lambda r: (r.hidden, -r.priority, r.category.position))


def _mapped_choices(survey: Survey) -> list:
    return [c for q in survey.questions for c in q.choices if c.need_category_id is not None]


def _mapped_answers(survey: Survey) -> list:
    """Conditions for answers that chose a choice mapped to a need category: naming the
    questions and choices lets the database read the (question, choice, response) index
    instead of walking every answer of every response."""
    mapped = _mapped_choices(survey)
    return [
        A.c.question_id.in_(sorted({c.question_id for c in mapped})),
        A.c.choice_id.in_([c.id for c in mapped]),
    ]


def _chosen(survey: Survey):
    """Responses joined to their answers that chose a mapped choice."""
    return (
        select().select_from(R).join(A, A.c.response_id == R.c.id).where(*_mapped_answers(survey))
    )


def _has_codes(session: Session, survey: Survey) -> bool:
    """True when a coordinator coded any free text of this survey with a need category."""
    # start from the (few) codes, not from the survey's (many) answers
    survey_of_code = (
        select(R.c.survey_id)
        .join(A, A.c.response_id == R.c.id)
        .where(A.c.id == TC.c.answer_id)
        .scalar_subquery()
    )
    stmt = select(TC.c.id).where(survey_of_code == survey.id).limit(1)
    return session.scalar(stmt) is not None


_WEIGHT = case((C.c.weight > 1, 1.0), (C.c.weight < 0, 0.0), else_=C.c.weight)


def _named_rows(session: Session, survey: Survey, filters: Filters, by: Dimension | None):
    """(breakdown, category id, named, weighted) rows."""
    mapped = _mapped_choices(survey)
    if len({c.need_category_id for c in mapped}) == len(mapped) and not _has_codes(session, survey):
        return _named_directly(session, survey, filters, by)
    return session.execute(_named_once_per_person(survey, filters, by)).all()


def _named_directly(session: Session, survey: Survey, filters: Filters, by: Dimension | None):
    """When each category has one choice and no text is coded, nobody can name a category
    twice: counting the mapped choices is enough (about five times faster on 100k responses
    than keeping each person's strongest answer)."""
    if tallied(session, survey, filters, by):
        mapped_ids = [c.id for c in _mapped_choices(survey)]
        found = tally_rows(
            session, survey, filters, by, [T.c.choice_id, func.sum(T.c.n)], [T.c.choice_id],
            T.c.question_id != 0, T.c.choice_id.in_(mapped_ids),
        )  # fmt: skip
    elif by is None and not filters.active:
        found = _unfiltered_choice_counts(session, survey)
    else:
        found = _grouped(
            session, survey, filters, by, [A.c.choice_id, func.count()], [A.c.choice_id],
            _chosen(survey),
        )  # fmt: skip
    choices = {c.id: c for c in _mapped_choices(survey)}
    rows = []
    for k, choice_id, count in found:
        choice = choices[choice_id]
        weight = min(max(choice.weight, 0.0), 1.0)
        rows.append((k, choice.need_category_id, count if weight > 0 else 0, count * weight))
    return rows


def _unfiltered_choice_counts(session: Session, survey: Survey) -> list[tuple[Any, int, int]]:
    """(None, choice id, complete responses that chose it) for the whole survey.

    Counted from the answer index alone, without looking up each answer's response; the
    answers of responses that are not complete (usually few) are counted apart and taken off.
    """
    in_index = _mapped_answers(survey)
    every = session.execute(
        select(A.c.choice_id, func.count()).where(*in_index).group_by(A.c.choice_id)
    ).all()
    unfinished: Counter = Counter()
    for chunk in chunks(unfinished_ids(session, survey), 500):
        unfinished.update(
            dict(
                session.execute(
                    select(A.c.choice_id, func.count())
                    .where(A.c.response_id.in_(chunk), *in_index)
                    .group_by(A.c.choice_id)
                ).all()
            )
        )
    return [
        (None, cid, n - unfinished.get(cid, 0)) for cid, n in every if n > unfinished.get(cid, 0)
    ]


def _named_once_per_person(survey: Survey, filters: Filters, by: Dimension | None):
    """A person may name a category through several choices or coded texts: the strongest
    of their answers counts, once."""
    weight = _WEIGHT
    coded = select().select_from(R).join(A, A.c.response_id == R.c.id)
    coded = coded.join(TC, TC.c.answer_id == A.c.id)
    parts = []
    for stmt, category, w in [
        (_chosen(survey).join(C, C.c.id == A.c.choice_id), C.c.need_category_id, weight),
        (coded, TC.c.need_category_id, literal(1.0)),
    ]:
        stmt, by_col = _by(stmt, by)
        key = by_col if by_col is not None else literal(0)
        parts.append(
            stmt.add_columns(
                key.label("k"), R.c.id.label("rid"), category.label("cat"), w.label("w")
            ).where(*_conditions(survey, filters), category.is_not(None))
        )
    both = union_all(*parts).subquery()
    per_person = (
        select(both.c.k, both.c.rid, both.c.cat, func.max(both.c.w).label("w"))
        .group_by(both.c.k, both.c.rid, both.c.cat)
        .subquery()
    )
    named = func.sum(case((per_person.c.w > 0, 1), else_=0))
    return (
        select(per_person.c.k, per_person.c.cat, named, func.sum(per_person.c.w))
        .group_by(per_person.c.k, per_person.c.cat)
    )  # fmt: skip


def walk_counts(session: Session, by_area: bool = False, area_id: int | None = None):
    """(area id or None, category id) → (barriers, severity sum, all observations)."""
    barrier = case((O.c.kind == ObservationKind.BARRIER, 1), else_=0)
    severity = case((O.c.kind == ObservationKind.BARRIER, func.coalesce(O.c.severity, 1)), else_=0)
    columns = [W.c.area_id] if by_area else []
    stmt = (
        select(*columns, O.c.need_category_id, func.sum(barrier), func.sum(severity), func.count())
        .join_from(O, W, W.c.id == O.c.walk_id)
        .where(O.c.need_category_id.is_not(None))
        .group_by(*([W.c.area_id] if by_area else []), O.c.need_category_id)
    )
    if area_id is not None:
        stmt = stmt.where(W.c.area_id == area_id)
    rows = [row if by_area else (None, *row) for row in session.execute(stmt).all()]
    return {(a, cat): (int(b or 0), int(s or 0), int(n)) for a, cat, b, s, n in rows}


def need_profiles(
    session: Session, survey: Survey, filters: Filters, k: int, by: Dimension | None = None
) -> dict[Any, NeedProfile]:
    """Need profiles per breakdown value (a single profile under key None without `by`)."""
    categories = session.scalars(select(NeedCategory).order_by(NeedCategory.position)).all()
    totals = respondent_counts(session, survey, filters, by)
    named = {
        (_key(key) if by is not None else None, cat): (int(n or 0), float(w or 0))
        for key, cat, n, w in _named_rows(session, survey, filters, by)
    }
    walks = _walks_for(session, filters, by, list(totals))
    profiles: dict[Any, NeedProfile] = {}
    for key, total in totals.items():
        profile = NeedProfile(total, k)
        for category in categories:
            n, weighted = named.get((key, category.id), (0, 0.0))
            barriers, severity, observed = walks.get((key, category.id), (0, 0, 0))
            profile.rows.append(
                NeedRow(category, n, weighted, total, binary_hidden(n, total, k),
                        barriers, severity, observed)
            )  # fmt: skip
        profiles[key] = profile
    return profiles


def _walks_for(session: Session, filters: Filters, by: Dimension | None, keys: list[Any]):
    """Walk findings keyed like the survey breakdown; walks know their area, nothing else."""
    area_ids = {a.key: a.id for a in session.scalars(select(Area))}
    if by is not None and by.kind == "area" and by.question is not None:
        per_area = walk_counts(session, by_area=True)
        choice_for_area = {area_ids[c.key]: c.id for c in by.question.choices if c.key in area_ids}
        return {(choice_for_area.get(a), cat): v for (a, cat), v in per_area.items()}
    area_id = area_ids.get(filters.area) if filters.area else None
    if filters.area and area_id is None:
        return {}
    found = walk_counts(session, area_id=area_id)
    if by is None:
        return found
    # other breakdowns (group, channel, round) do not apply to walks: same findings for each
    return {(key, cat): v for key in keys for (_a, cat), v in found.items()}


def need_profile(session: Session, survey: Survey, filters: Filters, k: int) -> NeedProfile:
    """The need profile of the survey under the given filters."""
    return need_profiles(session, survey, filters, k)[None]
