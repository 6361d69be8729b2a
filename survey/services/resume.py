"""Short resume codes: a resident writes one down and continues a response on any device.

A code is 12 letters from an alphabet without look-alikes (no I/L, O/Q, U/V, B/8, S/5, G/6,
Z/2), shown in three groups of four: "HKTM RWPA CXNE". Only a keyed hash is stored, so a copy
of the database does not reveal codes. 16^12 codes make guessing hopeless, and the form that
takes a code is rate limited.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Response

ALPHABET = "ACDEFHJKMNPRTWXY"
GROUPS, GROUP_LENGTH = 3, 4
LENGTH = GROUPS * GROUP_LENGTH


def new_code() -> str:
    """A fresh random code (not yet formatted)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_code(code: str) -> str:
    """The code in groups of four letters, easy to read out and write down."""
    return " ".join(code[i : i + GROUP_LENGTH] for i in range(0, len(code), GROUP_LENGTH))


def normalize_code(text: str) -> str | None:
    """What the resident typed, as a code; None when it cannot be one."""
    cleaned = re.sub(r"[\s\-–.,_/]+", "", text or "").upper()
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_code(secret: str, code: str) -> str:
    return hmac.new(secret.encode(), code.encode(), hashlib.sha256).hexdigest()


def issue_code(session: Session, response: Response, secret: str) -> str:
    """Give the response a new code (an earlier one stops working) and return it."""
    code = new_code()
    response.resume_code_hash = hash_code(secret, code)
    session.flush()
    return code


def find_by_code(session: Session, survey_id: int, secret: str, text: str) -> Response | None:
    """The response of this survey that the typed code belongs to, if any."""
    code = normalize_code(text)
    if code is None:
        return None
    return session.scalar(
        select(Response).where(
            Response.survey_id == survey_id,
            Response.resume_code_hash == hash_code(secret, code),
        )
    )
