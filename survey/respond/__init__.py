"""Residents answer surveys (/s/<slug>); coordinators share, print and key in paper answers."""

from __future__ import annotations

from . import coordinator  # noqa: E402,F401  (registers the coordinator routes on bp)
from .views import bp

__all__ = ["bp"]
