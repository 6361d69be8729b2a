"""Maintenance commands: `mitsprache backup FILE`, `restore FILE`, `purge` (retention) and
`rebuild-tallies` (the results' running counts)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from . import db
from .services import backup, retention, tallies


def _known_revisions(url: str) -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config(url))
    return {rev.revision for rev in script.walk_revisions()}


def _print_info(info: backup.BackupInfo) -> None:
    rows = sum(info.tables.values())
    click.echo(f"  file:     {info.path} ({info.size:,} bytes)")
    click.echo(f"  schema:   {info.schema_revision}")
    click.echo(f"  rows:     {rows:,} in {len(info.tables)} tables")
    for table in ("survey", "response", "answer", "walk", "observation", "user_account"):
        if table in info.tables:
            click.echo(f"            {table:<14} {info.tables[table]:>10,}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Write a consistent copy of the SQLite database to FILE (the server may keep running)."""
    try:
        info = backup.backup_database(current_app.config["DATABASE_URL"], file)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Backup written and checked.")
    _print_info(info)


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the current data.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace the SQLite database with the backup in FILE, then bring its schema up to date."""
    url = current_app.config["DATABASE_URL"]
    try:
        target = backup.sqlite_path(url)
        if target.exists() and not yes:
            click.confirm(
                f"This replaces ALL data in {target} with the backup {file}. Continue?",
                abort=True,
            )
        info = backup.restore_database(url, file, _known_revisions(url))
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    db.upgrade(url)
    click.echo("Database restored and checked.")
    _print_info(info)


@click.command("purge")
@click.option(
    "--partial-days",
    type=click.IntRange(min=1),
    default=retention.DEFAULT_PARTIAL_DAYS,
    show_default=True,
    help="Delete unfinished responses not touched for this many days.",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@with_appcontext
def purge_command(partial_days: int, dry_run: bool) -> None:
    """Delete old unfinished responses and expired rate-limit counters (retention)."""
    session = db.get_session()
    report = retention.purge(session, partial_days=partial_days, dry_run=dry_run)
    if dry_run:
        session.rollback()
        verb = "Would delete"
    else:
        session.commit()
        verb = "Deleted"
    click.echo(
        f"{verb} {report.partial_responses} unfinished responses older than {partial_days} days "
        f"({report.answers} answers) and {report.rate_limit_counters} expired rate-limit counters."
    )


@click.command("rebuild-tallies")
@click.argument("slugs", nargs=-1)
@with_appcontext
def rebuild_tallies_command(slugs: tuple[str, ...]) -> None:
    """Count the complete responses of the surveys (all, or those named) again.

    Results check the running counts before they use them and otherwise count the answers,
    so this is never needed for correct figures; it makes them fast again after responses
    were written around the app (a bulk load straight into the tables).
    """
    from sqlalchemy import select

    from .models import Survey

    session = db.get_session()
    query = select(Survey).order_by(Survey.id)
    if slugs:
        query = query.where(Survey.slug.in_(slugs))
    found = session.scalars(query).all()
    missing = sorted(set(slugs) - {s.slug for s in found})
    if missing:
        raise click.ClickException(f"No survey with the address {', '.join(missing)}.")
    for survey in found:
        count = tallies.rebuild(session, survey)
        click.echo(f"{survey.slug}: {count} complete responses counted.")
    session.commit()


COMMANDS = (backup_command, restore_command, purge_command, rebuild_tallies_command)
