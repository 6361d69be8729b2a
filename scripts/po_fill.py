#!/usr/bin/env python3
"""Fill gettext catalogs from JSON mappings (msgid -> translation), and list what is missing.

    # what does Turkish still lack? (a JSON skeleton: msgid -> "" / list of plural forms)
    python scripts/po_fill.py missing tr > tr.json
    # ... translate the values in tr.json, then:
    python scripts/po_fill.py apply tr tr.json
    # the easy-read register of German
    python scripts/po_fill.py missing de --domain easy > de-easy.json
    python scripts/po_fill.py apply de de-easy.json --domain easy
    # English is the source language: its msgstr is the msgid
    python scripts/po_fill.py source en
    # every language at once: {"de": {...}, "tr": {...}, ...} with only what is missing
    python scripts/po_fill.py missing-all > todo.json
    python scripts/po_fill.py apply-all todo.json

Keys are the English msgids ("context\\u0004msgid" when a string has a context). A plural entry
is keyed by its singular msgid and takes a list with one text per plural form, in the order of
the catalog's Plural-Forms header (Arabic 6, Polish/Russian/Ukrainian 3, most others 2).
Existing translations are kept unless --overwrite is given. The same commands exist as
`python -m survey translate missing|apply`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from survey import catalog_workflow as workflow  # noqa: E402
from survey import catalogs  # noqa: E402


def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _apply(locale: str, domain: str, mapping: dict, overwrite: bool) -> int:
    path = catalogs.po_path(locale, domain)
    if not path.exists():
        print(f"{path} does not exist: run `python -m survey translate update`", file=sys.stderr)
        return 1
    catalog = catalogs.read_catalog(path, locale)
    changed, unknown = workflow.apply(catalog, mapping, overwrite=overwrite)
    catalogs.write_catalog(path, catalog)
    for key in unknown:
        print(f"{locale}/{domain}: not in the catalog, skipped: {key!r}", file=sys.stderr)
    left = len(workflow.missing(catalog))
    print(f"{catalogs.display(path)}: {changed} set, {left} still to translate")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_missing = sub.add_parser("missing", help="print the untranslated strings as JSON")
    p_missing.add_argument("locale")
    p_missing_all = sub.add_parser("missing-all", help="the same for every language, as one JSON")
    p_apply = sub.add_parser("apply", help="put translations from a JSON file into a catalog")
    p_apply.add_argument("locale")
    p_apply.add_argument("mapping")
    p_all = sub.add_parser("apply-all", help='apply {"<locale>": {msgid: text}} to each locale')
    p_all.add_argument("mapping")
    p_source = sub.add_parser("source", help="fill a source-language catalog: msgstr = msgid")
    p_source.add_argument("locale")
    for p in (p_missing, p_missing_all, p_apply, p_all, p_source):
        p.add_argument("--domain", choices=catalogs.DOMAINS, default="messages")
    for p in (p_apply, p_all):
        p.add_argument("--overwrite", action="store_true", help="replace existing translations")
    args = parser.parse_args(argv)

    if args.command == "missing":
        catalog = catalogs.read_catalog(catalogs.po_path(args.locale, args.domain), args.locale)
        json.dump(workflow.missing(catalog), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if args.command == "missing-all":
        todo = {}
        for locale, path in catalogs.catalogs(args.domain):
            if locale_todo := workflow.missing(catalogs.read_catalog(path, locale)):
                todo[locale] = locale_todo
        json.dump(todo, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if args.command == "apply":
        return _apply(args.locale, args.domain, _load(args.mapping), args.overwrite)
    if args.command == "apply-all":
        codes = [
            _apply(loc, args.domain, m, args.overwrite) for loc, m in _load(args.mapping).items()
        ]
        return max(codes, default=0)
    path = catalogs.po_path(args.locale, args.domain)
    catalog = catalogs.read_catalog(path, args.locale)
    changed = workflow.copy_source(catalog)
    catalogs.write_catalog(path, catalog)
    print(f"{catalogs.display(path)}: {changed} set from the msgids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
