"""WSGI entry for the live-server tests: the real app, with config overrides from the
environment (MITSPRACHE_LIVE_CONFIG, JSON) so tests can lower the argon2 cost or raise limits.

It adds one test-only route, POST /__test__/record/<slug>: a whole response in one request
through `survey.services.responses.record_response` (the service every channel writes with),
so thousands of concurrent submissions exercise the real write path without four page loads
each. The product never has this route; the full resident journey is tested separately.
"""

from __future__ import annotations

import json
import os

from flask import Blueprint, abort, request
from sqlalchemy import select

from survey import create_app
from survey.db import get_session
from survey.models import Channel, Survey
from survey.questions import get_type
from survey.security import csrf

test_bp = Blueprint("live_test", __name__)


@test_bp.post("/__test__/record/<slug>")
@csrf.exempt
def record(slug: str):
    from survey.services import responses  # the respond feature's write path

    session = get_session()
    survey = session.scalar(select(Survey).where(Survey.slug == slug)) or abort(404)
    answers = {q: get_type(q).parse(q, request.form) for q in survey.questions}
    _response, created = responses.record_response(
        session,
        survey,
        request.form["client_uuid"],
        answers,
        language="de",
        channel=Channel.WEB,
    )
    session.commit()
    return {"created": created}, 201 if created else 200


app = create_app(json.loads(os.environ.get("MITSPRACHE_LIVE_CONFIG", "{}")))
app.register_blueprint(test_bp)
