"""Locale choice, gettext wiring, Babel formatting and localized() for stored content.

Interface strings come from gettext catalogs in translations/<locale>/LC_MESSAGES:
`messages.po` is the standard register; an optional `easy.po` beside it holds the easy-read
register (Leichte Sprache for German) and falls back to `messages.po` string by string, so a
language gains an easy-read register by adding one file, without code changes.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations
from flask import Flask, before_render_template, current_app, g, has_request_context, request

from .config import DEFAULT_LANGUAGE, ROOT

TRANSLATIONS_DIR = ROOT / "translations"
LANG_COOKIE = "lang"
EASY_COOKIE = "easy"
COOKIE_AGE = 365 * 24 * 3600

_forced: contextvars.ContextVar[tuple[str, bool] | None] = contextvars.ContextVar(
    "mitsprache_forced_locale", default=None
)


# --- which language ------------------------------------------------------------------------


def get_locale() -> str:
    """The language of the current request (or of a force_locale block, or German)."""
    if (forced := _forced.get()) is not None:
        return forced[0]
    if has_request_context() and "locale" in g:
        return g.locale
    return DEFAULT_LANGUAGE


def is_easy_read() -> bool:
    if (forced := _forced.get()) is not None:
        return forced[1]
    return bool(has_request_context() and g.get("easy_read"))


@contextlib.contextmanager
def force_locale(locale: str, easy_read: bool = False) -> Iterator[None]:
    """Render in another language for a while (exports, e-mails, the CLI)."""
    token = _forced.set((locale, easy_read))
    try:
        yield
    finally:
        _forced.reset(token)


def text_direction(locale: str | None = None) -> str:
    return _direction(locale or get_locale())


@cache
def _direction(locale: str) -> str:
    # a code Babel does not know (an imported "pt-BR", a stray "0") leaves it to the browser
    known = known_locale(locale)
    return known.text_direction if known else "auto"


@cache
def language_name(code: str) -> str:
    """The language's name in itself, e.g. "Deutsch", "العربية" (the code if unknown)."""
    known = known_locale(code)
    name = (known.get_display_name(known) if known else None) or code
    return name[:1].upper() + name[1:]


def known_locale(code: str) -> Locale | None:
    """The Babel locale of a language code ("de", "pt-BR", "pt_BR"), or None if unknown."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def _choose_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang", "")
    if wanted in supported:
        return wanted
    cookie = request.cookies.get(LANG_COOKIE, "")
    if cookie in supported:
        return cookie
    return _from_accept_language(supported) or current_app.config["DEFAULT_LANGUAGE"]


def _from_accept_language(supported: list[str]) -> str | None:
    """The first supported language of the browser's list, in its quality order, each tag
    reduced to its language ("ru-RU,en;q=0.8" is Russian, not English)."""
    for tag, _quality in request.accept_languages:  # highest quality first
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in supported:
            return primary
    return None


def _choose_easy_read() -> bool:
    wanted = request.args.get("easy")
    if wanted in {"0", "1"}:
        return wanted == "1"
    return request.cookies.get(EASY_COOKIE) == "1"


def _before_request() -> None:
    g.locale = _choose_locale()
    g.easy_read = _choose_easy_read()


def _after_request(response):
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    if request.args.get("lang") == g.get("locale"):
        response.set_cookie(
            LANG_COOKIE, g.locale, max_age=COOKIE_AGE, samesite="Lax", httponly=True, secure=secure
        )
    if request.args.get("easy") in {"0", "1"}:
        response.set_cookie(
            EASY_COOKIE,
            request.args["easy"],
            max_age=COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=secure,
        )
    response.headers.add("Vary", "Cookie")
    response.headers.add("Vary", "Accept-Language")
    return response


def url_with(**params: Any) -> str:
    """The current URL with some query parameters replaced (used by the switchers)."""
    args = request.args.to_dict()
    args.update({k: str(v) for k, v in params.items()})
    return f"{request.path}?{urlencode(args)}"


# --- gettext -------------------------------------------------------------------------------


@cache
def _catalog(locale: str, domain: str) -> Translations | None:
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return None
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=domain)
    for message in list(catalog)[1:]:
        # an entry not fully translated falls back to the next catalog (easy -> standard ->
        # the English msgid) instead of showing an empty or half-translated text
        strings = message.string if isinstance(message.string, list | tuple) else [message.string]
        if not all(strings):
            catalog.delete(message.id, message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def has_easy_read(locale: str | None = None) -> bool:
    """Whether a language has an easy-read register (an easy.po beside its messages.po)."""
    return _catalog(locale or get_locale(), "easy") is not None


def clear_catalog_cache() -> None:
    _catalog.cache_clear()
    _translations.cache_clear()


@cache
def _translations(locale: str, easy_read: bool) -> NullTranslations:
    standard = _catalog(locale, "messages") or NullTranslations()
    easy = _catalog(locale, "easy") if easy_read else None
    if easy is None:
        return standard
    # each Translations object is cached; add the fallback to a fresh copy, not the shared one
    chained = _copy(easy)
    chained.add_fallback(standard)
    return chained


def _copy(translations: Translations) -> Translations:
    clone = Translations.__new__(Translations)
    clone.__dict__.update(translations.__dict__)
    clone._fallback = None
    return clone


def translations() -> NullTranslations:
    return _translations(get_locale(), is_easy_read())


def gettext(message: str, **variables: Any) -> str:
    text = translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return translations().ungettext(singular, plural, num) % variables


def pgettext(context: str, message: str, **variables: Any) -> str:
    text = translations().upgettext(context, message)
    return text % variables if variables else text


def npgettext(context: str, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return translations().unpgettext(context, singular, plural, num) % variables


def lazy_gettext(message: str, **variables: Any) -> LazyProxy:
    """A string that is translated anew each time it is used, in that request's language."""
    return LazyProxy(gettext, message, enable_cache=False, **variables)


