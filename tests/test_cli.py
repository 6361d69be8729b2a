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
