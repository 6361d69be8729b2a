"""Free text typed by staff (walk and observation notes, survey titles) runs in its own
direction: every text input and textarea of the form macros has dir="auto", so Arabic typed
on a German page reads right to left. Numbers, e-mail addresses and passwords do not."""

from __future__ import annotations

from survey.models import Role

from .pages import check_page
from .walk_helpers import make_walk

NOT_FREE_TEXT = {
    "hidden",
    "email",
    "password",
    "number",
    "url",
    "file",
    "checkbox",
    "radio",
    "date",
}
NUMERIC = {"numeric", "decimal"}


def _free_text_controls(soup):
    for control in soup.find("main").select("form input, form textarea"):
        if control.name == "input" and control.get("type", "text") in NOT_FREE_TEXT:
            continue
        if control.get("inputmode") in NUMERIC:
            continue
        yield control


def _without_direction(client, url):
    page = client.get(url, query_string={"lang": "de"})
    assert page.status_code == 200, url
    soup = check_page(page, form_required=True)
    controls = list(_free_text_controls(soup))
    assert controls, f"{url} has no free-text field"
    return [c.get("name") for c in controls if c.get("dir") != "auto"]


def test_staff_free_text_fields_take_their_direction_from_the_text(app, client, login):
    leader = login(Role.COORDINATOR)
    walk_uuid = make_walk(app, leader)
    for url in ["/walks/new", f"/walks/{walk_uuid}/observations/new", "/builder/new"]:
        assert _without_direction(client, url) == [], url


def test_email_password_and_numbers_keep_left_to_right(client, login):
    login(Role.COORDINATOR)
    soup = check_page(client.get("/users/new", query_string={"lang": "ar"}))
    email = soup.find("input", attrs={"type": "email"})
    assert email is not None
    assert email.get("dir") is None
    for field in soup.find_all("input", attrs={"type": "password"}):
        assert field.get("dir") is None
    name = soup.find("input", attrs={"name": "name"})
    assert name["dir"] == "auto"
