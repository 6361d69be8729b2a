"""Survey import (JSON and XLSForm) fuzzed with broken, hostile and mutated files: never a 500;
either a clear message and nothing stored, or one complete draft survey that renders."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from survey.db import get_session
from survey.models import Choice, Question, Survey

from ..builder.test_exchange import KOBO_FORM, workbook
from ..factories import make_survey, texts
from ..pages import check_page
from .fuzzing import fuzz_settings
from .hostile import HOSTILE, text_values
from .test_fuzz_builder import acceptable_text, assert_no_markup
from .test_fuzz_forms import _coordinator

FUZZ = fuzz_settings(25)
VALID = {
    "format": "mitsprache-survey",
    "format_version": 1,
    "survey": {
        "slug": "importiert",
        "kind": "questionnaire",
        "languages": ["de", "en"],
        "default_language": "de",
        "texts": {"title": {"de": "Umfrage", "en": "Survey"}},
        "anonymous": True,
        "min_cell": 5,
        "public_results": False,
        "estimated_minutes": 5,
        "questions": [
            {
                "key": "wahl",
                "type": "single_choice",
                "page": 1,
                "required": True,
                "condition": None,
                "settings": {"is_group": True},
                "texts": {"label": {"de": "Welche?", "en": "Which?"}},
                "need_category": None,
                "choices": [
                    {"key": "a", "texts": {"label": {"de": "A"}}, "need_category": None,
                     "weight": 1.0, "exclusive": False, "observation_kind": None},
                    {"key": "b", "texts": {"label": {"de": "B"}}, "weight": 0.5},
                ],
            },
            {
                "key": "zahl",
                "type": "number",
                "page": 2,
                "condition": {"mode": "any", "rules": [{"question": "wahl", "values": ["a"]}]},
                "settings": {"min": 0, "max": 10},
                "texts": {"label": {"de": "Wie viele?"}},
            },
        ],
    },
}  # fmt: skip

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        text_values,
        st.sampled_from([10**30, -(10**30), 2**31, 2**63, 1e308, "", "x" * 6000]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value, prefix=()):
    """Every place in a JSON document, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


PATHS = [p for p in _paths(VALID) if p]


def _replace(document, path, new):
    result = copy.deepcopy(document)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return result


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        session = get_session()
        return tuple(session.scalar(select(func.count(m.id))) for m in (Survey, Question, Choice))


def multipart(**files: tuple[bytes, str]) -> dict:
    """Keyword arguments for client.post with the body encoded in memory (the test client
    spools bodies over 500 KB to a temporary file that it never closes)."""
    values = {field: FileStorage(io.BytesIO(data), name) for field, (data, name) in files.items()}
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def upload(client, name: str, body: bytes):
    return client.post("/builder/import?lang=en", **multipart(file=(body, name)))


def assert_refused(app, client, name: str, body: bytes) -> list[str]:
    """The upload is refused with messages at the file field; nothing is stored."""
    before = _counts(app)
    reply = upload(client, name, body)
    assert reply.status_code == 200, (name, reply.status_code)
    soup = check_page(reply)
    summary = soup.find(class_="error-summary")
    assert summary is not None, f"{name}: no error summary"
    assert soup.find(id="file-error"), name
    messages = [li.get_text(" ", strip=True) for li in summary.find_all("li")]
    assert messages, name
    assert all(messages), name
    assert_no_markup(reply.get_data(as_text=True))
    assert len(reply.data) < 200_000, "the page repeats megabytes of the file"
    assert _counts(app) == before, f"{name}: something was stored"
    return messages


def assert_outcome(app, client, name: str, body: bytes) -> None:
    """Either refused cleanly, or one complete draft that the builder shows."""
    before = _counts(app)
    reply = upload(client, name, body)
    assert reply.status_code in {200, 302}, reply.status_code
    if reply.status_code == 200:  # refused, or imported with a report of what was left out
        soup = check_page(reply)
        assert_no_markup(reply.get_data(as_text=True))
    if reply.status_code == 200 and soup.find(class_="error-summary"):
        assert _counts(app) == before, "a refused import stored something"
        return
    assert _counts(app)[0] == before[0] + 1
    with app.app_context():
        survey = get_session().scalars(select(Survey).order_by(Survey.id.desc())).first()
        slug = survey.slug
        paths = ["", "translations", "print"] + [f"questions/{q.key}/" for q in survey.questions]
    for path in paths:
        page = client.get(f"/builder/{slug}/{path}?lang=en")
        assert page.status_code == 200, (path, page.status_code)
        check_page(page)
        assert_no_markup(page.get_data(as_text=True))