_ = gettext


class WTFormsTranslations:
    """Lets WTForms' built-in messages go through our catalogs."""

    def gettext(self, string: str) -> str:
        return gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations().ungettext(singular, plural, n)


# --- formatting ----------------------------------------------------------------------------


def format_number(value: float | int, digits: int | None = None) -> str:
    if digits is not None:
        return numbers.format_decimal(
            value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=get_locale()
        )
    return numbers.format_decimal(value, locale=get_locale())


def format_percent(value: float, digits: int = 0) -> str:
    """A share (0.62) as the locale writes percentages ("62 %" in German, "62%" in English)."""
    pattern = Locale.parse(get_locale()).percent_formats[None].pattern
    if digits:
        head, _, tail = pattern.rpartition("0")
        pattern = f"{head}0.{'0' * digits}{tail}"
    return numbers.format_percent(value, format=pattern, locale=get_locale())


def format_date(value: date | datetime, fmt: str = "medium") -> str:
    if isinstance(value, datetime):
        return dates.format_datetime(value, format=fmt, locale=get_locale())
    return dates.format_date(value, format=fmt, locale=get_locale())


# --- stored content ------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalizedText:
    """A stored text in the best available language; `lang` says which one it really is."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(self.text))

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def dir(self) -> str:
        return text_direction(self.lang)


def localized(
    texts: dict[str, Any] | None,
    field: str,
    lang: str | None = None,
    easy_read: bool | None = None,
    fallbacks: tuple[str, ...] = (),
) -> LocalizedText:
    """Pick a stored text: easy-read then standard in `lang`, then each fallback language.

    A resident never sees an empty label while any language has one.
    """
    lang = lang or get_locale()
    easy = is_easy_read() if easy_read is None else easy_read
    texts = texts or {}
    order = [lang, *fallbacks, DEFAULT_LANGUAGE, *sorted((texts.get(field) or {}).keys())]
    for candidate in dict.fromkeys(order):
        fields = (f"{field}_easy", field) if easy else (field,)
        for name in fields:
            value = (texts.get(name) or {}).get(candidate)
            if value and value.strip():
                return LocalizedText(value, candidate, candidate != lang)
    return LocalizedText("", lang, False)


def template_localized(
    texts: dict[str, Any] | None,
    field: str,
    lang: str | None = None,
    easy_read: bool | None = None,
    fallbacks: tuple[str, ...] | None = None,
) -> LocalizedText:
    """localized() for templates: a missing text falls back to the language the survey on
    the page was written in (its default_language) before German and the others."""
    if fallbacks is None:
        language = g.get("content_language") if has_request_context() else None
        fallbacks = (language,) if language else ()
    return localized(texts, field, lang, easy_read, fallbacks)


def _remember_content_language(sender: Flask, template, context: dict, **extra: Any) -> None:
    """Before a page renders: note the default language of the survey it shows, if any
    (macros imported without context see it through `g`)."""
    language = getattr(context.get("survey"), "default_language", None)
    if language and has_request_context():
        g.content_language = language


# --- Flask wiring --------------------------------------------------------------------------


def init_app(app: Flask) -> None:
    """Choose the language per request and give templates gettext and formatting."""
    app.before_request(_before_request)
    app.after_request(_after_request)
    env = app.jinja_env
    env.add_extension("jinja2.ext.i18n")
    # Jinja's newstyle gettext formats the placeholders itself: give it unformatted lookups.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda s: translations().ugettext(s),
        lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    before_render_template.connect(_remember_content_language, app)
    env.filters.update(
        number=format_number, percent=format_percent, date=format_date, localized=template_localized
    )
    env.globals.update(
        get_locale=get_locale,
        text_direction=text_direction,
        language_name=language_name,
        url_with=url_with,
        is_easy_read=is_easy_read,
        has_easy_read=has_easy_read,
        localized=template_localized,
    )
