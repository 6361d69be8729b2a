"""Residents answer surveys (/s/<slug>); coordinators share, print and key in paper answers."""

from __future__ import annotations

from .views import bp
from . import coordinator  # noqa: E402,F401  (registers the coordinator routes on bp)

__all__ = ["bp"]
