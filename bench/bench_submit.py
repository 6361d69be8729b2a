"""Submission throughput over HTTP under gunicorn (2 workers, loopback), SQLite (WAL) and
PostgreSQL, against a bare endpoint in the same server that writes the same rows with
SQLAlchemy Core (bench/submit_app.py).

The submission itself, which the goal is about (at least 50% of the bare rate, at least 200
complete responses/s on 2 cores with SQLite):
- paper_submit: the one POST that stores a whole complete response (paper entry: login
  session, CSRF, validation, conditions, the survey from its cache, one transaction), against
  bare_submit / flask_submit, one POST that writes the same rows.

And the whole ways a response arrives, for context, each with bare twins doing the same
requests and writes (the twins' GETs answer "ok" where Mitsprache renders a page):
- resident: the phone journey as a browser makes it, seven requests (start page, consent,
  question page, answers, check page, "send", thanks page); CSRF, session cookie,
  validation, rate limit, templates, the ORM;
- paper: a coordinator keys in a paper form and gets the empty form again (two requests).

The bare twins: raw WSGI in front of Flask (/__bench__/), and a Flask view in the same app
(/__bare__/), see bench/submit_app.py. The goal is stated against the Flask view. Logging in
(the coordinator's flows) happens before the clock starts.

Every flow runs BENCH_SUBMIT_REPEATS (default 3) times, in turns with its twins, and its best
run counts; errors and stored rows are checked in every run.

Bounded: BENCH_SUBMIT_RESPONSES (default 400) responses per journey run (twice as many for
the two-request flows, four times for the single submissions), at most
BENCH_SUBMIT_SECONDS (default 45) seconds each, BENCH_SUBMIT_CLIENTS (default 8) client threads.
Results: printed, and written to bench/results/submit.json.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from survey import create_app
from survey.db import get_session, upgrade
from survey.models import Answer, Response, ResponseStatus, Role
from survey.services import users
from tests.factories import make_survey
from tests.reliability.live import Browser, LiveServer

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "submit.json"
SLUG = "bench"
PASSWORD = "bench password 2026"
CONFIG = {
    # residents share networks; the bench is one address sending thousands of answers
    "RESPOND_WRITE_LIMIT": [10**9, 600],
    "LOGIN_RATE_LIMIT": [10**9, 900],
}
QUESTIONS = [
    {"key": "hilfe", "type": "single_choice", "choices": ["oft", "manchmal", "nie"]},
    {"key": "themen", "type": "multiple_choice", "choices": ["wege", "info", "licht", "bank"]},
    {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3", "4", "5"]},
    {"key": "rollstuhl", "type": "yes_no", "choices": ["yes", "no"]},
    {"key": "alter", "type": "number", "settings": {"min": 0, "max": 120}},
    {"key": "ort", "type": "short_text"},
    {"key": "idee", "type": "long_text"},
]
ANSWER_ROWS = 8  # one per question, two for the multiple choice
WARMUP = 10  # responses per flow before measuring
REPEATS = int(os.environ.get("BENCH_SUBMIT_REPEATS", "3"))


def answers(n: int) -> dict[str, list[str] | str]:
    """The same complete answers for Mitsprache and the bare endpoint (8 answer rows)."""
    return {
        "q-hilfe": ["oft", "manchmal", "nie"][n % 3],
        "q-themen": [["wege", "info"], ["licht", "bank"], ["info", "bank"]][n % 3],
        "q-zufrieden": str(1 + n % 5),
        "q-rollstuhl": ["yes", "no"][n % 2],
        "q-alter": str(18 + n % 70),
        "q-ort": "Marktplatz",
        "q-idee": f"Mehr Bänke mit Lehne am Weg zum Markt ({n}).",
    }


# --- databases ------------------------------------------------------------------------------


def prepare(url: str) -> None:
    """Migrate, add the benchmark survey (all questions on one page) and a coordinator."""
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context():
        session = get_session()
        survey = make_survey(session, SLUG, QUESTIONS)
        for question in survey.questions:
            question.page = 1
            question.required = question.type != "long_text"
        survey.publish()
        users.create_user(
            session,
            app.extensions["password_hasher"],
            email="bench@example.org",
            name="Bench",
            password=PASSWORD,
            role=Role.COORDINATOR,
        )
        session.commit()
    app.extensions["db_engine"].dispose()


def stored(url: str) -> tuple[int, int]:
    """(complete responses, their answer rows) in the database."""
    engine = create_engine(url)
    with engine.connect() as conn:
        complete = conn.scalar(
            select(func.count(Response.id)).where(Response.status == ResponseStatus.COMPLETE)
        )
        rows = conn.scalar(
            select(func.count(Answer.id))
            .join(Response, Response.id == Answer.response_id)
            .where(Response.status == ResponseStatus.COMPLETE)
        )
    engine.dispose()
    return complete or 0, rows or 0


# --- the four ways in -----------------------------------------------------------------------

Flow = Callable[[Browser, int], int]  # submits response n; returns the requests it took


def _token(body: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', body)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


def _expect(reply, status: int, where: str, location: str = "") -> None:
    if reply.status != status or location not in reply.headers.get("location", ""):
        raise RuntimeError(f"{where}: {reply.status} {reply.headers.get('location', '')}")


def _follow(browser: Browser, reply, where: str) -> None:
    """Load the page a redirect points to, as a browser does."""
    page = browser.get(re.sub(r"^https?://[^/]+", "", reply.headers["location"]))
    _expect(page, 200, where)


def resident(browser: Browser, n: int) -> int:
    """A resident on a phone: open, agree, answer the page, send; every redirect followed."""
    browser.cookies.clear()
    page = browser.get(f"/s/{SLUG}")
    _expect(page, 200, "start page")
    token = _token(page.body)
    client_uuid = str(uuid.uuid4())
    reply = browser.post(
        f"/s/{SLUG}", {"csrf_token": token, "client_uuid": client_uuid, "consent": "yes"}
    )
    _expect(reply, 302, "consent", f"/s/{SLUG}/q/")
    _follow(browser, reply, "question page")
    path = re.sub(r"^https?://[^/]+", "", reply.headers["location"])
    reply = browser.post(path, {"csrf_token": token, "action": "continue", **answers(n)})
    _expect(reply, 302, "answers", "/check")
    _follow(browser, reply, "check page")
    reply = browser.post(f"/s/{SLUG}/check", {"csrf_token": token})
    _expect(reply, 302, "send", "/thanks")
    _follow(browser, reply, "thanks page")
    return 7


def bare_journey(browser: Browser, n: int, prefix: str = "/__bench__") -> int:
    """The same seven requests and writes, without Mitsprache's code."""
    client_uuid = str(uuid.uuid4())
    base = f"{prefix}/{SLUG}"
    form = f"{base}/form"
    _expect(browser.get(form), 200, "bare form")
    _expect(browser.post(f"{base}/start", {"client_uuid": client_uuid}), 200, "bare start")
    _expect(browser.get(form), 200, "bare form")
    _expect(browser.post(f"{base}/page", {"client_uuid": client_uuid, **answers(n)}), 200, "page")
    _expect(browser.get(form), 200, "bare form")
    _expect(browser.post(f"{base}/check", {"client_uuid": client_uuid}), 200, "bare check")
    _expect(browser.get(form), 200, "bare form")
    return 7