@FUZZ
@given(path=st.sampled_from(PATHS), value=json_values)
def test_mutated_json_files_are_imported_whole_or_refused(app, path, value):
    client = _coordinator(app)
    document = _replace(VALID, path, value)
    assert_outcome(app, client, "survey.json", json.dumps(document).encode())


def test_valid_json_file_is_imported(app):
    client = _coordinator(app)
    before = _counts(app)
    reply = upload(client, "survey.json", json.dumps(VALID).encode())
    assert reply.status_code == 302
    assert _counts(app) == (before[0] + 1, before[1] + 2, before[2] + 2)


BROKEN_JSON = [
    ("empty.json", b""),
    ("latin1.json", json.dumps(VALID, ensure_ascii=False).replace("Umfrage", "Übung").encode("latin-1")),
    ("bytes.json", b"\xff\xfe\x00\x00garbage\x80\x81"),
    ("nested.json", b"[" * 100_000 + b"]" * 100_000),
    ("nested-object.json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
    ("deep-survey.json", json.dumps({**VALID, "survey": {**VALID["survey"], "texts": {"title": {"de": "x"}}, "questions": [{"key": "a", "type": "note", "settings": json.loads("[" * 500 + "]" * 500)}]}}).encode()),
    ("huge-int.json", b'{"format": "mitsprache-survey", "format_version": ' + b"9" * 5000 + b"}"),
    ("nan.json", json.dumps({**VALID, "survey": {**VALID["survey"], "min_cell": float("nan")}}).encode()),
    ("too-big.json", b" " * (5 * 2**20 + 1)),
    ("array.json", b"[1, 2, 3]"),
    ("string.json", b'"mitsprache-survey"'),
    ("wrong-format.json", b'{"format": "kobo"}'),
    # half a character (a lone surrogate escape): no database can store it
    ("surrogate.json", json.dumps({**VALID, "survey": {**VALID["survey"], "texts": {"title": {"de": "A\ud800"}}}}).encode()),
    # numbers Python parses but strict JSON and a PostgreSQL json column do not take
    ("infinity.json", json.dumps(_replace(VALID, ("survey", "questions", 1, "settings"), {"": float("inf")})).encode()),
    ("1e999.json", json.dumps(VALID).replace('"max": 10', '"max": 1e999').encode()),
]  # fmt: skip


def test_broken_json_files_are_refused_with_a_message(app):
    client = _coordinator(app)
    for name, body in BROKEN_JSON:
        assert_refused(app, client, name, body)


def _survey_with(**changes) -> bytes:
    document = copy.deepcopy(VALID)
    document["survey"].update(changes)
    return json.dumps(document).encode()


def _question_with(**changes) -> bytes:
    document = copy.deepcopy(VALID)
    document["survey"]["questions"][0].update(changes)
    return json.dumps(document).encode()


def _choice_with(**changes) -> bytes:
    document = copy.deepcopy(VALID)
    document["survey"]["questions"][0]["choices"][0].update(changes)
    return json.dumps(document).encode()


HOSTILE_VALUES = [
    ("unhashable-kind.json", _survey_with(kind=["questionnaire"])),
    ("unhashable-type.json", _question_with(type={"a": 1})),
    ("unhashable-need.json", _question_with(need_category=["mobility"])),
    ("unhashable-choice-need.json", _choice_with(need_category={"x": 1})),
    ("unhashable-kind-of-choice.json", _choice_with(observation_kind=["idea"])),
    ("huge-weight.json", _choice_with(weight=10**400 if False else 10**30)),
    ("huge-min-cell.json", _survey_with(min_cell=10**30)),
    ("huge-page.json", _question_with(page=2**63)),
    # found by `make fuzz`: a text in a "language" Babel cannot read was a 500 on the print page
    ("digit-language.json", _question_with(texts={"label": {"de": "Frage", "0": "\u202eevil"}})),
    ("dashed-language.json", _survey_with(languages=["de", "pt-BR"], default_language="de",
                                          texts={"title": {"de": "Umfrage", "pt-BR": "Pesquisa"}})),
    ("huge-minutes.json", _survey_with(estimated_minutes=-(10**30))),
    ("newline-key.json", _question_with(key="wahl\n")),
    ("newline-slug.json", _survey_with(slug="importiert\n")),
    ("nul-text.json", _survey_with(texts={"title": {"de": "a\x00b"}})),
    ("script-text.json", _survey_with(texts={"title": {"de": "<script>alert(1)</script>"}})),
    ("bad-language.json", _survey_with(languages=["de", "<img src=x onerror=alert(1)>"])),
    ("rules-not-dicts.json", _question_with(condition={"rules": [1, "x", None]})),
    ("settings-strings.json", _question_with(type="number", choices=[],
                                             settings={"min": "x", "max": [1]})),
]  # fmt: skip


def test_json_with_hostile_values_is_refused_or_imported_whole(app):
    client = _coordinator(app)
    for name, body in HOSTILE_VALUES:
        assert_outcome(app, client, name, body)


def test_json_keys_and_slugs_with_a_trailing_newline_are_not_stored(app):
    client = _coordinator(app)
    assert_refused(app, client, "newline-key.json", _question_with(key="wahl\n"))
    upload(client, "slug.json", _survey_with(slug="importiert\n"))
    with app.app_context():
        slugs = get_session().scalars(select(Survey.slug)).all()
    assert all("\n" not in slug for slug in slugs), slugs


def _xlsx(**sheets: list[tuple]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(**files: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


GOOD_XLSX = workbook(
    [("type", "name", "label"), ("select_one yn", "frage", "Ja oder nein?")],
    [("list_name", "name", "label"), ("yn", "yes", "Ja"), ("yn", "no", "Nein")],
)
BROKEN_XLSX = [
    ("text.xlsx", b"not a workbook at all"),
    ("empty.xlsx", b""),
    ("truncated.xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2]),
    ("zip-of-junk.xlsx", _zip(**{"hello.txt": b"hi"})),
    ("fake-parts.xlsx", _zip(**{"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"\x00\xff"})),
    ("wrong-sheets.xlsx", _xlsx(Sheet1=[("type", "name"), ("text", "a")])),
    ("no-type-column.xlsx", _xlsx(survey=[("name", "label"), ("a", "A")])),
    ("huge-cell.xlsx", workbook([("type", "name", "label"), ("text", "a", "x" * 32_000)])),
    ("script-cell.xlsx", workbook([("type", "name", "label"),
                                   ("text", "a", "<script>alert(1)</script>")])),
    ("bad-name.xlsx", workbook([("type", "name", "label"), ("text", "1 bad", "A")])),
    ("unknown-list.xlsx", workbook([("type", "name", "label"), ("select_one nix", "a", "A")])),
    ("pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    ("infinite-settings.xlsx", workbook([("type", "name", "label", "mitsprache_settings"),
                                         ("integer", "a", "A", '{"max": 1e999}')])),
    ("surrogate-settings.xlsx", workbook([("type", "name", "label", "mitsprache_settings"),
                                          ("integer", "a", "A", '{"max": "\\ud800"}')])),
]  # fmt: skip


def test_broken_xlsform_files_are_refused_with_a_message(app):
    client = _coordinator(app)
    for name, body in BROKEN_XLSX:
        assert_refused(app, client, name, body)


def test_xlsform_with_formulas_and_odd_cells_is_imported_whole_or_refused(app):
    client = _coordinator(app)
    formulas = workbook(
        [("type", "name", "label", "hint"),
         ("text", "a", '=HYPERLINK("http://evil.example","klick")', "=1+1"),
         ("integer", "b", 42, 3.5),
         ("note", "c", "\u202eevil\u202c", None)],
    )  # fmt: skip
    assert_outcome(app, client, "formulas.xlsx", formulas)
    odd = [(("type", "name", "label"), ("text", f"q{n}", value)) for n, value in
           enumerate(v for v in HOSTILE if "\x00" not in v and not v.startswith("\x01"))]  # fmt: skip
    for rows in odd:
        assert_outcome(app, client, "odd.xlsx", workbook(rows))
    assert_outcome(app, client, "kobo.xlsx", KOBO_FORM)
    # a column in a "language" no locale knows is left out, not stored as language "0"
    odd_language = workbook([("type", "name", "label", "label::Null (0)", "label::Brasil (pt-BR)"),
                             ("text", "a", "Frage", "\u202eevil", "Pergunta")])  # fmt: skip
    assert_outcome(app, client, "odd-language.xlsx", odd_language)
    with app.app_context():
        survey = get_session().scalars(select(Survey).order_by(Survey.id.desc())).first()
        assert "0" not in survey.languages
        assert survey.questions[0].texts["label"].get("pt-BR") == "Pergunta"


def test_a_zip_bomb_disguised_as_xlsx_is_refused_quickly(app):
    client = _coordinator(app)
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData>' + b" " * (200 * 2**20) + b"</sheetData></worksheet>")  # fmt: skip
    bomb = _zip(**{"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})
    assert len(bomb) < 5 * 2**20
    assert_refused(app, client, "bomb.xlsx", bomb)


def test_wrong_extensions_are_refused(app):
    client = _coordinator(app)
    for name in ("survey.csv", "survey.xls", "survey.json.exe", "survey", "../../etc/passwd",
                 "\u202egpj.json", "a\x00.json"):  # fmt: skip
        body = json.dumps(VALID).encode() if name.endswith("json") else GOOD_XLSX
        reply = upload(client, name, body)
        assert reply.status_code in {200, 302}, (name, reply.status_code)
        if reply.status_code == 200:
            check_page(reply)


round_trip_slugs = iter(range(1, 10_000))
storable_texts = text_values.map(lambda v: v.replace("\r\n", "\n").strip()).filter(
    lambda v: v and acceptable_text(v)
)


def _for_xlsx(text: str) -> str:
    """What an .xlsx cell can carry: no control characters but tab, LF and CR (openpyxl with
    lxml writes a lone CR as a character reference, so it comes back as written)."""
    return re.sub(r"[\000-\010\013\014\016-\037]", "", text).strip()


@FUZZ
@given(title=storable_texts, label=storable_texts, answer=storable_texts)
@example(title="Umfrage\r2026", label="0\r0", answer="a\tb\nc")  # CR, tab, LF inside
def test_exported_surveys_import_with_the_same_texts(app, title, label, answer):
    """Export as JSON and XLSForm, import both: the texts come back as written (the
    spreadsheet leaves out control characters, which it cannot hold); no formula appears."""
    slug = f"rund-{next(round_trip_slugs)}"
    with app.app_context():
        session = get_session()
        make_survey(session, slug, [{"key": "wahl", "type": "single_choice", "texts": texts(label),
                                     "choices": [{"key": "a", "texts": texts(answer)}]}],
                    texts={"title": {"de": title}}, languages=["de"])  # fmt: skip
        session.commit()
    client = _coordinator(app)
    for fmt, same in (("json", lambda t: t), ("xlsx", _for_xlsx)):
        exported = client.get(f"/builder/{slug}/export.{fmt}")
        assert exported.status_code == 200, fmt
        if fmt == "xlsx":
            book = load_workbook(io.BytesIO(exported.data))
            assert all(c.data_type != "f" for s in book for r in s.iter_rows() for c in r)
        before = _counts(app)[0]
        reply = upload(client, f"export.{fmt}", exported.data)
        assert reply.status_code in {200, 302}, (fmt, reply.status_code)
        if same(title) == "" or same(label) == "" or same(answer) == "":
            continue  # only control characters: the spreadsheet has an empty cell there
        assert reply.status_code == 302, (fmt, check_page(reply).find(class_="error-summary"))
        assert _counts(app)[0] == before + 1
        with app.app_context():
            survey = get_session().scalars(select(Survey).order_by(Survey.id.desc())).first()
            question = survey.questions[0]
            assert survey.texts["title"]["de"] == same(title), fmt
            assert question.texts["label"]["de"] == same(label), fmt
            assert question.choices[0].texts["label"]["de"] == same(answer), fmt
