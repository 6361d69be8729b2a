"""Hostile input: a fixed list of nasty strings plus Hypothesis strategies around them."""

from __future__ import annotations

from hypothesis import strategies as st
from markupsafe import escape

HOSTILE = [
    "\u202eevil.exe\u202c",  # right-to-left override
    "Name\u200b\u200d\ufeff",  # zero-width characters and a byte order mark
    "a\x00b",  # NUL: PostgreSQL cannot store it in text
    "\x01\x07\x1b[31m",  # control characters and an ANSI escape
    "😀👩🏽‍🦽🏳️‍🌈",  # emoji, skin tone, ZWJ sequences (wheelchair user)
    "Z̷̧̛͔̈́a̶̜͊l̸̰̓g̵̱̈o̶̗͋",  # stacked combining marks
    "e\u0301 é",  # decomposed and composed e-acute
    "مرحبا بالعالم",  # Arabic (right-to-left)
    "Ǆǉ ß ẞ İı",  # case-mapping traps
    "' OR '1'='1'; DROP TABLE user_account; --",
    "1; SELECT pg_sleep(10)--",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }} {% raw %}${7*7}",  # template injection
    '=HYPERLINK("http://evil.example","klick")',  # formula injection
    "%s %d %(name)s {0}",  # format strings
    "../../../../etc/passwd",
    "\r\nSet-Cookie: x=y",  # header injection
    " ",  # only a space
    "x" * 1_000_000,  # 1 MB
    "€" * 300_000,  # ~900 KB of 3-byte characters
]

# any text a browser can send (no lone surrogates), mixed with the fixed list
text_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE[:20]), st.text(max_size=40)),
)


def escaped(value: str) -> str:
    """How a value must appear in HTML: escaped by Jinja, never as markup."""
    return str(escape(value))


def is_storable(value: str) -> bool:
    """PostgreSQL refuses NUL in text; everything else must be stored as given."""
    return "\x00" not in value
