"""Residents' answers fuzzed with hostile strings: never a 500, a clear message, text kept as
typed and shown escaped on the check-your-answers page."""

from __future__ import annotations

import itertools
import uuid

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from survey.db import get_session
from survey.models import Answer, Question, Survey

from ..factories import make_survey
from ..pages import check_page
from .fuzzing import fuzz_settings
from .hostile import escaped, text_values
from .test_fuzz_forms import _error_messages

FUZZ = fuzz_settings(25)
QUESTIONS = [
    {"key": "ort", "type": "short_text"},
    {"key": "idee", "type": "long_text"},
    {"key": "alter", "type": "number", "settings": {"min": 0, "max": 120}},
    {"key": "seit", "type": "date"},
    {"key": "wichtig", "type": "ranking", "choices": ["bus", "bank", "licht"]},
]
# what people type into day/month/year and rank boxes, plus digits that are not 0-9
digit_values = st.one_of(
    text_values,
    st.sampled_from(["²", "³", "½", "①", "٣", "۲", "１２", "9" * 11, "9" * 400, "-1", "1e3", "0"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
slugs = itertools.count(1)


def _resident(app):
    """A fresh open survey and a resident who has agreed to take part."""
    slug = f"fuzz-{next(slugs)}"
    with app.app_context():
        session = get_session()
        make_survey(session, slug, QUESTIONS).publish()
        session.commit()
    client = app.test_client()
    reply = client.post(f"/s/{slug}", data={"client_uuid": str(uuid.uuid4()), "consent": "yes"})
    assert reply.status_code == 302, reply.get_data(as_text=True)[:500]
    return client, slug


def _stored(app, slug: str, key: str) -> list[Answer]:
    """The answers to question `key` of this survey only (every example has its own survey)."""
    with app.app_context():
        return (
            get_session()
            .scalars(
                select(Answer)
                .join(Question)
                .join(Survey)
                .where(Survey.slug == slug, Question.key == key)
                .order_by(Answer.id)
            )
            .all()
        )


@FUZZ
@given(value=text_values)
def test_free_text_answers_are_kept_as_typed_and_shown_escaped(app, value):
    client, slug = _resident(app)
    before = len(_stored(app, slug, "idee"))
    reply = client.post(f"/s/{slug}/q/idee?lang=en", data={"q-idee": value, "action": "continue"})
    assert reply.status_code in {302, 400}, reply.status_code
    if reply.status_code == 400:
        assert _error_messages(reply)
        assert len(_stored(app, slug, "idee")) == before
        return
    texts = [a.value_text for a in _stored(app, slug, "idee")[before:]]
    expected = value.strip().replace("\x00", "")
    assert texts in ([expected], []), (texts, expected)
    if texts:
        page = client.get(f"/s/{slug}/check?lang=en")
        html = page.get_data(as_text=True)
        check_page(page)
        assert escaped(expected.replace("\r\n", "\n")) in html.replace("\r\n", "\n")
        assert "<script>alert" not in html
        assert "<img src=x" not in html


@FUZZ
@given(value=text_values)
def test_number_answers_take_a_number_or_say_what_is_wrong(app, value):
    client, slug = _resident(app)
    reply = client.post(f"/s/{slug}/q/alter?lang=en", data={"q-alter": value})
    assert reply.status_code in {302, 400}, reply.status_code
    stored = [a.value_number for a in _stored(app, slug, "alter")]
    if reply.status_code == 400:
        messages = _error_messages(reply)
        assert any("number" in m for m in messages), messages
        assert stored == []
    else:
        assert all(n is None or 0 <= n <= 120 for n in stored)


@FUZZ
@given(day=digit_values, month=digit_values, year=digit_values)
def test_date_answers_take_a_real_date_or_say_what_is_wrong(app, day, month, year):
    client, slug = _resident(app)
    form = {"q-seit-day": day, "q-seit-month": month, "q-seit-year": year}
    reply = client.post(f"/s/{slug}/q/seit?lang=en", data=form)
    assert reply.status_code in {302, 400}, reply.status_code
    stored = [a.value_date for a in _stored(app, slug, "seit")]
    if reply.status_code == 400:
        messages = _error_messages(reply)
        assert any("date" in m for m in messages), messages
        assert stored == []
    else:
        assert all(d is None or 1900 <= d.year <= 2100 for d in stored)


@FUZZ
@given(ranks=st.lists(digit_values, min_size=3, max_size=3))
def test_ranking_answers_take_ranks_or_say_what_is_wrong(app, ranks):
    client, slug = _resident(app)
    form = dict(zip(["q-wichtig-bus", "q-wichtig-bank", "q-wichtig-licht"], ranks, strict=True))
    reply = client.post(f"/s/{slug}/q/wichtig?lang=en", data=form)
    assert reply.status_code in {302, 400}, reply.status_code
    stored = sorted(a.value_number for a in _stored(app, slug, "wichtig"))
    if reply.status_code == 400:
        messages = _error_messages(reply)
        assert any("rank" in m for m in messages), messages
        assert stored == []
    else:
        assert len(set(stored)) == len(stored)
        assert all(1 <= n <= 3 for n in stored)
