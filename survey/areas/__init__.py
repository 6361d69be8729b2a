"""The town's areas, kept by coordinators (blueprint `areas`)."""

from .views import bp

__all__ = ["bp"]
