"""Keeping catalogs in step with messages.pot and filling them: `translate update`,
`translate missing|apply` and `scripts/po_fill.py` use these (no Flask)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from babel.messages.catalog import Catalog, Message

from . import catalogs
from .config import LANGUAGES


def sync(catalog: Catalog, template: Catalog, only_resident: bool = False) -> Catalog:
    """Bring a catalog in step with the template: add new strings (empty), drop removed ones,
    keep every existing translation, refresh translator comments. Nothing becomes fuzzy."""
    wanted = catalogs.entries(template)
    if only_resident:
        wanted = {k: m for k, m in wanted.items() if catalogs.is_resident(m)}
    have = catalogs.entries(catalog)
    result = catalogs.new_catalog(str(catalog.locale), catalog.domain or "messages")
    for attr in ("last_translator", "language_team", "creation_date", "revision_date"):
        value = getattr(catalog, attr)
        if value and not (
            isinstance(value, str) and ("FULL NAME" in value or "LL@li.org" in value)
        ):
            setattr(result, attr, value)
    for k, source in sorted(wanted.items(), key=lambda kv: (kv[0][0] or "", str(kv[0][1]))):
        old = have.get(k)
        string: str | tuple[str, ...] = "" if not isinstance(source.id, tuple | list) else ("",)
        if old is not None and old.string and not old.fuzzy:
            string = old.string
        if isinstance(source.id, tuple | list):
            forms = list(string) if isinstance(string, tuple | list) else [string]
            forms += [""] * (result.num_plurals - len(forms))
            string = tuple(forms[: result.num_plurals])
        result.add(
            source.id,
            string,
            context=source.context,
            auto_comments=source.auto_comments,
            user_comments=old.user_comments if old is not None else [],
        )
    return result


def update_all(template: Catalog, languages: Iterable[str] = LANGUAGES) -> list[str]:
    """Sync every catalog with the template; create messages.po for configured languages that
    lack one. Returns what was done, one line per file."""
    done = []
    for locale in languages:
        if not catalogs.po_path(locale).exists():
            catalogs.write_catalog(
                catalogs.po_path(locale), catalogs.new_catalog(locale, "messages")
            )
            done.append(f"created {catalogs.display(catalogs.po_path(locale))}")
    for domain in catalogs.DOMAINS:
        for locale, path in catalogs.catalogs(domain):
            old = catalogs.read_catalog(path, locale)
            synced = sync(old, template, only_resident=domain != "messages")
            if locale == catalogs.SOURCE_LANGUAGE and domain == "messages":
                copy_source(synced)
            catalogs.write_catalog(path, synced)
            todo = sum(1 for m in synced if m.id and not _is_done(m))
            done.append(f"updated {catalogs.display(path)}: {todo} to translate")
    return done


def _is_done(message: Message) -> bool:
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return all(strings) and not message.fuzzy


# --- filling translations from a mapping ---------------------------------------------------

CONTEXT_SEPARATOR = "\x04"  # gettext's own: "context\x04msgid"


def mapping_key(message: Message) -> str:
    text = catalogs.msgid_text(message)
    return f"{message.context}{CONTEXT_SEPARATOR}{text}" if message.context else text


def missing(catalog: Catalog) -> dict[str, str | list[str]]:
    """The strings still to translate, as a mapping a translator can fill and `apply`.

    Plural entries map the singular msgid to a list with one slot per plural form."""
    todo: dict[str, str | list[str]] = {}
    for message in catalog:
        if message.id and not _is_done(message):
            if isinstance(message.id, list | tuple):
                forms = list(message.string) if isinstance(message.string, list | tuple) else []
                forms += [""] * (catalog.num_plurals - len(forms))
                todo[mapping_key(message)] = forms[: catalog.num_plurals]
            else:
                todo[mapping_key(message)] = message.string or ""
    return todo


def apply(
    catalog: Catalog, mapping: dict[str, str | list[str]], overwrite: bool = False
) -> tuple[int, list[str]]:
    """Put translations from `mapping` into the catalog. Returns (how many were set, keys of
    the mapping that match no entry). Empty values are ignored; fuzzy flags are cleared."""
    by_key = {mapping_key(m): m for m in catalog if m.id}
    unknown = [k for k in mapping if k not in by_key]
    changed = 0
    for k, value in mapping.items():
        message = by_key.get(k)
        if message is None or not value:
            continue
        if _is_done(message) and not overwrite:
            continue
        plural = isinstance(message.id, list | tuple)
        if plural != isinstance(value, list | tuple):
            raise ValueError(f"{k!r}: give {'a list of forms' if plural else 'one string'}")
        if plural and len(value) != catalog.num_plurals:
            raise ValueError(f"{k!r}: needs {catalog.num_plurals} plural forms, got {len(value)}")
        message.string = tuple(value) if plural else value
        message.flags.discard("fuzzy")
        changed += 1
    if changed:
        catalog.revision_date = datetime.now(UTC)
    return changed, unknown


def copy_source(catalog: Catalog) -> int:
    """Fill a catalog of the source language (English): each msgstr is its msgid."""
    changed = 0
    for message in catalog:
        if not message.id or _is_done(message):
            continue
        if isinstance(message.id, list | tuple):
            singular, plural = message.id[0], message.id[1]
            message.string = tuple(
                singular if i == 0 else plural for i in range(catalog.num_plurals)
            )
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
        changed += 1
    if changed:
        catalog.revision_date = datetime.now(UTC)
    return changed
