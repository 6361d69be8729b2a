"""Builder forms fuzzed with hostile strings: never a 500; a text is either stored as typed and
shown escaped wherever it appears (builder, resident page, paper version), or refused with a
message and nothing stored."""

from __future__ import annotations

import itertools
import re
import uuid

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import func, select

from survey.db import get_session
from survey.models import Choice, Question, Survey, SurveyStatus
from survey.services.surveys import HTML_TAG, TEXT_MAX

from ..factories import make_survey
from ..pages import check_page
from .fuzzing import fuzz_settings
from .hostile import text_values
from .test_fuzz_forms import _coordinator, _error_messages

FUZZ = fuzz_settings(20)
QUESTIONS = [
    {"key": "wahl", "type": "single_choice", "choices": ["a", "b"]},
    {"key": "zahl", "type": "number", "settings": {"min": 0, "max": 120}},
    {"key": "ort", "type": "short_text"},
    {"key": "folge", "type": "yes_no", "choices": ["yes", "no"]},
]
slugs = itertools.count(1)
keys = st.one_of(
    text_values,
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,70}", fullmatch=True),
    st.sampled_from(["a\n", "ok\n", "1a", "a-b", "ä", "wahl", "ort", "a" * 64, "a" * 65]),
)


def _survey(app, client=None) -> tuple[object, str]:
    """A coordinator and an open survey with a few questions on pages of their own."""
    slug = f"fuzz-{next(slugs)}"
    with app.app_context():
        session = get_session()
        survey = make_survey(session, slug, QUESTIONS)
        for number, question in enumerate(survey.questions, start=1):
            question.page = number
        survey.publish()
        session.commit()
    return client or _coordinator(app), slug


def _load(app, slug) -> Survey:
    with app.app_context():
        session = get_session()
        survey = session.scalar(select(Survey).where(Survey.slug == slug))
        for question in survey.questions:
            list(question.choices)
        session.expunge_all()
        return survey


def _question(app, slug, key) -> Question | None:
    return next((q for q in _load(app, slug).questions if q.key == key), None)


def _count(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(model.id)))


def acceptable_text(value: str) -> bool:
    """What the builder stores: plain text without NUL or tags, within the length limit."""
    clean = value.replace("\r\n", "\n").strip()
    return "\x00" not in value and not HTML_TAG.search(clean) and len(clean) <= TEXT_MAX


