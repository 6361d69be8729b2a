"""The picture select names what each pictogram shows, in the coordinator's language."""

from __future__ import annotations

from survey.builder.views import PICTOGRAM_LABELS, pictogram_names

from ..pages import check_page
from .helpers import seed


def test_every_pictogram_has_a_name():
    assert pictogram_names(), "no pictograms found"
    assert set(pictogram_names()) == set(PICTOGRAM_LABELS)


def test_the_picture_select_shows_names_not_file_names(client, app, coordinator):
    slug = seed(app)
    page = check_page(client.get(f"/builder/{slug}/questions/wohnung/?lang=en"))
    options = {o["value"]: o.get_text(strip=True) for o in page.select("#pictogram option")}
    assert set(options) == {"", *pictogram_names()}
    assert options["wheelchair"] == "Wheelchair"
    assert options["idea"] == "Light bulb (idea)"
    assert all(options[name] != name for name in pictogram_names())
