"""The survey and walk-protocol builder for coordinators (blueprint `builder`)."""

from .views import bp

__all__ = ["bp"]