def stored_form(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def shown(html: str, text: str) -> bool:
    """The text appears escaped (line by line: long texts become paragraphs)."""
    html = html.replace("\r\n", "\n")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return all(str(escape(line)) in html for line in lines)


def assert_no_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def _resident_pages(app, slug) -> list[str]:
    """The start page and the first question, as a resident sees them."""
    client = app.test_client()
    pages = [client.get(f"/s/{slug}?lang=de")]
    client.post(f"/s/{slug}?lang=de", data={"client_uuid": str(uuid.uuid4()), "consent": "yes"})
    pages.append(client.get(f"/s/{slug}/q/wahl?lang=de"))
    for page in pages:
        assert page.status_code == 200, page.status_code
        check_page(page)
    return [page.get_data(as_text=True) for page in pages]


def _builder_pages(client, slug, *paths) -> list[str]:
    html = []
    for path in paths:
        page = client.get(f"/builder/{slug}/{path}")
        assert page.status_code == 200, (path, page.status_code)
        check_page(page)
        html.append(page.get_data(as_text=True))
    return html


@FUZZ
@given(title=text_values, intro=text_values)
def test_survey_texts_are_stored_as_typed_and_shown_escaped(app, title, intro):
    client, slug = _survey(app)
    before = _load(app, slug).texts
    reply = client.post(
        f"/builder/{slug}/texts/de?lang=en", data={"t-title": title, "t-intro": intro}
    )
    assert reply.status_code in {200, 302}, reply.status_code
    if not (acceptable_text(title) and acceptable_text(intro)):
        assert reply.status_code == 200
        assert _error_messages(reply)
        assert len(reply.data) < 100_000, "a refused megabyte is not sent back whole"
        assert _load(app, slug).texts == before, "a refused form stored something"
        return
    assert reply.status_code == 302
    texts = _load(app, slug).texts
    # an emptied box removes the text (publishing then asks for it)
    assert texts.get("title", {}).get("de", "") == stored_form(title)
    assert texts.get("intro", {}).get("de", "") == stored_form(intro)
    pages = _builder_pages(
        client, slug, "", "texts/de?lang=en", "translations", "print?language=de"
    )
    pages += _resident_pages(app, slug)
    for html in pages:
        assert_no_markup(html)
    for html in [pages[0], pages[1], pages[3], pages[4]]:
        assert shown(html, stored_form(title)), "the title is missing or not escaped"
    for html in [pages[1], pages[4]]:
        assert shown(html, stored_form(intro)), "the intro is missing or not escaped"


@FUZZ
@given(label=text_values, hint=text_values, answer=text_values)
def test_question_and_answer_texts_are_stored_as_typed_and_shown_escaped(app, label, hint, answer):
    client, slug = _survey(app)
    before = _question(app, slug, "wahl")
    data = {"t-label": label, "t-hint": hint, "c-a-label": answer}
    reply = client.post(f"/builder/{slug}/questions/wahl/texts/de?lang=en", data=data)
    assert reply.status_code in {200, 302}, reply.status_code
    ok = all(acceptable_text(v) for v in data.values())
    if not (ok and stored_form(label) and stored_form(answer)):
        if not ok:
            assert reply.status_code == 200
            assert _error_messages(reply)
        after = _question(app, slug, "wahl")
        if reply.status_code == 200:
            assert after.texts == before.texts
            assert [c.texts for c in after.choices] == [c.texts for c in before.choices]
        return
    assert reply.status_code == 302, _error_messages(reply)
    question = _question(app, slug, "wahl")
    assert question.texts["label"]["de"] == stored_form(label)
    assert question.texts.get("hint", {}).get("de", "") == stored_form(hint)
    assert question.choices[0].texts["label"]["de"] == stored_form(answer)
    pages = _builder_pages(
        client,
        slug,
        "",
        "questions/wahl/",
        "questions/wahl/texts/de",
        "print?language=de",
        "preview/de",
    )
    pages += _resident_pages(app, slug)
    for html in pages:
        assert_no_markup(html)
    for html in [pages[1], pages[2], pages[3], pages[4], pages[6]]:
        assert shown(html, stored_form(label)), "the question text is missing or not escaped"
    for html in [pages[1], pages[2], pages[3], pages[4], pages[6]]:
        assert shown(html, stored_form(answer)), "the answer text is missing or not escaped"


def _stored_once_or_refused(app, client, reply, model, before: int, ok: bool) -> str | None:
    """Follow the redirect after adding a question or answer: the page shows escaped, and the
    new row is stored once (its page's HTML returned) or refused with a message (None)."""
    page = client.get(reply.headers["Location"])
    assert page.status_code == 200
    check_page(page)
    html = page.get_data(as_text=True)
    assert_no_markup(html)
    if not ok:
        assert _count(app, model) == before, f"a refused {model.__name__} was stored"
        assert "notice--error" in html
        return None
    assert _count(app, model) == before + 1
    return html


@FUZZ
@given(label=text_values, key=keys)
def test_new_questions_take_a_valid_key_or_say_why_not(app, label, key):
    client, slug = _survey(app)
    before = _count(app, Question)
    reply = client.post(
        f"/builder/{slug}/questions?lang=en",
        data={"type": "short_text", "label": label, "key": key},
    )
    assert reply.status_code == 302, reply.status_code
    existing = {q["key"] for q in QUESTIONS}
    wanted = key.strip()
    ok = (
        acceptable_text(label)
        and stored_form(label)
        and len(key) <= 64
        and "\x00" not in key
        and (not wanted or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", wanted))
        and wanted not in existing
    )
    html = _stored_once_or_refused(app, client, reply, Question, before, ok)
    if html is None:
        return
    question = _load(app, slug).questions[-1]
    assert question.key == (wanted or question.key)
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", question.key)
    assert question.texts["label"]["de"] == stored_form(label)
    assert shown(html, stored_form(label))


@FUZZ
@given(label=text_values, key=keys)
def test_new_answers_take_a_valid_key_or_say_why_not(app, label, key):
    client, slug = _survey(app)
    before = _count(app, Choice)
    reply = client.post(
        f"/builder/{slug}/questions/wahl/choices?lang=en",
        data={"choice-label": label, "choice-key": key},
    )
    assert reply.status_code == 302, reply.status_code
    wanted = key.strip()
    ok = (
        acceptable_text(label)
        and stored_form(label)
        and len(key) <= 64
        and "\x00" not in key
        and (not wanted or re.fullmatch(r"[A-Za-z0-9_]{1,64}", wanted))
        and wanted not in {"a", "b"}
    )
    html = _stored_once_or_refused(app, client, reply, Choice, before, ok)
    if html is None:
        return
    choice = _question(app, slug, "wahl").choices[-1]
    assert re.fullmatch(r"[A-Za-z0-9_]{1,64}", choice.key)
    assert choice.texts["label"]["de"] == stored_form(label)
    assert shown(html, stored_form(label))


numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.integers().map(str),
    st.sampled_from(["", "²", "١٢", "9" * 30, "9" * 5000, "1.5", "-0", "1e3", "NaN", " 7 "]),
    text_values,
)


def _as_int(value: str) -> int | None:
    try:
        return int(value.strip())
    except ValueError:
        return None


@FUZZ
@given(key=keys, low=numbers, high=numbers)
def test_question_settings_keep_valid_numbers_and_refuse_the_rest(app, key, low, high):
    client, slug = _survey(app)
    before = _question(app, slug, "zahl")
    reply = client.post(
        f"/builder/{slug}/questions/zahl/?lang=en",
        data={"key": key, "min": low, "max": high, "pictogram": "", "need_category": ""},
    )
    assert reply.status_code in {200, 302}, reply.status_code
    if reply.status_code == 200:
        assert _error_messages(reply)
        assert_no_markup(reply.get_data(as_text=True))
        after = _question(app, slug, "zahl")
        assert after is not None, "a refused key was stored"
        assert after.settings == before.settings
        return
    wanted = key.strip()
    question = _question(app, slug, wanted)
    assert question is not None
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", question.key)
    assert question.settings.get("min") == _as_int(low)
    assert question.settings.get("max") == _as_int(high)
    # the resident page and the preview still render with these limits
    _builder_pages(client, slug, f"questions/{wanted}/", "preview/de?page=2")
    resident = app.test_client()
    resident.post(f"/s/{slug}", data={"client_uuid": str(uuid.uuid4()), "consent": "yes"})
    page = resident.get(f"/s/{slug}/q/{wanted}")
    assert page.status_code == 200
    check_page(page)


@FUZZ
@given(
    on=st.one_of(st.just("wahl"), text_values),
    values=st.lists(st.one_of(st.sampled_from(["a", "b", "x"]), text_values), max_size=4),
    mode=st.one_of(st.sampled_from(["any", "all"]), text_values),
    action=st.one_of(st.sampled_from(["add", "remove", "clear"]), text_values),
    index=st.one_of(st.sampled_from(["0", "1", "²", "9" * 30]), text_values),
)
def test_condition_editor_stores_only_rules_on_real_answers(app, on, values, mode, action, index):
    client, slug = _survey(app)
    data = {"on": on, "values": values, "mode": mode, "action": action, "index": index}
    reply = client.post(f"/builder/{slug}/questions/ort/condition?lang=en", data=data)
    assert reply.status_code in {200, 302}, reply.status_code
    html = reply.get_data(as_text=True)
    assert_no_markup(html)
    if reply.status_code == 200:
        check_page(reply)
    condition = _question(app, slug, "ort").condition
    if condition is not None:
        assert condition["mode"] in {"any", "all"}
        for rule in condition["rules"]:
            assert rule["question"] == "wahl"
            assert set(rule["values"]) <= {"a", "b"}
    page = client.get(f"/builder/{slug}/questions/ort/condition?lang=en")
    assert page.status_code == 200
    check_page(page)


@FUZZ
@given(slug=text_values, min_cell=numbers, minutes=numbers, language=text_values)
def test_survey_settings_refuse_bad_values_clearly(app, slug, min_cell, minutes, language):
    client, current = _survey(app)
    with app.app_context():
        session = get_session()
        session.scalar(select(Survey).where(Survey.slug == current)).status = SurveyStatus.DRAFT
        session.commit()
    data = {"slug": slug, "languages": ["de", language], "default_language": "de",
            "min_cell": min_cell, "estimated_minutes": minutes}  # fmt: skip
    reply = client.post(f"/builder/{current}/settings?lang=en", data=data)
    assert reply.status_code in {200, 302}, reply.status_code
    if reply.status_code == 200:
        assert _error_messages(reply)
        assert_no_markup(reply.get_data(as_text=True))
        assert _load(app, current).min_cell == 5, "a refused form stored something"
        return
    survey = _load(app, slug.strip().lower())
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?", survey.slug)
    assert 2 <= survey.min_cell <= 100
    assert survey.estimated_minutes is None or 1 <= survey.estimated_minutes <= 240
    assert set(survey.languages) <= {"de", "en", "ar", "fa", "tr", "uk", "ru", "pl", "ckb"}
    _builder_pages(client, survey.slug, "", "settings")


@FUZZ
@given(title=text_values, slug=st.one_of(st.just(""), text_values))
def test_new_survey_title_and_address(app, title, slug):
    client = _coordinator(app)
    before = _count(app, Survey)
    reply = client.post(
        "/builder/new?lang=en",
        data={"title": title, "kind": "questionnaire", "language": "de", "slug": slug},
    )
    assert reply.status_code in {200, 302}, reply.status_code
    if reply.status_code == 200:
        assert _error_messages(reply)
        assert _count(app, Survey) == before
        return
    assert acceptable_text(title)
    assert stored_form(title)
    assert len(title) <= 200
    assert _count(app, Survey) == before + 1
    page = client.get(reply.headers["Location"])
    check_page(page)
    html = page.get_data(as_text=True)
    assert shown(html, stored_form(title))
    assert_no_markup(html)


def test_answer_weight_must_be_a_number_between_0_and_100(app):
    client, slug = _survey(app)
    for weight in ["nan", "inf", "-inf", "1e400", "²", "1,5", "", "101", "-1", "0x10", "½"]:
        reply = client.post(
            f"/builder/{slug}/questions/wahl/choices/a?lang=en",
            data={"key": "a", "weight": weight, "need_category": "", "pictogram": "",
                  "observation_kind": ""},
        )  # fmt: skip
        assert reply.status_code in {200, 302}, (weight, reply.status_code)
        stored = _question(app, slug, "wahl").choices[0].weight
        if reply.status_code == 200:
            assert _error_messages(reply)
        assert 0 <= stored <= 100, (weight, stored)
