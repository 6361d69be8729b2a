"""The `import-survey` and `export-survey` commands (registered in survey/cli.py)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from .. import db
from ..services import exchange_json, xlsform, xlsform_import
from ..services.exchange_json import MAX_IMPORT_BYTES, ImportFailed
from ..services.surveys import find_survey


@click.command("import-survey")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_survey(file: Path) -> None:
    """Import a survey from a Mitsprache .json file or an XLSForm .xlsx workbook (as a draft)."""
    if file.stat().st_size > MAX_IMPORT_BYTES:
        raise click.ClickException(
            f"{file.name}: the file is too big (at most {MAX_IMPORT_BYTES // 2**20} MB)."
        )
    raw = file.read_bytes()
    session = db.get_session()
    suffix = file.suffix.lower()
    try:
        if suffix == ".json":
            result = exchange_json.import_json(session, raw)
        elif suffix == ".xlsx":
            result = xlsform_import.import_xlsform(session, raw)
        else:
            raise click.ClickException("Choose a .json file or an XLSForm .xlsx file.")
    except ImportFailed as failed:
        session.rollback()
        lines = "\n".join(f"  {problem}" for problem in failed.problems)
        raise click.ClickException(f"Nothing was imported. Problems:\n{lines}") from None
    session.commit()
    for report in result.reports:
        click.echo(f"Left out – {report}", err=True)
    click.echo(f"Imported “{result.survey.slug}” as a draft.")


@click.command("export-survey")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsform"]), default="json")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_survey(slug: str, fmt: str, output: Path | None) -> None:
    """Export a survey as a Mitsprache .json file or an XLSForm .xlsx workbook."""
    session = db.get_session()
    survey = find_survey(session, slug)
    if survey is None:
        raise click.ClickException(f"There is no survey “{slug}”.")
    if fmt == "json":
        body = exchange_json.dumps(exchange_json.export_survey(session, survey)).encode()
    else:
        body = xlsform.export_xlsform(session, survey)
    if output is None and fmt == "xlsform":
        output = Path(f"{slug}.xlsx")
    if output is None:
        click.echo(body.decode(), nl=False)
    else:
        output.write_bytes(body)
        click.echo(f"Written to {output}.", err=True)


COMMANDS = [import_survey, export_survey]