def log_in(browser: Browser) -> None:
    """The coordinator logs in and opens the paper form (its CSRF token is kept)."""
    login = browser.get("/login")
    reply = browser.post(
        "/login",
        {"csrf_token": _token(login.body), "email": "bench@example.org", "password": PASSWORD},
    )
    _expect(reply, 302, "login")
    browser.state["token"] = _token(browser.get(f"/builder/{SLUG}/paper").body)
    browser.state["cookies"] = dict(browser.cookies)


def _paper_form(browser: Browser, n: int) -> dict:
    return {"csrf_token": browser.state["token"], "client_uuid": str(uuid.uuid4()),
            "language": "de", **answers(n)}  # fmt: skip


def paper(browser: Browser, n: int) -> int:
    """A coordinator keys in one complete paper response and gets the empty form again."""
    reply = browser.post(f"/builder/{SLUG}/paper", _paper_form(browser, n))
    _expect(reply, 302, "paper entry", "/paper")
    _follow(browser, reply, "paper form")
    return 2


paper.setup = log_in  # type: ignore[attr-defined]


def paper_submit(browser: Browser, n: int) -> int:
    """The submission alone: one POST that stores a complete paper response. The client does
    not load the form again, and it keeps the cookies it had before the POST, so that the
    "saved" notes the redirect would have shown do not pile up in its session."""
    browser.cookies = dict(browser.state["cookies"])
    reply = browser.post(f"/builder/{SLUG}/paper", _paper_form(browser, n))
    _expect(reply, 302, "paper submission", "/paper")
    return 1


