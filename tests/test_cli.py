"""The `mitsprache` command: init-db, create-user, demo."""

from __future__ import annotations

from sqlalchemy import func, select

from survey.models import NeedCategory, Photo, Role, User


def test_init_db_is_repeatable(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        assert "up to date" in result.output


def test_create_user_from_the_command_line(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "leitung@example.org", "--role", "walk-leader", "--name", "Jana",
              "--password", "a long enough password"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.scalar(select(User).where(User.email == "leitung@example.org"))
    assert user.role is Role.WALK_LEADER
    assert user.name == "Jana"
    again = runner.invoke(
        args=["create-user", "LEITUNG@example.org", "--role", "coordinator", "--name", "X",
              "--password", "a long enough password"]
    )  # fmt: skip
    assert again.exit_code != 0
    assert "already" in again.output


def test_create_user_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "a@example.org",
            "--role",
            "coordinator",
            "--name",
            "A",
            "--password",
            "short",
        ]
    )
    assert result.exit_code != 0


def test_demo_prints_logins_and_keeps_data_when_run_again(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "koordination@example.org" in first.output
    assert "rundgang@example.org" in first.output
    counts = (
        db.scalar(select(func.count(User.id))),
        db.scalar(select(func.count(NeedCategory.id))),
    )
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    db.expire_all()
    assert (
        db.scalar(select(func.count(User.id))),
        db.scalar(select(func.count(NeedCategory.id))),
    ) == counts
    assert counts[1] == 10
    assert db.scalar(select(func.count(Photo.id))) == 1, "the demo walk shows one photo"


def test_demo_logins_work(app, client):
    app.test_cli_runner().invoke(args=["demo"])
    for email in ["koordination@example.org", "rundgang@example.org"]:
        response = client.post("/login", data={"email": email, "password": "mitsprache-demo"})
        assert response.status_code == 302
        client.post("/logout")


def test_fresh_install_creates_a_survey_from_the_needs_template(app, client, db):
    """init-db + create-user is the production path: the templates' need categories exist."""
    from survey.models import Choice, Question, Survey, SurveyKind

    runner = app.test_cli_runner()
    assert db.scalar(select(func.count(NeedCategory.id))) == 0
    db.rollback()  # end the read, so init-db's migration run may take the SQLite write lock
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert db.scalar(select(func.count(NeedCategory.id))) == 10
    db.rollback()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    assert db.scalar(select(func.count(NeedCategory.id))) == 10, "safe to run again"
    protocols = select(func.count(Survey.id)).where(Survey.kind == SurveyKind.WALK_PROTOCOL)
    assert db.scalar(protocols) == 1, "walks can be planned at once"
    result = runner.invoke(
        args=["create-user", "koordination@example.net", "--role", "coordinator",
              "--name", "Kim", "--password", "a long enough password"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    login = {"email": "koordination@example.net", "password": "a long enough password"}
    assert client.post("/login", data=login).status_code == 302
    response = client.post("/builder/from-template", data={"template-template": "needs"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.expire_all()
    survey = db.scalar(select(Survey).where(Survey.kind == SurveyKind.QUESTIONNAIRE))
    assert response.headers["Location"].endswith(f"/builder/{survey.slug}/")
    mapped = db.scalar(
        select(func.count(Choice.id))
        .join(Choice.question)
        .where(Question.survey_id == survey.id, Choice.need_category_id.is_not(None))
    )
    assert mapped > 0, "the template's choices point at the seeded categories"


def test_a_template_that_cannot_be_set_up_gives_a_clear_message(
    monkeypatch, client, coordinator, db
):
    from survey.models import Survey, SurveyKind
    from survey.services import templates_de
    from survey.services.exchange_json import ImportFailed, Problem

    from .pages import check_page

    def broken(session, created_by_id=None):
        session.add(Survey(slug="halb", kind=SurveyKind.QUESTIONNAIRE,
                           languages=["de"], default_language="de", texts={}))  # fmt: skip
        session.flush()
        raise ImportFailed([Problem("choices", "unknown need category")])

    monkeypatch.setattr(templates_de, "available", lambda: {"needs": ("Needs", broken)})
    response = client.post("/builder/from-template?lang=en", data={"template-template": "needs"})
    assert response.status_code == 400
    soup = check_page(response)
    summary = soup.select_one(".error-summary")
    assert "Nothing was created" in summary.get_text()
    assert summary.select_one("a[href='#template-template']")
    db.expire_all()
    assert db.scalar(select(func.count(Survey.id))) == 0, "nothing half-stored"


def test_demo_run_again_leaves_a_networks_own_open_survey_alone(app, db):
    """`make run` runs `mitsprache demo` every time: it must never answer real surveys."""
    from survey.models import Response, Survey
    from survey.services import demo

    from .factories import ALL_TYPES, make_survey

    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    own = make_survey(db, "unsere-umfrage", [dict(q) for q in ALL_TYPES if q["key"] != "wohnort"])
    own.publish()
    db.commit()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.expire_all()
    counts = dict(
        db.execute(
            select(Survey.slug, func.count(Response.id))
            .join(Response, Response.survey_id == Survey.id, isouter=True)
            .group_by(Survey.slug)
        ).all()
    )
    assert counts["unsere-umfrage"] == 0
    assert counts[demo.DEMO_SURVEY_SLUG] == 300


def _add(runner, *args: str):
    return runner.invoke(args=["create-user", *args])


def test_create_user_refuses_what_cannot_be_an_account(app, db):
    runner = app.test_cli_runner()
    password = "a long enough password"
    cases = [
        (["notanemail", "--name", "A"], "EMAIL"),
        (["", "--name", "A"], "EMAIL"),
        (["two@at@example.org", "--name", "A"], "EMAIL"),
        ([("x" * 250) + "@example.org", "--name", "A"], "254"),
        (["a@example.org", "--name", "   "], "--name"),
        (["a@example.org", "--name", "N" * 121], "120"),
        (["a@example.org", "--name", "A", "--password", "x" * 201], "200"),
    ]
    for args, expected in cases:
        if "--password" not in args:
            args = [*args, "--password", password]
        result = _add(runner, *args, "--role", "coordinator")
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.output, (args, result.output)
        assert "Traceback" not in result.output
    db.rollback()
    assert db.scalar(select(func.count(User.id))) == 0, "nothing stored"
    ok = _add(runner, " Kim@Example.org ", "--name", " Kim ", "--password", password,
              "--role", "walk-leader")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    user = db.scalar(select(User))
    assert (user.email, user.name) == ("kim@example.org", "Kim")


def test_create_user_service_refuses_bad_values(app, db):
    import pytest

    from survey.services import users

    hasher = app.extensions["password_hasher"]
    for email, name, password in [
        ("nobody", "A", "a long enough password"),
        ("a@example.org", "", "a long enough password"),
        ("a@example.org", "A", "short"),
    ]:
        with pytest.raises(users.InvalidAccount):
            users.create_user(db, hasher, email=email, name=name, password=password,
                              role=Role.COORDINATOR)  # fmt: skip
    assert db.scalar(select(func.count(User.id))) == 0


def test_set_password_from_the_command_line(app, client, make_user):
    user = make_user(Role.WALK_LEADER)
    runner = app.test_cli_runner()
    leaders_phone = app.test_client()
    login = {"email": user.email, "password": "correct horse battery staple"}
    assert leaders_phone.post("/login", data=login).status_code == 302

    asked = runner.invoke(
        args=["set-password", user.email.upper()], input="new password one\nnew password one\n"
    )
    assert asked.exit_code == 0, asked.output
    assert asked.output.count("password") >= 2, "asked twice (typed, then repeated)"
    assert leaders_phone.get("/dashboard").status_code == 302, "its other sessions ended"
    login["password"] = "new password one"
    assert client.post("/login", data=login).status_code == 302
    client.post("/logout")

    piped = runner.invoke(
        args=["set-password", user.email, "--password-stdin"], input="new password two\n"
    )
    assert piped.exit_code == 0, piped.output
    assert client.post("/login", data=login).status_code == 400
    login["password"] = "new password two"
    assert client.post("/login", data=login).status_code == 302

    mismatch = runner.invoke(
        args=["set-password", user.email], input="aaaaaaaaaaaaa\nbbbbbbbbbbbbb\n" * 3
    )
    assert mismatch.exit_code != 0
    short = runner.invoke(args=["set-password", user.email, "--password-stdin"], input="short\n")
    assert short.exit_code == 1
    assert "12" in short.output
    unknown = runner.invoke(
        args=["set-password", "nobody@example.org", "--password-stdin"], input="x" * 20 + "\n"
    )
    assert unknown.exit_code == 1
    assert "no account" in unknown.output
    assert client.post("/login", data=login).status_code == 302, "still the second password"
