"""Public home page, staff dashboard and health check."""

from .views import bp

__all__ = ["bp"]
