"""JSON and XLSForm exchange: lossless round trips, multilingual forms, unsupported features,
and bad input that is refused as a whole with a message naming the place."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from survey.i18n import force_locale
from survey.models import Question, Survey
from survey.services import exchange_json, xlsform, xlsform_import
from survey.services.exchange_json import ImportFailed


@pytest.fixture(autouse=True)
def _english_messages():
    """The import messages are compared in English (the msgids)."""
    with force_locale("en"):
        yield


def exported(db, survey) -> dict:
    data = exchange_json.export_survey(db, survey)
    data["survey"].pop("slug")
    return data


def count_surveys(db) -> int:
    return db.scalar(select(func.count(Survey.id)))


def test_json_round_trip_is_lossless(db, needs):
    raw = exchange_json.dumps(exchange_json.export_survey(db, needs))
    result = exchange_json.import_json(db, raw.encode())
    assert result.survey.slug == "bedarf-2"
    assert exported(db, result.survey) == exported(db, needs)


def structure(survey) -> list:
    return [
        (q.key, q.type, q.page, q.required, q.condition, q.settings, q.texts, q.need_category_id,
         [(c.key, c.texts, c.need_category_id, c.weight, c.exclusive) for c in q.choices])
        for q in survey.questions
    ]  # fmt: skip


def test_xlsform_round_trip_keeps_the_structure(db, needs):
    from survey.services import survey_questions as sq

    sq.set_same_page(db, needs.questions[1], True)  # a page with two questions
    raw = xlsform.export_xlsform(db, needs)
    result = xlsform_import.import_xlsform(db, raw)
    assert result.reports == []
    assert structure(result.survey) == structure(needs)
    assert result.survey.texts == needs.texts
    assert result.survey.languages == needs.languages


def test_xlsform_export_uses_language_columns_and_relevant(db, needs):
    book = load_workbook(io.BytesIO(xlsform.export_xlsform(db, needs)))
    headers = [c.value for c in book["survey"][1]]
    assert "label::Deutsch (de)" in headers
    assert "label::Deutsch – Leichte Sprache (de)" in headers
    assert "label::العربية (ar)" in headers
    rows = {row[1]: row for row in book["survey"].iter_rows(min_row=2, values_only=True)}
    relevant = headers.index("relevant")
    assert rows["freizeit_hindernis"][relevant] == "selected(${freizeit}, 'yes')"
    assert rows["unterwegs_schwierig"][0] == "select_multiple unterwegs_schwierig"
    assert rows["wichtig"][0] == "rank wichtig"
    assert book["settings"]["B2"].value == "bedarf"


def workbook(survey_rows, choice_rows=(), settings=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey_rows:
        sheet.append(list(row))
    choices = book.create_sheet("choices")
    for row in choice_rows:
        choices.append(list(row))
    if settings:
        sheet = book.create_sheet("settings")
        for row in settings:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


KOBO_FORM = workbook(
    [
        (
            "type",
            "name",
            "label::English (en)",
            "label::Türkçe (tr)",
            "label::Arabic (ar)",
            "hint::English (en)",
            "required",
            "relevant",
            "appearance",
            "media::image::English (en)",
        ),
        ("start", "start"),
        (
            "select_one yn",
            "car",
            "Do you have a car?",
            "Arabanız var mı?",
            "هل لديك سيارة؟",
            "",
            "yes",
        ),
        (
            "select_multiple transport",
            "how",
            "How do you travel?",
            "Nasıl yolculuk ediyorsunuz?",
            "كيف تتنقل؟",
            "Choose all",
            "",
            "selected(${car}, 'no')",
        ),
        ("geopoint", "where", "Where are you?", "", ""),
        ("begin_repeat", "kids", "Children"),
        ("text", "kid_name", "Name"),
        ("end_repeat",),
        ("begin group", "p2", "", "", "", "", "", "", "field-list"),
        ("integer", "age", "Age", "Yaş", "العمر"),
        ("text", "comment", "Comment", "Yorum", "تعليق", "", "", "${age} > 18", "multiline"),
        ("end group",),
        ("calculate", "calc"),
    ],
    [
        ("list_name", "name", "label::English (en)", "label::Türkçe (tr)", "label::Arabic (ar)"),
        ("yn", "yes", "Yes", "Evet", "نعم"),
        ("yn", "no", "No", "Hayır", "لا"),
        ("transport", "bus", "Bus", "Otobüs", "حافلة"),
        ("transport", "walk", "Walking", "Yürüyerek", "مشيًا"),
    ],
    [("form_title", "form_id", "default_language"), ("Travel", "travel", "English (en)")],
)


def test_multilingual_xlsform_with_unsupported_features_is_imported_with_a_report(db):
    result = xlsform_import.import_xlsform(db, KOBO_FORM)
    survey = result.survey
    assert survey.languages == ["en", "tr", "ar"]
    assert [q.key for q in survey.questions] == ["car", "how", "age", "comment"]
    car, how, age, comment = survey.questions
    assert car.type == "yes_no"
    assert car.required
    assert car.texts["label"] == {"en": "Do you have a car?", "tr": "Arabanız var mı?",
                                  "ar": "هل لديك سيارة؟"}  # fmt: skip
    assert how.condition == {"mode": "any", "rules": [{"question": "car", "values": ["no"]}]}
    assert age.page == comment.page != how.page  # the field-list group is one page
    assert comment.type == "long_text"
    assert comment.condition is None
    places = {str(report.place) for report in result.reports}
    reported = " ".join(str(r) for r in result.reports)
    assert "sheet “survey”, row 2" in places  # start: metadata
    assert "sheet “survey”, row 5" in places  # geopoint
    assert "sheet “survey”, row 6" in places  # repeat
    assert "sheet “survey”, row 11" in places  # unreadable condition
    assert "sheet “survey”, row 13" in places  # calculate
    assert "media::image::English (en)" in reported
    assert "kid_name" not in [q.key for q in survey.questions]


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        (b"{not json", "line 1"),
        (b"[]", "format"),
        (json.dumps({"format": "mitsprache-survey", "format_version": 99}).encode(),
         "format_version"),
    ],
)  # fmt: skip
def test_malformed_json_is_refused(db, raw, place):
    with pytest.raises(ImportFailed) as failed:
        exchange_json.import_json(db, raw)
    assert failed.value.problems[0].place == place


def spec(**changes) -> dict:
    base = {
        "format": "mitsprache-survey",
        "format_version": 1,
        "survey": {
            "languages": ["de"],
            "texts": {"title": {"de": "T"}},
            "questions": [
                {"key": "a", "type": "yes_no", "texts": {"label": {"de": "A?"}},
                 "choices": [{"key": "yes", "texts": {"label": {"de": "Ja"}}},
                             {"key": "no", "texts": {"label": {"de": "Nein"}}}]},
                {"key": "b", "type": "short_text", "texts": {"label": {"de": "B"}}},
            ],
        },
    }  # fmt: skip
    for path, value in changes.items():
        target = base["survey"]
        *parts, last = path.split("__")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return base


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"questions__1__key": "a"}, "survey.questions[1].key"),
        ({"questions__0__choices__1__key": "yes"}, "survey.questions[0] “a”.choices[1].key"),
        ({"questions__0__required": "yes"}, "survey.questions[0] “a”.required"),
        ({"questions__0__type": "geo"}, "survey.questions[0] “a”.type"),
        ({"questions__1__texts": {"label": {"de": "<script>alert(1)</script>"}}},
         "survey.questions[1] “b”.texts.label.de"),
        ({"questions__1__texts": {"label": {"de": "x" * 10_000}}},
         "survey.questions[1] “b”.texts.label.de"),
        ({"questions__0__condition": {"rules": [{"question": "b", "values": ["x"]}]}},
         "survey.questions[0] “a”.condition"),
        ({"questions__1__condition": {"rules": [{"question": "zz", "values": ["x"]}]}},
         "survey.questions[1] “b”.condition"),
        ({"languages": "de"}, "survey.languages"),
        ({"questions__0__choices__0__weight": "heavy"}, "survey.questions[0] “a”.choices[0].weight"),
    ],
)  # fmt: skip
def test_bad_survey_files_are_refused_whole_naming_the_place(db, changes, place):
    before = count_surveys(db)
    with pytest.raises(ImportFailed) as failed:
        exchange_json.import_json(db, json.dumps(spec(**changes)))
    assert place in [p.place for p in failed.value.problems]
    assert all(str(p.message) for p in failed.value.problems)
    db.flush()
    assert count_surveys(db) == before
    assert db.scalar(select(func.count(Question.id))) == 0


def test_ten_megabytes_are_refused_before_parsing(db):
    with pytest.raises(ImportFailed) as failed:
        exchange_json.import_json(db, b" " * (10 * 2**20))
    assert "too big" in str(failed.value.problems[0].message)


@pytest.mark.parametrize(
    "raw",
    [b"PK\x03\x04 not really a zip", b"", b"plain text", workbook([("name", "label")])],
)
def test_malformed_xlsx_is_refused_with_a_message(db, raw):
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    assert str(failed.value.problems[0].message)


def test_xlsform_with_a_missing_choice_list_names_the_row(db):
    raw = workbook([("type", "name", "label"), ("select_one nolist", "q1", "Q?")])
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    assert failed.value.problems[0].place == "sheet “survey”, row 2"


def test_xlsform_with_duplicate_names_names_the_row(db):
    raw = workbook([("type", "name", "label"), ("text", "q1", "A"), ("text", "q1", "B")])
    with pytest.raises(ImportFailed) as failed:
        xlsform_import.import_xlsform(db, raw)
    assert failed.value.problems[0].place == "sheet “survey”, row 3"
    assert count_surveys(db) == 0
