"""Typed SQLAlchemy 2.0 models, one module per aggregate."""

from .base import Base
from .need import Area, NeedCategory
from .ratelimit import RateLimitCounter
from .response import Answer, AnswerTally, Channel, Response, ResponseStatus, TextCode
from .survey import Choice, IllegalTransition, Question, Survey, SurveyKind, SurveyStatus
from .user import Role, User
from .walk import Observation, ObservationKind, Photo, Walk, WalkStatus

__all__ = [
    "Answer",
    "AnswerTally",
    "Area",
    "Base",
    "Channel",
    "Choice",
    "IllegalTransition",
    "NeedCategory",
    "Observation",
    "ObservationKind",
    "Photo",
    "Question",
    "RateLimitCounter",
    "Response",
    "ResponseStatus",
    "Role",
    "Survey",
    "SurveyKind",
    "SurveyStatus",
    "TextCode",
    "User",
    "Walk",
    "WalkStatus",
]