paper_submit.setup = log_in  # type: ignore[attr-defined]


def bare_submit(browser: Browser, n: int, prefix: str = "/__bench__") -> int:
    """The same submission without Mitsprache's code: one POST."""
    _expect(browser.post(f"{prefix}/{SLUG}/submit", answers(n)), 200, "bare submit")
    return 1


def flask_submit(browser: Browser, n: int) -> int:
    return bare_submit(browser, n, "/__bare__")


def bare_single(browser: Browser, n: int, prefix: str = "/__bench__") -> int:
    """The same two requests and writes, without Mitsprache's code."""
    _expect(browser.post(f"{prefix}/{SLUG}/submit", answers(n)), 200, "bare submit")
    _expect(browser.get(f"{prefix}/{SLUG}/form"), 200, "bare form")
    return 2


def flask_journey(browser: Browser, n: int) -> int:
    return bare_journey(browser, n, "/__bare__")


def flask_single(browser: Browser, n: int) -> int:
    return bare_single(browser, n, "/__bare__")


# --- load generator -------------------------------------------------------------------------


def load(server: LiveServer, flow: Flow, total: int, clients: int, seconds: float) -> dict:
    """`clients` threads submit until `total` responses are done or `seconds` have passed.

    A flow with a `setup` (the coordinator's login) runs it in every thread before the clock
    starts: logging in is not submitting."""
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "requests": 0, "errors": []}
    latencies: list[float] = []
    ready = threading.Barrier(clients + 1)

    def worker() -> None:
        browser = Browser(server)
        try:
            getattr(flow, "setup", lambda _browser: None)(browser)
        except Exception as exc:  # noqa: BLE001 - counted and shown like a failed submission
            with lock:
                state["errors"].append(f"setup: {type(exc).__name__}: {exc}")
            ready.wait()
            return
        ready.wait()
        stop_at = time.monotonic() + seconds  # the clock starts when every client is ready
        while time.monotonic() < stop_at:
            with lock:
                if state["next"] >= total:
                    return
                n = state["next"]
                state["next"] += 1
            started = time.perf_counter()
            try:
                requests = flow(browser, n)
            except Exception as exc:  # noqa: BLE001 - every error is counted and shown
                with lock:
                    state["errors"].append(f"{type(exc).__name__}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                state["done"] += 1
                state["requests"] += requests
                latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "responses": state["done"],
        "requests": state["requests"],
        "errors": len(state["errors"]),
        "first_errors": state["errors"][:3],
        "seconds": round(wall, 2),
        "responses_per_s": round(state["done"] / wall, 1),
        "requests_per_s": round(state["requests"] / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1) if latencies else None,
    }


def run_engine(name: str, url: str, workdir: Path, total: int, clients: int, secs: float) -> dict:
    prepare(url)
    server = LiveServer(url, workdir, config=CONFIG, app_spec="bench.submit_app:app").start(60)
    figures: dict = {}
    only = [f for f in os.environ.get("BENCH_SUBMIT_FLOWS", "").split(",") if f]
    try:
        # (label, flow, responses per run as a multiple of `total`: the shorter flows send
        # more, so that every run lasts long enough to measure)
        flows = [
            ("bare_journey", bare_journey, 1),
            ("flask_journey", flask_journey, 1),
            ("resident", resident, 1),
            ("bare_single", bare_single, 2),
            ("flask_single", flask_single, 2),
            ("paper", paper, 2),
            ("bare_submit", bare_submit, 4),
            ("flask_submit", flask_submit, 4),
            ("paper_submit", paper_submit, 4),
        ]
        flows = [entry for entry in flows if not only or entry[0] in only]
        for _label, flow, _times in flows:
            load(server, flow, WARMUP, 2, secs)  # imports, caches, connection pools
        # every flow runs REPEATS times, in turns, and its best run counts: a slow moment of
        # the shared machine then hits a flow and its twins alike rather than one of them
        for attempt in range(1, REPEATS + 1):
            for label, flow, times in flows:
                before = stored(url)
                run = load(server, flow, total * times, clients, secs)
                after = stored(url)
                run["stored_complete"] = after[0] - before[0]
                # every acknowledged response is stored complete with all its answers
                run["all_stored"] = (
                    after[0] - before[0] == run["responses"]
                    and after[1] - before[1] == ANSWER_ROWS * run["responses"]
                )
                run["stored_answer_rows"] = after[1] - before[1]
                print(f"  {name:<10} {label:<13} {attempt}/{REPEATS} {_line(run)}", flush=True)
                runs = figures.setdefault(f"{label}_runs", [])
                runs.append(run)
                figures[label] = max(runs, key=lambda r: r["responses_per_s"])
                figures[label]["errors_in_all_runs"] = sum(r["errors"] for r in runs)
                figures[label]["all_stored_in_all_runs"] = all(r["all_stored"] for r in runs)
        for label, _flow, _times in flows:
            print(f"  {name:<10} {label:<13} best {_line(figures[label])}", flush=True)
    finally:
        server.stop()
    for mode, bare, flask in (
        ("resident", "bare_journey", "flask_journey"),
        ("paper", "bare_single", "flask_single"),
        ("paper_submit", "bare_submit", "flask_submit"),
    ):
        if not {mode, bare, flask} <= figures.keys():
            continue
        for suffix, baseline in (("bare", bare), ("flask_bare", flask)):
            base = figures[baseline]["responses_per_s"]
            figures[f"{mode}_vs_{suffix}"] = (
                round(figures[mode]["responses_per_s"] / base, 2) if base else None
            )
    problems = server.log()
    figures["server_log_problems"] = [
        line for line in problems.splitlines() if "Traceback" in line or "locked" in line
    ][:5]
    return figures


