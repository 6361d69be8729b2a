"""`mitsprache import-survey` / `export-survey`, and the demo needs survey."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from sqlalchemy import func, select

from survey.models import Survey, SurveyStatus
from survey.services import demo, survey_completeness
from survey.services.surveys import find_survey

from .helpers import seed


def test_export_and_import_survey_on_the_command_line(app, db, tmp_path):
    slug = seed(app)
    runner = app.test_cli_runner()
    out = tmp_path / "bedarf.json"
    result = runner.invoke(args=["export-survey", slug, "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["survey"]["slug"] == slug

    xlsx = tmp_path / "bedarf.xlsx"
    result = runner.invoke(args=["export-survey", slug, "--format", "xlsform", "-o", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert load_workbook(xlsx).sheetnames == ["survey", "choices", "settings"]

    for path in (out, xlsx):
        result = runner.invoke(args=["import-survey", str(path)])
        assert result.exit_code == 0, result.output
        assert "as a draft" in result.output
    db.expire_all()
    assert db.scalar(select(func.count(Survey.id))) == 3


def test_json_export_goes_to_stdout_without_output(app, tmp_path):
    slug = seed(app)
    result = app.test_cli_runner().invoke(args=["export-survey", slug])
    assert json.loads(result.output)["format"] == "mitsprache-survey"


def test_command_line_import_names_problems_and_stores_nothing(app, db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "mitsprache-survey", "format_version": 1,
                               "survey": {"questions": [{"key": "1x", "type": "text"}]}}))  # fmt: skip
    result = app.test_cli_runner().invoke(args=["import-survey", str(bad)])
    assert result.exit_code == 1
    assert "survey.questions[0].key" in result.output
    assert "survey.questions[0].type" in result.output
    assert db.scalar(select(func.count(Survey.id))) == 0
    missing = app.test_cli_runner().invoke(args=["export-survey", "nope"])
    assert missing.exit_code == 1


def test_demo_seeds_the_open_needs_survey_once(app, db):
    hasher = app.extensions["password_hasher"]
    demo.seed_demo(db, hasher)
    db.commit()
    demo.seed_demo(db, hasher)
    db.commit()
    assert db.scalar(select(func.count(Survey.id))) == 1
    survey = find_survey(db, "bedarfserhebung-2026")
    assert survey.status is SurveyStatus.OPEN
    assert survey.public_results is True
    assert survey.languages == ["de", "en", "tr", "ar", "uk"]
    assert survey_completeness.missing_texts(survey) == []


def test_the_needs_survey_has_what_the_results_need(app, db):
    demo.seed_demo(db, app.extensions["password_hasher"])
    survey = find_survey(db, "bedarfserhebung-2026")
    types = {q.key: q.type for q in survey.questions}
    assert types["wohngebiet"] == "area"
    assert [c.key for c in survey.questions[0].choices] == [
        "altstadt",
        "nordviertel",
        "bahnhof",
        "suedpark",
    ]
    assert any(q.settings.get("is_group") for q in survey.questions)
    assert {"rating", "ranking", "long_text", "multiple_choice"} <= set(types.values())
    mapped = [c for q in survey.questions if q.type == "multiple_choice" for c in q.choices
              if c.need_category_id]  # fmt: skip
    assert mapped
    assert {c.weight for c in mapped} >= {1.0, 0.5}
    conditional = [q for q in survey.questions if q.condition]
    assert conditional
    easy = [q for q in survey.questions if q.texts.get("label_easy", {}).get("de")]
    assert len(easy) >= len(survey.questions) // 2
