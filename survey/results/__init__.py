"""Results: need charts for coordinators, exports, free-text coding, public results pages."""

from .views import bp

__all__ = ["bp"]
