"""The `mitsprache` command: database, accounts, demo content, translations."""

from __future__ import annotations

import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup

from . import db
from .config import ROOT
from .models import Role
from .services import demo, users

TRANSLATIONS = ROOT / "translations"
BABEL_CFG = ROOT / "babel.cfg"


def main() -> None:
    """Entry point of the `mitsprache` console script."""
    from . import create_app

    group = FlaskGroup(create_app=lambda: create_app(), add_default_commands=True)
    group.help = "Mitsprache: accessible needs assessment for inclusion networks."
    group(prog_name="mitsprache")


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database to the newest schema."""
    db.upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["coordinator", "walk-leader"]), required=True, help="Staff role"
)
@click.option("--name", prompt=True, help="The person's name")
@click.password_option(help="First password (asked for when not given)")
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Add a staff account (coordinator or walk leader)."""
    if len(password) < users.MIN_PASSWORD_LENGTH:
        raise click.UsageError(
            f"The password must be at least {users.MIN_PASSWORD_LENGTH} characters long."
        )
    session = db.get_session()
    try:
        users.create_user(
            session,
            current_app.extensions["password_hasher"],
            email=email,
            name=name,
            password=password,
            role=Role(role.replace("-", "_")),
        )
    except users.UserExists:
        raise click.ClickException(f"There is already an account for {email}.") from None
    session.commit()
    click.echo(f"Created {role} account for {email}.")


@click.command("demo")
def seed_demo() -> None:
    """Add demo content where missing (safe to run again) and print the demo logins."""
    session = db.get_session()
    logins = demo.seed_demo(session, current_app.extensions["password_hasher"])
    session.commit()
    click.echo("")
    click.echo(f"  Demo logins (password for both: {demo.DEMO_PASSWORD})")
    for login in logins:
        click.echo(f"    {login.role.value:<12} {login.email:<28} {login.name}")
    click.echo("")


@click.group("translate")
def translate() -> None:
    """Translator workflow: extract strings, update catalogs, compile them."""


def _pybabel(*args: str) -> None:
    cmd = [sys.executable, "-m", "babel.messages.frontend", *args]
    result = subprocess.run(cmd, cwd=ROOT, check=False)
    if result.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


@translate.command("extract")
def translate_extract() -> None:
    """Collect every translatable string into translations/messages.pot."""
    _pybabel(
        "extract",
        "-F",
        str(BABEL_CFG),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "-o",
        str(TRANSLATIONS / "messages.pot"),
        ".",
    )


@translate.command("update")
def translate_update() -> None:
    """Merge the .pot into every language's messages.po (new strings appear empty)."""
    _pybabel(
        "update",
        "-i",
        str(TRANSLATIONS / "messages.pot"),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


@translate.command("compile")
def translate_compile() -> None:
    """Compile every .po to .mo (the app also reads .po directly)."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")
    for path in TRANSLATIONS.glob("*/LC_MESSAGES/easy.po"):
        _pybabel("compile", "-D", "easy", "-d", str(TRANSLATIONS), "-l", path.parts[-3])


@click.command("export-responses")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv")
@click.option("--lang", default=None, help="Language of the answer labels (default: the survey's)")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write")
def export_responses(slug: str, fmt: str, lang: str | None, output: str | None) -> None:
    """Export the complete responses of a survey (one row per response, with codebook)."""
    from .services import aggregate, exports

    session = db.get_session()
    survey = aggregate.load_survey(session, slug)
    if survey is None:
        raise click.ClickException(f"There is no survey with the address {slug!r}.")
    lang = lang or survey.default_language
    if lang not in survey.languages:
        raise click.ClickException(f"The survey has no language {lang!r}.")
    path = output or exports.export_filename(survey, fmt)
    if fmt == "xlsx":
        with open(path, "wb") as target:
            exports.write_xlsx(session, survey, lang, target)
    else:
        stream = exports.stream_csv if fmt == "csv" else exports.stream_json
        with open(path, "w", encoding="utf-8", newline="") as target:
            for chunk in stream(session, survey, lang):
                target.write(chunk)
    click.echo(f"Wrote {path}.")


def register(app: Flask) -> None:
    for command in (init_db, create_user, seed_demo, translate, export_responses):
        app.cli.add_command(command)
