"""Translator tooling for the gettext catalogs (no Flask): read, write, extract, check.

Keeping catalogs in step and filling them lives in `catalog_workflow`.

Used by `mitsprache translate …`, by `scripts/po_fill.py` and by the catalog tests, so all
three agree on what "complete" means.

- `translations/messages.pot` holds every interface string (English msgids).
- `translations/<lang>/LC_MESSAGES/messages.po` is the standard register of a language.
- `translations/<lang>/LC_MESSAGES/easy.po` (optional) is its easy-read register. It holds the
  *resident* strings: those marked in the code with a translator comment starting with
  "resident" (`# Translators: resident` in Python, `{# Translators: resident #}` in templates).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from gettext import c2py
from importlib import metadata
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from .config import LANGUAGES, ROOT

TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
BABEL_CFG = ROOT / "babel.cfg"
DOMAINS = ("messages", "easy")
RESIDENT_TAG = "resident"
PROJECT = "Mitsprache"
TEAM = "Mitsprache translators"
SOURCE_LANGUAGE = "en"  # the msgids are English: its catalog is filled from them

Key = tuple[str | None, str | tuple[str, ...]]


# --- reading and writing -------------------------------------------------------------------


def po_path(locale: str, domain: str = "messages") -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / f"{domain}.po"


def display(path: Path) -> str:
    """A path as people read it in messages: relative to the project when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=path.stem, abort_invalid=True)


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a .po the way Poedit and Weblate expect: UTF-8, wrapped at 76, no obsolete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=76, omit_header=False, ignore_obsolete=True)


