"""The `mitsprache` command: database, accounts, demo content, translations."""

from __future__ import annotations

import json
import sys

import click
from babel.core import UnknownLocaleError
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from . import catalog_workflow as workflow
from . import catalogs, db, maintenance
from .models import Role
from .services import demo, protocols, taxonomy, users


def main() -> None:
    """Entry point of the `mitsprache` console script."""
    from . import create_app

    group = FlaskGroup(create_app=lambda: create_app(), add_default_commands=True)
    group.help = "Mitsprache: accessible needs assessment for inclusion networks."
    group(prog_name="mitsprache")


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database to the newest schema, with the default need categories
    and the ready walk protocol (so walks can be planned at once)."""
    db.upgrade(current_app.config["DATABASE_URL"])
    session = db.get_session()
    added = taxonomy.seed_need_categories(session)
    protocol_added = protocols.ensure_walk_protocol(session)
    session.commit()
    click.echo("Database is up to date.")
    if added:
        click.echo(f"Added {added} default need categories.")
    if protocol_added:
        click.echo("Added the ready walk protocol.")


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["coordinator", "walk-leader"]), required=True, help="Staff role"
)
@click.option("--name", prompt=True, help="The person's name")
@click.password_option(help="First password (asked for when not given)")
@with_appcontext
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Add a staff account (coordinator or walk leader)."""
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
    except users.InvalidAccount as exc:
        raise click.BadParameter(str(exc), param_hint=_PARAMS[exc.field]) from None
    except users.UserExists:
        raise click.ClickException(f"There is already an account for {email}.") from None
    session.commit()
    click.echo(f"Created {role} account for {email}.")


_PARAMS = {"email": "EMAIL", "name": "--name", "password": "--password"}


@click.command("set-password")
@click.argument("email")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the new password from the first line of standard input instead of asking.",
)
@with_appcontext
def set_password(email: str, password_stdin: bool) -> None:
    """Give a staff account a new password (when it was forgotten); ends its other sessions."""
    session = db.get_session()
    user = users.find_by_email(session, email)
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        users.set_password(current_app.extensions["password_hasher"], user, password)
    except users.InvalidAccount as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"New password set for {user.email}; its other login sessions have ended.")
    if not user.active:
        click.echo("Note: this account is switched off; a coordinator can switch it on again.")


@click.command("demo")
@with_appcontext
def seed_demo() -> None:
    """Add demo content where missing (safe to run again) and print the demo logins."""
    session = db.get_session()
    logins = demo.seed_demo(
        session,
        current_app.extensions["password_hasher"],
        current_app.extensions.get("photo_storage"),
    )
    session.commit()
    click.echo("")
    click.echo(f"  Demo logins (password for both: {demo.DEMO_PASSWORD})")
    for login in logins:
        click.echo(f"    {login.role.value:<12} {login.email:<28} {login.name}")
    click.echo("")


@click.group("translate")
def translate() -> None:
    """Translator workflow: extract, update, check, compile; export and apply translations."""


@translate.command("extract")
def translate_extract() -> None:
    """Collect every translatable string into translations/messages.pot."""
    template = catalogs.extract()
    strings = sum(1 for m in template if m.id)
    resident = len(catalogs.resident_keys(template))
    click.echo(f"{catalogs.display(catalogs.POT)}: {strings} strings, {resident} for residents.")


@translate.command("update")
def translate_update() -> None:
    """Bring every .po in step with messages.pot (new strings appear empty, never fuzzy).

    Creates messages.po for each language in LANGUAGES that has none; easy.po files get the
    strings marked "resident"."""
    for line in workflow.update_all(catalogs.read_catalog(catalogs.POT)):
        click.echo(line)


@translate.command("init")
@click.argument("locale")
@click.option("--easy", is_flag=True, help="Create the easy-read register (easy.po) instead.")
def translate_init(locale: str, easy: bool) -> None:
    """Start the catalog of a new language (or its easy-read register) from messages.pot."""
    domain = "easy" if easy else "messages"
    path = catalogs.po_path(locale, domain)
    if path.exists():
        raise click.ClickException(f"{catalogs.display(path)} exists already")
    try:
        empty = catalogs.new_catalog(locale, domain)
    except (ValueError, UnknownLocaleError):
        raise click.ClickException(f"{locale!r} is not a language code Babel knows") from None
    template = catalogs.read_catalog(catalogs.POT)
    catalogs.write_catalog(path, workflow.sync(empty, template, only_resident=easy))
    click.echo(f"created {catalogs.display(path)}")


@translate.command("check")
def translate_check() -> None:
    """List what is untranslated, fuzzy or broken; fails while anything is left."""
    problems = catalogs.check_all()
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.ClickException(f"{len(problems)} problems in the catalogs")
    click.echo("All catalogs are complete.")


@translate.command("compile")
def translate_compile() -> None:
    """Compile every .po to .mo (the app reads the .po files directly; this is for tools)."""
    for domain in catalogs.DOMAINS:
        for locale, path in catalogs.catalogs(domain):
            catalog = catalogs.read_catalog(path, locale)
            path.with_suffix(".mo").write_bytes(catalogs.compile_catalog(catalog))
            click.echo(f"compiled {catalogs.display(path)}")


@translate.command("missing")
@click.argument("locale")
@click.option("--domain", type=click.Choice(catalogs.DOMAINS), default="messages")
def translate_missing(locale: str, domain: str) -> None:
    """Print the strings LOCALE still lacks as JSON, to fill in and `apply`."""
    path = catalogs.po_path(locale, domain)
    if not path.exists():
        raise click.ClickException(f"{catalogs.display(path)} does not exist")
    todo = workflow.missing(catalogs.read_catalog(path, locale))
    click.echo(json.dumps(todo, ensure_ascii=False, indent=2))


@translate.command("apply")
@click.argument("locale")
@click.argument("mapping", type=click.File("r", encoding="utf-8"))
@click.option("--domain", type=click.Choice(catalogs.DOMAINS), default="messages")
@click.option("--overwrite", is_flag=True, help="Replace translations that exist already.")
def translate_apply(locale: str, mapping, domain: str, overwrite: bool) -> None:
    """Put the translations of a JSON file (msgid -> text) into LOCALE's catalog."""
    path = catalogs.po_path(locale, domain)
    catalog = catalogs.read_catalog(path, locale)
    try:
        changed, unknown = workflow.apply(catalog, json.load(mapping), overwrite=overwrite)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    catalogs.write_catalog(path, catalog)
    for k in unknown:
        click.echo(f"not in the catalog (skipped): {k!r}", err=True)
    click.echo(f"{catalogs.display(path)}: {changed} translations set.")


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
    from .builder.cli import COMMANDS as SURVEY_COMMANDS
    from .walks.cli import export_walks

    for command in (
        init_db,
        create_user,
        set_password,
        seed_demo,
        translate,
        export_walks,
        export_responses,
        *SURVEY_COMMANDS,
        *maintenance.COMMANDS,
    ):
        app.cli.add_command(command)
