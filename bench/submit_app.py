"""The WSGI app the submission benchmark serves: the real Mitsprache app plus two bare
endpoints that write the same rows with SQLAlchemy Core:

- /__bench__/...  raw WSGI in front of Flask: the cost of the writes alone;
- /__bare__/...   a Flask view in the same app (routing, request and app context, the app's
  before/after-request hooks, no CSRF, no ORM, no templates): the cost of the writes in the
  same server, so the ratio against it shows what Mitsprache's own code adds.

Bench-only: this module is never imported by the product; the bare endpoint is not a route of
the app. Config overrides come from MITSPRACHE_LIVE_CONFIG (JSON), as for the live-server tests.
"""

from __future__ import annotations

import json
import os
import uuid
from urllib.parse import parse_qs

from flask import request
from sqlalchemy import insert, select, update

from survey import create_app
from survey.db import make_engine
from survey.models import Answer, Choice, Question, Response, Survey
from survey.security import csrf

PREFIX = "/__bench__/"


class BareSubmit:
    """Writes one response and its answers like Mitsprache does, without the framework.

    /__bench__/<slug>/submit      everything in one request (compare: paper entry)
    /__bench__/<slug>/start|page|check   the same rows over the resident's four requests
    """

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.surveys: dict[str, tuple[int, dict]] = {}

    def _survey(self, slug: str) -> tuple[int, dict]:
        if slug not in self.surveys:
            with self.engine.connect() as conn:
                survey_id = conn.execute(select(Survey.id).where(Survey.slug == slug)).scalar_one()
                rows = conn.execute(
                    select(Question.id, Question.key, Question.type, Choice.id, Choice.key)
                    .outerjoin(Choice, Choice.question_id == Question.id)
                    .where(Question.survey_id == survey_id)
                ).all()
            questions: dict = {}
            for qid, qkey, qtype, cid, ckey in rows:
                entry = questions.setdefault(qkey, {"id": qid, "type": qtype, "choices": {}})
                if cid is not None:
                    entry["choices"][ckey] = cid
            self.surveys[slug] = (survey_id, questions)
        return self.surveys[slug]

    def _answers(self, questions: dict, form: dict[str, list[str]], response_id: int) -> list:
        rows = []
        for key, q in questions.items():
            for value in form.get(f"q-{key}", []):
                row = {
                    "response_id": response_id,
                    "question_id": q["id"],
                    "choice_id": None,
                    "value_number": None,
                    "value_text": None,
                    "released": False,
                }
                if q["choices"]:
                    row["choice_id"] = q["choices"][value]
                    if q["type"] == "rating":
                        row["value_number"] = float(value)
                elif q["type"] == "number":
                    row["value_number"] = float(value)
                else:
                    row["value_text"] = value
                rows.append(row)
        return rows

    def _new_response(self, conn, survey_id: int, client_uuid: str, status: str) -> int:
        return conn.execute(
            insert(Response).returning(Response.id),
            {
                "survey_id": survey_id,
                "client_uuid": client_uuid,
                "language": "de",
                "status": status,
            },
        ).scalar_one()

    def __call__(self, environ, start_response):
        parts = environ["PATH_INFO"][len(PREFIX) :].split("/")
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode()) if size else {}
        self.handle(parts[0], parts[-1], form)
        return self._ok(start_response)

    def handle(self, slug: str, action: str, form: dict[str, list[str]]) -> None:
        survey_id, questions = self._survey(slug)
        client_uuid = (form.get("client_uuid") or [str(uuid.uuid4())])[0]
        if action == "form":  # the GET that shows the form: no write, no transaction
            return
        with self.engine.begin() as conn:
            if action == "submit":
                response_id = self._new_response(conn, survey_id, client_uuid, "complete")
                conn.execute(insert(Answer), self._answers(questions, form, response_id))
            elif action == "start":
                self._new_response(conn, survey_id, client_uuid, "partial")
            elif action == "page":
                response_id = conn.execute(
                    select(Response.id).where(
                        Response.survey_id == survey_id, Response.client_uuid == client_uuid
                    )
                ).scalar_one()
                conn.execute(insert(Answer), self._answers(questions, form, response_id))
            elif action == "check":
                conn.execute(
                    update(Response)
                    .where(Response.survey_id == survey_id, Response.client_uuid == client_uuid)
                    .values(status="complete")
                )

    @staticmethod
    def _ok(start_response):
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]


def make_app():
    app = create_app(json.loads(os.environ.get("MITSPRACHE_LIVE_CONFIG", "{}")))
    bare = BareSubmit(app.config["DATABASE_URL"])

    @csrf.exempt
    def flask_bare(slug: str, action: str):
        bare.handle(slug, action, request.form.to_dict(flat=False))
        return "ok", 200, {"Content-Type": "text/plain"}

    app.add_url_rule("/__bare__/<slug>/<action>", "bench_bare", flask_bare, methods=["GET", "POST"])
    flask_wsgi = app.wsgi_app

    def application(environ, start_response):
        if environ.get("PATH_INFO", "").startswith(PREFIX):
            return bare(environ, start_response)
        return flask_wsgi(environ, start_response)

    app.wsgi_app = application  # type: ignore[method-assign]
    return app


app = make_app()