def _line(f: dict) -> str:
    return (
        f"{f['responses_per_s']:>7.1f} responses/s  {f['requests_per_s']:>7.1f} requests/s  "
        f"p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  {f['responses']} done  "
        f"{f['errors']} errors  stored {f['stored_complete']} complete / "
        f"{f['stored_answer_rows']} answer rows"
    )


def main() -> dict:
    total = int(os.environ.get("BENCH_SUBMIT_RESPONSES", "400"))
    clients = int(os.environ.get("BENCH_SUBMIT_CLIENTS", "8"))
    seconds = float(os.environ.get("BENCH_SUBMIT_SECONDS", "45"))
    engines = os.environ.get("BENCH_SUBMIT_ENGINES", "sqlite,postgresql").split(",")
    results: dict = {
        "benchmark": "submission throughput over HTTP, gunicorn 2 workers, loopback",
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
        "bounds": {"responses_per_run": total, "clients": clients, "max_seconds": seconds},
        "answer_rows_per_response": ANSWER_ROWS,
        "engines": {},
    }
    print(f"Submissions: {total} per run, {clients} client threads, at most {seconds:.0f} s.")
    with tempfile.TemporaryDirectory(prefix="mitsprache-bench-submit-") as tmp:
        workdir = Path(tmp)
        if "sqlite" in engines:
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            results["engines"]["sqlite"] = run_engine(
                "sqlite", url, workdir, total, clients, seconds
            )
        if "postgresql" in engines:
            from tests import pg

            cluster = pg.start()
            try:
                engine = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
                with engine.connect() as conn:
                    conn.execute(text("CREATE DATABASE bench"))
                    version = conn.execute(text("SHOW server_version")).scalar()
                engine.dispose()
                results["machine"]["postgresql"] = version
                results["engines"]["postgresql"] = run_engine(
                    "postgresql", cluster.url_for("bench"), workdir, total, clients, seconds
                )
            finally:
                cluster.stop()
    print()
    for name, figures in results["engines"].items():
        print(
            f"  {name:<10} submission (paper POST) {figures['paper_submit_vs_flask_bare']:.0%} of "
            f"the bare Flask endpoint ({figures['paper_submit_vs_bare']:.0%} of raw WSGI), "
            f"{figures['paper_submit']['responses_per_s']} complete responses/s "
            "(goal: at least 50% and, on SQLite, 200/s); errors in all runs of all flows: "
            f"{sum(v['errors_in_all_runs'] for v in figures.values() if isinstance(v, dict))}"
        )
        print(
            f"  {name:<10} resident journey {figures['resident_vs_flask_bare']:.0%} of the bare "
            f"Flask endpoint ({figures['resident_vs_bare']:.0%} of raw WSGI), paper entry "
            f"{figures['paper_vs_flask_bare']:.0%} ({figures['paper_vs_bare']:.0%}); "
            f"{figures['resident']['responses_per_s']} and "
            f"{figures['paper']['responses_per_s']} complete responses/s"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {RESULTS.relative_to(HERE.parent)}")
    return results


if __name__ == "__main__":
    main()
