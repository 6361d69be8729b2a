"""`mitsprache export-walks`: the walk observations as GeoJSON or CSV."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..db import get_session
from ..i18n import force_locale
from ..models import Walk
from .exports import csv_text, geojson_text


@click.command("export-walks")
@click.option(
    "--format", "fmt", type=click.Choice(["geojson", "csv"]), required=True, help="File format"
)
@click.option("--walk", "walk_uuid", help="Only this walk (its UUID); all walks when left out")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write")
@click.option("--lang", default="de", show_default=True, help="Language of the labels")
@click.option(
    "--coarse",
    is_flag=True,
    help="For public maps: positions to about 250 m, without accuracy, notes, quotes, places",
)
@with_appcontext
def export_walks(
    fmt: str, walk_uuid: str | None, output: str | None, lang: str, coarse: bool
) -> None:
    """Export walk observations. Without --coarse the file holds exact places, notes and
    quotes: keep it among staff."""
    session = get_session()
    query = select(Walk).order_by(Walk.walk_date, Walk.id)
    if walk_uuid:
        query = query.where(Walk.uuid == walk_uuid)
    walks = list(session.scalars(query))
    if walk_uuid and not walks:
        raise click.ClickException(f"There is no walk with the UUID {walk_uuid}.")
    with force_locale(lang):
        render = geojson_text if fmt == "geojson" else csv_text
        text = render(session, walks, coarse=coarse)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        count = sum(len(w.observations) for w in walks)
        click.echo(f"Wrote {count} observations from {len(walks)} walks to {output}.", err=True)
    else:
        click.echo(text, nl=False)
