"""About 300 synthetic complete responses per demo questionnaire, so the charts say something.

Only the questionnaires named by the caller get them (the demo's own survey): a network's
real surveys are never touched, however often `mitsprache demo` runs.

Answers are generated per question type with deliberate patterns: each area leans towards
some need categories, ratings differ by area, paper answers come more from older people.
Idempotent: responses get deterministic client UUIDs and existing ones are skipped.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..conditions import is_visible
from ..models import (
    Answer,
    Channel,
    Question,
    Response,
    ResponseStatus,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from ..questions import REGISTRY
from . import tallies

DEMO_COUNT = 300
NAMESPACE = uuid.UUID("6f1c2d1e-6b8a-4f55-9a7e-2f5f1d0c8b31")
TEXTS = [
    "Am Bahnhof fehlt ein Aufzug zum Gleis 2.",
    "Die Briefe vom Amt verstehe ich nicht.",
    "Mehr Bänke im Park, damit ich Pausen machen kann.",
    "Der Bus fährt abends zu selten.",
    "Ich wünsche mir ein Café, in dem man sich trifft.",
    "Die Ampel an der Hauptstraße ist zu kurz grün.",
    "Informationen bitte auch in Leichter Sprache.",
    "Im Treppenhaus gibt es kein Licht.",
]


def seed_demo_responses(session: Session, slugs: Collection[str], count: int = DEMO_COUNT) -> int:
    """Add the missing demo responses to the open questionnaires with these slugs (and to
    no other survey); returns how many."""
    if not slugs:
        return 0
    surveys = session.scalars(
        select(Survey).where(
            Survey.slug.in_(list(slugs)),
            Survey.kind == SurveyKind.QUESTIONNAIRE,
            Survey.status == SurveyStatus.OPEN,
        )
    ).all()
    return sum(_seed_survey(session, survey, count) for survey in surveys)


def _seed_survey(session: Session, survey: Survey, count: int) -> int:
    uuids = [str(uuid.uuid5(NAMESPACE, f"{survey.slug}:{n}")) for n in range(count)]
    existing = set(
        session.scalars(
            select(Response.client_uuid).where(
                Response.survey_id == survey.id, Response.client_uuid.in_(uuids)
            )
        )
    )
    rng = random.Random(survey.slug)
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(
        days=42
    )
    added = 0
    for n, client_uuid in enumerate(uuids):
        person = _Person(rng, n, survey)  # draw for every n so the data stay the same
        if client_uuid in existing:
            continue
        when = start + timedelta(days=int(42 * (n / count) ** 0.7), hours=rng.randint(8, 20))
        if survey.anonymous:
            when = when.replace(hour=0)
        response = Response(
            survey_id=survey.id, client_uuid=client_uuid, round=survey.round,
            language=person.language, easy_read=person.easy_read, channel=person.channel,
            status=ResponseStatus.COMPLETE, started_at=when, completed_at=when,
            consent_version=survey.consent_version,
        )  # fmt: skip
        response.answers.extend(person.answers())
        session.add(response)
        added += 1
    session.flush()
    if added:
        tallies.rebuild(session, survey)
    return added


class _Person:
    """One synthetic resident: an area, a channel, a language, and answers with a pattern."""

    def __init__(self, rng: random.Random, n: int, survey: Survey) -> None:
        self.rng = rng
        self.survey = survey
        self.area_index = n % 4
        self.older = rng.random() < 0.45
        paper = rng.random() < (0.35 if self.older else 0.1)
        self.channel = Channel.PAPER if paper else Channel.WEB
        languages = survey.languages or ["de"]
        others = [lang for lang in languages if lang != survey.default_language]
        use_other = others and rng.random() < 0.3
        self.language = rng.choice(others) if use_other else survey.default_language
        self.easy_read = rng.random() < 0.15
        self.draws = [rng.random() for _ in range(200)]

    def _random(self) -> float:
        return self.draws.pop() if self.draws else self.rng.random()

    def _bias(self, category_id: int | None) -> float:
        """Each area leans towards some need categories."""
        if category_id is None:
            return 1.0
        return 2.6 if category_id % 4 == self.area_index else 1.0

    def answers(self) -> list[Answer]:
        rows: list[Answer] = []
        chosen: dict[str, set[str]] = {}
        for question in self.survey.questions:
            qtype = REGISTRY.get(question.type)
            if qtype is None or not qtype.takes_answer or not is_visible(question, chosen):
                continue
            if not question.required and self._random() < 0.1:
                chosen[question.key] = set()
                continue
            made = self._answer(question)
            chosen[question.key] = {
                c.key for c in question.choices if any(a.choice_id == c.id for a in made)
            }
            rows.extend(made)
        return rows

    def _answer(self, question: Question) -> list[Answer]:
        kind, q = question.type, question
        choices = list(q.choices)
        if kind == "area":
            return (
                [Answer(question_id=q.id, choice_id=choices[self.area_index % len(choices)].id)]
                if choices
                else []
            )
        if kind in {"single_choice", "yes_no"} and choices:
            if (q.settings or {}).get("is_group") and len(choices) > 1:
                pick = (
                    choices[-1]
                    if self.older and self._random() < 0.7
                    else choices[int(self._random() * (len(choices) - 1))]
                )
                return [Answer(question_id=q.id, choice_id=pick.id)]
            weights = [
                self._bias(c.need_category_id) / (1 + i * 0.4) for i, c in enumerate(choices)
            ]
            pick = self.rng.choices(choices, weights)[0]
            return [Answer(question_id=q.id, choice_id=pick.id)]
        if kind == "rating" and choices:
            points = [c for c in choices if c.key.isdigit()]
            centre = 2 + self.area_index * 0.6 + (0.5 if not self.older else 0)
            value = max(1, min(len(points), round(self.rng.gauss(centre, 1.0))))
            pick = next((c for c in points if c.key == str(value)), points[0])
            return [Answer(question_id=q.id, choice_id=pick.id, value_number=float(pick.key))]
        if kind == "multiple_choice" and choices:
            picks = [
                c
                for c in choices
                if not c.exclusive
                and self._random()
                < min(0.85, 0.22 * self._bias(c.need_category_id) * (1.3 if self.older else 1))
            ]
            if not picks:
                exclusive = [c for c in choices if c.exclusive]
                picks = exclusive[:1] or [choices[0]]
            return [Answer(question_id=q.id, choice_id=c.id) for c in picks]
        if kind == "ranking" and choices:
            order = sorted(
                choices, key=lambda c: -self._bias(c.need_category_id) * (0.5 + self._random())
            )
            return [
                Answer(question_id=q.id, choice_id=c.id, value_number=float(i + 1))
                for i, c in enumerate(order)
            ]
        return self._value_answer(q)

    def _value_answer(self, q: Question) -> list[Answer]:
        settings: dict[str, Any] = q.settings or {}
        if q.type == "number":
            low, high = settings.get("min", 0), settings.get("max", 10)
            if high - low > 50:  # looks like an age
                value = int(
                    self.rng.triangular(max(low, 16), min(high, 95), 72 if self.older else 35)
                )
            else:
                value = self.rng.randint(low, high)
            return [Answer(question_id=q.id, value_number=float(value))]
        if q.type in {"short_text", "long_text"}:
            if self._random() < 0.35:
                return [Answer(question_id=q.id, value_text=self.rng.choice(TEXTS))]
            return []
        if q.type == "date":
            return [
                Answer(
                    question_id=q.id,
                    value_date=date(2015, 1, 1) + timedelta(days=self.rng.randint(0, 4000)),
                )
            ]
        return []
