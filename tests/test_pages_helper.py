"""check_page itself: a good page passes, and each rule fails on one example that breaks it."""

from __future__ import annotations

import re

import pytest

from .pages import check_page

HEAD = '<html lang="de" dir="ltr"><head><title>Start – Mitsprache</title></head><body>'
SKIP = '<a class="skip-link" href="#main">Zum Inhalt</a>'
GOOD_FORM = (
    '<form action="/login" method="post"><input type="hidden" name="csrf_token" value="x">'
    '<label for="email">E-Mail</label><input id="email" name="email" type="email" '
    'aria-describedby="email-hint"><p id="email-hint">Ihre Adresse</p>'
    '<button type="submit">Anmelden</button></form>'
)


def page(body: str = GOOD_FORM, *, head: str = HEAD, h1: str = "<h1>Start</h1>") -> str:
    return f'{head}{SKIP}<main id="main">{h1}{body}</main></body></html>'


def test_a_good_page_passes():
    soup = check_page(page(), form_required=True)
    assert soup.h1.get_text() == "Start"


BROKEN = {
    "no <html> element": "<p>Hallo</p>",
    "<html> has no lang": page(head=HEAD.replace('lang="de" ', "")),
    "<html> has dir=": page(head=HEAD.replace(' dir="ltr"', "")),
    "expected exactly one h1, found 0": page(h1=""),
    "expected exactly one h1, found 2": page(h1="<h1>Start</h1><h1>Noch mal</h1>"),
    "the h1 is empty": page(h1="<h1> </h1>"),
    "does not start with the h1": page(h1="<h1>Anmelden</h1>"),
    "duplicate ids": page(GOOD_FORM + '<p id="email-hint">noch mal</p>'),
    "no skip link": page().replace(SKIP, ""),
    "no element with id=main": page().replace(' id="main"', ""),
    "form control without a label": page(
        GOOD_FORM.replace('<label for="email">E-Mail</label>', "")
    ),
    "empty label": page(GOOD_FORM.replace(">E-Mail</label>", "> </label>")),
    "aria-describedby points at no element": page(GOOD_FORM.replace('id="email-hint"', "")),
    "aria-labelledby points at no element": page(
        '<form action="/s" method="get"><input name="q" aria-labelledby="q-label"></form>'
    ),
    "form without action": page(GOOD_FORM.replace('action="/login"', 'action=""')),
    "POST form without a CSRF field": page(
        GOOD_FORM.replace('<input type="hidden" name="csrf_token" value="x">', "")
    ),
}


@pytest.mark.parametrize("message", list(BROKEN))
def test_each_rule_fails_on_a_page_that_breaks_it(message):
    with pytest.raises(AssertionError, match=re.escape(message)):
        check_page(BROKEN[message])


def test_a_page_with_no_form_fails_when_a_form_is_expected():
    with pytest.raises(AssertionError, match="expected a form on this page"):
        check_page(page(body="<p>Kein Formular</p>"), form_required=True)


def test_the_error_prefix_does_not_count_against_the_title():
    html = page().replace("<title>Start", "<title>Fehler: Start")
    assert check_page(html).title.get_text().startswith("Fehler:")