def catalogs(domain: str = "messages") -> Iterator[tuple[str, Path]]:
    """(locale, path) of every existing catalog of a domain, in the order of LANGUAGES."""
    found = {p.parts[-3]: p for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{domain}.po")}
    for locale in [*LANGUAGES, *sorted(set(found) - set(LANGUAGES))]:
        if locale in found:
            yield locale, found[locale]


def key(message: Message) -> Key:
    mid = message.id
    return (message.context, tuple(mid) if isinstance(mid, list | tuple) else mid)


def entries(catalog: Catalog) -> dict[Key, Message]:
    return {key(m): m for m in catalog if m.id}


def is_resident(message: Message) -> bool:
    """True when the code marks the string as seen by residents (needs an easy-read version)."""
    for comment in message.auto_comments:
        words = comment.replace("Translators:", "", 1).split()
        if words and words[0].rstrip(".,:;!").lower() == RESIDENT_TAG:
            return True
    return False


def resident_keys(template: Catalog) -> set[Key]:
    return {k for k, m in entries(template).items() if is_resident(m)}


# --- extraction ----------------------------------------------------------------------------


def _version() -> str:
    try:
        return metadata.version("mitsprache")
    except metadata.PackageNotFoundError:
        return "dev"


def extract(output: Path = POT) -> Catalog:
    """Collect every translatable string of the code into a .pot and return it."""
    args = [
        "pybabel",
        "--quiet",
        "extract",
        "--mapping-file",
        str(BABEL_CFG),
        "--keyword",
        "_l",
        "--add-comments",
        "Translators:",
        "--strip-comments",
        "--no-location",
        "--sort-output",
        "--project",
        PROJECT,
        "--version",
        _version(),
        "--msgid-bugs-address",
        "",
        "--copyright-holder",
        "the Mitsprache contributors",
        "--width",
        "76",
        "--output-file",
        str(output),
        str(ROOT),  # babel.cfg's patterns (survey/**.py, templates/**.html) are relative to it
    ]
    with redirect_stdout(io.StringIO()):
        CommandLineInterface().run(args)
    return read_catalog(output)


# --- checks --------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*\d*(?:\.\d+)?(?P<conv>[a-z%])", re.I)


_BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The named placeholders (a set) and the positional ones (a sequence) of a string:
    `%(name)s`, `%s`/`%d`, and `{name}` of str.format (used by some library messages)."""
    named: set[str] = {f"{{{name}}}" for name in _BRACES.findall(text)}
    positional: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match["conv"] == "%":
            continue
        if match["name"] is not None:
            named.add(f"{match['name']}:{match['conv']}")
        else:
            positional.append(match["conv"])
    return frozenset(named), tuple(positional)


def expected_plural_count(locale: str) -> int:
    return get_plural(locale).num_plurals


@dataclass(frozen=True)
class Problem:
    locale: str
    domain: str
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.locale}/{self.domain}.po: {self.what}: {self.msgid!r}"


def msgid_text(message: Message) -> str:
    return message.id[0] if isinstance(message.id, list | tuple) else message.id


def check_catalog(
    locale: str, domain: str, catalog: Catalog, template: Catalog
) -> Iterator[Problem]:
    """Everything a translator still has to do or fix in one catalog."""

    def problem(message: Message, what: str) -> Problem:
        return Problem(locale, domain, msgid_text(message), what)

    wanted = entries(template)
    if domain != "messages":
        wanted = {k: m for k, m in wanted.items() if is_resident(m)}
    have = entries(catalog)
    nplurals = expected_plural_count(locale)
    if catalog.num_plurals != nplurals:
        yield Problem(locale, domain, "", f"Plural-Forms has {catalog.num_plurals}, not {nplurals}")
    for k, message in wanted.items():
        if k not in have:
            yield problem(message, "missing (run `translate update`)")
    for k, message in have.items():
        if k not in entries(template):
            yield problem(message, "not in messages.pot any more (run `translate update`)")
            continue
        if message.fuzzy:
            yield problem(message, "fuzzy")
        single = single_number_forms(catalog.plural_expr, nplurals)
        yield from (problem(message, w) for w in _text_problems(message, nplurals, single))


def single_number_forms(plural_expr: str, nplurals: int) -> frozenset[int]:
    """The first form and the forms a language uses for one number only (Arabic's forms for
    0, 1 and 2): like GNU msgfmt -c, only these may leave out the number of the plural msgid."""
    try:
        form = c2py(plural_expr)
    except ValueError:
        return frozenset({0})
    used: dict[int, int] = {}
    for n in range(1000):
        used[form(n)] = used.get(form(n), 0) + 1
    return frozenset({0} | {i for i in range(nplurals) if used.get(i, 0) <= 1})


def _text_problems(
    message: Message, nplurals: int, single: frozenset[int] = frozenset({0})
) -> Iterator[str]:
    if isinstance(message.id, list | tuple):
        strings = list(message.string) if isinstance(message.string, list | tuple) else []
        if len(strings) != nplurals:
            yield f"has {len(strings)} plural forms, needs {nplurals}"
        sources = [placeholders(s) for s in message.id]
        for index, text in enumerate(strings):
            if not text:
                yield f"plural form {index} is empty"
            elif placeholders(text) not in sources:
                yield f"plural form {index} has other placeholders than the msgid"
            elif index not in single and placeholders(text) != sources[-1]:
                # a form used for many numbers (2, 3, 11 …) must say which one
                yield f"plural form {index} lacks the placeholders of the plural msgid"
        return
    if not message.string:
        yield "untranslated"
    elif placeholders(message.string) != placeholders(message.id):
        yield "placeholders differ from the msgid"


def check_all(template: Catalog | None = None) -> list[Problem]:
    template = template or read_catalog(POT)
    found: list[Problem] = []
    for domain in DOMAINS:
        for locale, path in catalogs(domain):
            found.extend(check_catalog(locale, domain, read_catalog(path, locale), template))
    for locale in LANGUAGES:
        if not po_path(locale).exists():
            found.append(
                Problem(locale, "messages", "", "catalog missing (run `translate update`)")
            )
    return found


def compile_catalog(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


# --- keeping catalogs in step with the template --------------------------------------------


def new_catalog(locale: str, domain: str) -> Catalog:
    Locale.parse(locale)  # fails early on an unknown code
    return Catalog(
        locale=locale,
        domain=domain,
        project=PROJECT,
        version=_version(),
        copyright_holder="the Mitsprache contributors",
        msgid_bugs_address="",
        last_translator=TEAM,
        language_team=f"{Locale.parse(locale).english_name} ({TEAM})",
        fuzzy=False,
    )
