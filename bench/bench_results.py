"""Issue 6 "Speed": aggregation, results pages and exports at 1k, 10k and 100k responses.

Seeds synthetic responses (about 12 answer rows each) with SQLAlchemy Core into SQLite and a
throwaway PostgreSQL (tests/pg.py), then measures in the same run:

* the need profile and one question-by-area table through the service layer, against the
  bare SQL GROUP BY on the same tables (goal: at most 1.5×) and against pandas reading the CSV
  export and grouping (goal: several times faster). The service reads its running counts
  (services/tallies.py, rebuilt after the bulk load as `mitsprache rebuild-tallies` would) and
  checks them against the responses on every call; it is measured a second time counting the
  answers, as it does when the counts cannot answer (a group filter);
* the results page response time at 1k, 10k and 100k responses (goal: no faster than linear
  growth, under a second at 100k on SQLite);
* export time and peak memory at 100k responses (goal: flat, under 200 MB), in a subprocess.

Prints figures and ratios and writes bench/results/results.json. `python -m bench` runs it.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, create_engine, func, insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey import create_app  # noqa: E402
from survey.db import get_session, upgrade  # noqa: E402
from survey.models import Answer, NeedCategory, Response, Role, Survey  # noqa: E402
from survey.services import aggregate as agg  # noqa: E402
from survey.services import tallies, users  # noqa: E402
from survey.services.needs import need_profile  # noqa: E402
from survey.services.suppression import suppress_table  # noqa: E402
from survey.services.taxonomy import seed_areas, seed_need_categories  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
RESULTS = ROOT / "bench" / "results" / "results.json"
PASSWORD = "bench-password-123"
SLUG = "bench"


def _best_pair(first, second, repeat: int = 9) -> tuple[float, float]:
    """Best of several runs of each, taken in turns, so that a slow moment of a shared
    machine hits both sides alike rather than whichever ran during it."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, found in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            found.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def _best(fn, repeat: int = 5) -> float:
    """Best of several runs, in seconds (the first run warms caches)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def make_survey(session) -> Survey:
    from tests.factories import make_survey as factory

    seed_need_categories(session)
    seed_areas(session)
    cats = [c.id for c in session.scalars(select(NeedCategory).order_by(NeedCategory.position))]
    survey = factory(session, SLUG, [
        {"key": "gebiet", "type": "area", "choices": ["altstadt", "nordviertel", "bahnhof", "suedpark"]},
        {"key": "alter", "type": "single_choice", "choices": ["u30", "30_64", "65plus"],
         "settings": {"is_group": True}},
        {"key": "bedarfe", "type": "multiple_choice",
         "choices": [{"key": f"b{i}", "need_category_id": cats[i], "weight": 1.0 if i % 3 else 0.5}
                     for i in range(8)]},
        {"key": "zufrieden", "type": "rating", "choices": ["1", "2", "3", "4", "5"]},
        {"key": "rollstuhl", "type": "yes_no", "choices": ["yes", "no"]},
        {"key": "jahre", "type": "number", "settings": {"min": 0, "max": 120}},
        {"key": "wichtig", "type": "ranking", "choices": ["bus", "bank", "licht"]},
        {"key": "idee", "type": "long_text"},
    ], languages=["de", "en"])  # fmt: skip
    survey.publish()
    session.flush()
    return survey


def seed(engine, survey: Survey, start: int, stop: int) -> None:
    """Bulk-insert responses start..stop-1 (ids fixed) with their answers, via Core."""
    q = {question.key: question for question in survey.questions}
    choice_ids = {key: [c.id for c in q[key].choices] for key in q}
    rng = random.Random(start)
    first_day = datetime(2026, 1, 5, tzinfo=UTC)
    batch = 5000
    for low in range(start, stop, batch):
        responses, answers = [], []
        for n in range(low, min(low + batch, stop)):
            rid = n + 1
            area = n % 4
            responses.append({
                "id": rid, "survey_id": survey.id, "client_uuid": f"00000000-0000-4000-8000-{rid:012d}",
                "round": 1, "language": "de" if n % 5 else "en", "easy_read": n % 7 == 0,
                "channel": "paper" if n % 6 == 0 else "web", "status": "complete",
                "started_at": first_day + timedelta(days=n % 60),
                "completed_at": first_day + timedelta(days=n % 60),
            })  # fmt: skip
            answers.append((rid, q["gebiet"].id, choice_ids["gebiet"][area], None, None))
            answers.append((rid, q["alter"].id, choice_ids["alter"][n % 3], None, None))
            for i, cid in enumerate(choice_ids["bedarfe"]):
                if rng.random() < (0.55 if i % 4 == area else 0.2):
                    answers.append((rid, q["bedarfe"].id, cid, None, None))
            point = min(5, max(1, int(rng.gauss(2 + area * 0.7, 1))))
            answers.append(
                (rid, q["zufrieden"].id, choice_ids["zufrieden"][point - 1], float(point), None)
            )
            answers.append(
                (
                    rid,
                    q["rollstuhl"].id,
                    choice_ids["rollstuhl"][0 if n % 4 == 0 else 1],
                    None,
                    None,
                )
            )
            answers.append((rid, q["jahre"].id, None, float(18 + n % 70), None))
            for rank, cid in enumerate(rng.sample(choice_ids["wichtig"], 3), start=1):
                answers.append((rid, q["wichtig"].id, cid, float(rank), None))
            if n % 10 == 0:
                answers.append(
                    (rid, q["idee"].id, None, None, "Mehr Bänke und ein Aufzug am Bahnhof")
                )
        rows = [dict(zip(("response_id", "question_id", "choice_id", "value_number", "value_text"), a,
                         strict=True)) for a in answers]  # fmt: skip
        with engine.begin() as conn:
            conn.execute(insert(Response.__table__), responses)
            conn.execute(insert(Answer.__table__), rows)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT setval('response_id_seq', (SELECT max(id) FROM response))"))
        # what autovacuum does after a bulk load on a running server: statistics, and the
        # visibility map that lets index-only scans skip the table
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


# the statements the need profile runs on this survey (one choice per category, no coded
# texts, no filter), written by hand: respondents, the mapped choices counted from the answer
# index, the unfinished responses whose answers would be taken off, walk findings
BARE_NEEDS = [
    "SELECT count(*) FROM response r WHERE r.survey_id = :sid AND r.status = 'complete'",
    """
SELECT a.choice_id, count(*) FROM answer a
WHERE a.question_id IN :qids AND a.choice_id IN :cids GROUP BY a.choice_id
""",
    "SELECT r.id FROM response r WHERE r.survey_id = :sid AND r.status IN ('partial')",
    """
SELECT o.need_category_id, sum(CASE WHEN o.kind = 'barrier' THEN 1 ELSE 0 END),
       sum(CASE WHEN o.kind = 'barrier' THEN coalesce(o.severity, 1) ELSE 0 END), count(*)
FROM observation o JOIN walk w ON w.id = o.walk_id
WHERE o.need_category_id IS NOT NULL GROUP BY o.need_category_id
""",
]
# what a survey whose categories several choices (or coded texts) name needs instead: each
# person's strongest answer per category, once (measured for comparison)
GENERAL_NEEDS = """
SELECT cat, sum(CASE WHEN w > 0 THEN 1 ELSE 0 END), sum(w) FROM (
  SELECT rid, cat, max(w) AS w FROM (
    SELECT r.id AS rid, c.need_category_id AS cat,
           CASE WHEN c.weight > 1 THEN 1.0 WHEN c.weight < 0 THEN 0.0 ELSE c.weight END AS w
    FROM response r JOIN answer a ON a.response_id = r.id JOIN choice c ON c.id = a.choice_id
    WHERE r.survey_id = :sid AND r.status = 'complete' AND c.need_category_id IS NOT NULL
    UNION ALL
    SELECT r.id, t.need_category_id, 1.0
    FROM response r JOIN answer a ON a.response_id = r.id JOIN text_code t ON t.answer_id = a.id
    WHERE r.survey_id = :sid AND r.status = 'complete') AS both_sources
  GROUP BY rid, cat) AS per_person
GROUP BY cat
"""
BARE_CROSS = """
SELECT g.choice_id, a.choice_id, count(*)
FROM answer a JOIN response r ON r.id = a.response_id
LEFT JOIN answer g ON g.response_id = r.id AND g.question_id = :area_q
WHERE r.survey_id = :sid AND r.status = 'complete' AND a.question_id = :qid
GROUP BY g.choice_id, a.choice_id
"""


def measure_aggregates(app, survey_id: int) -> dict:
    with app.app_context():
        session = get_session()
        survey = agg.load_survey(session, SLUG)
        k = 5
        area_q = agg.area_question(survey)
        question = next(q for q in survey.questions if q.key == "zufrieden")
        conn = session.connection()

        def service_needs():
            tallies.forget(session)  # as a new request: check the running counts again
            need_profile(session, survey, agg.Filters(), k)

        mapped = [c for q in survey.questions for c in q.choices if c.need_category_id]
        params = {
            "sid": survey.id,
            "qids": sorted({c.question_id for c in mapped}),
            "cids": [c.id for c in mapped],
        }
        bare = [
            text(statement).bindparams(
                *[bindparam(n, expanding=True) for n in ("qids", "cids") if f":{n}" in statement]
            )
            for statement in BARE_NEEDS
        ]

        def bare_needs():
            for statement in bare:
                conn.execute(statement, params).all()

        def general_needs():
            conn.execute(text(GENERAL_NEEDS), {"sid": survey.id}).all()

        def service_cross():
            tallies.forget(session)  # as a new request: check the running counts again
            by = agg.Dimension("area", area_q)
            counts = agg.choice_counts(session, survey, agg.Filters(), by)
            keys = sorted({key for key, qid, _c in counts if qid == question.id}, key=str)
            cells = [[counts.get((key, question.id, c.id), (0, None))[0] for key in keys]
                     for c in question.choices]  # fmt: skip
            suppress_table(cells, k)

        def service_cross_one():
            # the table the service gives for every question by area, cut to the one question
            tallies.forget(session)  # as a new request: check the running counts again
            by = agg.Dimension("area", area_q)
            counts = agg.choice_counts(session, survey, agg.Filters(), by)
            cells: dict = {}
            for (key, qid, cid), (n, _mean) in counts.items():
                if qid == question.id:
                    cells.setdefault(cid, {})[key] = n
            keys = sorted({key for row in cells.values() for key in row}, key=str)
            suppress_table([[row.get(key, 0) for key in keys] for row in cells.values()], k)

        def counting_cross_one():
            # counting the answers for the one question by area (what choice_counts does for
            # every question at once when the running counts cannot answer)
            by = agg.Dimension("area", area_q)
            rows = agg._grouped(
                session, survey, agg.Filters(), by, [agg.A.c.choice_id, func.count()],
                [agg.A.c.choice_id],
                select().select_from(agg.R).join(agg.A, agg.A.c.response_id == agg.R.c.id)
                .where(agg.A.c.question_id == question.id),
            )  # fmt: skip
            cells: dict = {}
            for key, cid, n in rows:
                cells.setdefault(cid, {})[key] = n
            keys = sorted({key for row in cells.values() for key in row}, key=str)
            suppress_table([[row.get(key, 0) for key in keys] for row in cells.values()], k)

        def bare_cross():
            conn.execute(
                text(BARE_CROSS), {"sid": survey.id, "area_q": area_q.id, "qid": question.id}
            ).all()

        needs_service, needs_bare = _best_pair(service_needs, bare_needs)
        table_service, table_bare = _best_pair(service_cross_one, bare_cross)
        # what the service does when the running counts cannot answer (a group filter, a
        # bulk load not yet counted): count the answers, against the same bare statements
        in_step, tallies.in_step = tallies.in_step, lambda _session, _survey: False
        try:
            needs_counting, needs_bare_again = _best_pair(service_needs, bare_needs)
            table_counting, table_bare_again = _best_pair(counting_cross_one, bare_cross)
        finally:
            tallies.in_step = in_step
        result = {
            "need_profile_service_s": needs_service,
            "need_profile_bare_sql_s": needs_bare,
            "need_profile_once_per_person_sql_s": _best(general_needs, 3),
            "area_table_service_s": table_service,
            "area_table_bare_sql_s": table_bare,
            "need_profile_counting_s": needs_counting,
            "need_profile_counting_bare_sql_s": needs_bare_again,
            "area_table_counting_s": table_counting,
            "area_table_counting_bare_sql_s": table_bare_again,
            "all_questions_by_area_service_s": _best(service_cross, 3),
        }
        session.rollback()
    result["need_profile_ratio"] = (
        result["need_profile_service_s"] / result["need_profile_bare_sql_s"]
    )
    result["area_table_ratio"] = result["area_table_service_s"] / result["area_table_bare_sql_s"]
    result["need_profile_counting_ratio"] = (
        result["need_profile_counting_s"] / result["need_profile_counting_bare_sql_s"]
    )
    result["area_table_counting_ratio"] = (
        result["area_table_counting_s"] / result["area_table_counting_bare_sql_s"]
    )
    return result


def measure_pandas(csv_path: Path) -> dict:
    """What an analyst does with the CSV export instead: read it, then group. Each task reads
    the file, as a notebook cell run on its own would."""
    import pandas as pd

    def read():
        return pd.read_csv(csv_path, encoding="utf-8-sig")

    def needs():
        frame = read()
        frame[[c for c in frame.columns if c.startswith("bedarfe__")]].sum()

    def area_table():
        read().groupby(["gebiet", "zufrieden"]).size()

    return {
        "pandas_read_csv_s": _best(read, 5),
        "pandas_need_profile_s": _best(needs, 5),
        "pandas_area_table_s": _best(area_table, 5),
    }


def export_in_subprocess(url: str, fmt: str, out: Path) -> dict:
    """Export through the CLI in a child process; its VmHWM is the peak memory.

    (ru_maxrss would include the parent's size at fork time: Linux keeps it across exec.)
    """
    code = (
        f"import resource, sys, time; sys.path.insert(0, {str(ROOT)!r});"
        "from survey.cli import main; start = time.perf_counter();"
        f"sys.argv = ['mitsprache', 'export-responses', {SLUG!r}, '--format', {fmt!r}, '--output', {str(out)!r}];"
        "\ntry:\n main()\nexcept SystemExit:\n pass\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1];"
        "print(time.perf_counter() - start, hwm)"
    )
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    seconds, rss_kb = done.stdout.strip().splitlines()[-1].split()
    return {f"export_{fmt}_s": float(seconds), f"export_{fmt}_peak_mb": int(rss_kb) / 1024}


def page_time(app, client) -> dict:
    result = {}
    for name, path in [
        ("overview", f"/results/{SLUG}/"),
        ("questions", f"/results/{SLUG}/questions"),
    ]:

        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, response.status_code

        result[name] = _best(get, 3)
    return result


def run_engine(name: str, url: str, workdir: Path) -> dict:
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True,
                      "WTF_CSRF_ENABLED": False})  # fmt: skip
    with app.app_context():
        session = get_session()
        survey = make_survey(session)
        users.create_user(session, app.extensions["password_hasher"], email="bench@example.org",
                          name="Bench", password=PASSWORD, role=Role.COORDINATOR)  # fmt: skip
        session.commit()
        survey_id = survey.id
        survey = agg.load_survey(session, SLUG)
        session.expunge_all()
    engine = create_engine(url)
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})
    figures: dict = {"pages": {}}
    seeded = 0
    for size in SIZES:
        start = time.perf_counter()
        seed(engine, survey, seeded, size)
        seeded = size
        # a bulk load straight into the tables, as `mitsprache rebuild-tallies` follows one
        counted = time.perf_counter()
        with app.app_context():
            session = get_session()
            tallies.rebuild(session, agg.load_survey(session, SLUG))
            session.commit()
        figures.setdefault("tallies_rebuild_s", {})[str(size)] = time.perf_counter() - counted
        print(
            f"  {name}: seeded {size:,} responses in {counted - start:.1f} s, counted them "
            f"again in {time.perf_counter() - counted:.2f} s",
            flush=True,
        )
        figures["pages"][str(size)] = page_time(app, client)
    with engine.connect() as conn:
        figures["answer_rows"] = conn.execute(
            select(func.count()).select_from(Answer.__table__)
        ).scalar()
    figures.update(measure_aggregates(app, survey_id))
    csv_path = workdir / f"{name}.csv"
    for fmt in ("csv", "xlsx"):
        figures.update(export_in_subprocess(url, fmt, workdir / f"{name}.{fmt}"))
    figures.update(measure_pandas(csv_path))
    figures["pandas_need_profile_ratio"] = (
        figures["pandas_need_profile_s"] / figures["need_profile_service_s"]
    )
    figures["pandas_area_table_ratio"] = (
        figures["pandas_area_table_s"] / figures["area_table_service_s"]
    )
    engine.dispose()
    app.extensions["db_engine"].dispose()
    return figures


def report(results: dict) -> None:
    for name, f in results["engines"].items():
        print(f"\n{name} ({f['answer_rows']:,} answer rows)")
        print(
            f"  need profile: service {f['need_profile_service_s'] * 1000:.0f} ms, bare SQL "
            f"{f['need_profile_bare_sql_s'] * 1000:.0f} ms, ratio {f['need_profile_ratio']:.2f} (goal ≤ 1.5); "
            f"the once-per-person statement a survey with shared categories needs: "
            f"{f['need_profile_once_per_person_sql_s'] * 1000:.0f} ms"
        )
        print(
            f"  question by area: service {f['area_table_service_s'] * 1000:.0f} ms, bare SQL "
            f"{f['area_table_bare_sql_s'] * 1000:.0f} ms, ratio {f['area_table_ratio']:.2f} (goal ≤ 1.5)"
        )
        print(
            f"  when the running counts cannot answer (counting the answers): need profile "
            f"{f['need_profile_counting_s'] * 1000:.0f} ms = {f['need_profile_counting_ratio']:.2f}× "
            f"bare SQL, question by area {f['area_table_counting_s'] * 1000:.0f} ms = "
            f"{f['area_table_counting_ratio']:.2f}× bare SQL (goal ≤ 1.5)"
        )
        print(
            f"  every question by area at once: {f['all_questions_by_area_service_s'] * 1000:.0f} ms; "
            "counting again after a bulk load: "
            + ", ".join(f"{int(n):,} in {t:.2f} s" for n, t in f["tallies_rebuild_s"].items())
        )
        print(
            f"  pandas reading the CSV export ({f['pandas_read_csv_s'] * 1000:.0f} ms) and "
            f"grouping: need profile {f['pandas_need_profile_s'] * 1000:.0f} ms = "
            f"{f['pandas_need_profile_ratio']:.1f}× the service, question by area "
            f"{f['pandas_area_table_s'] * 1000:.0f} ms = {f['pandas_area_table_ratio']:.1f}× the "
            "service (goal: several times)"
        )
        for size, pages in f["pages"].items():
            print(
                f"  results pages at {int(size):,}: overview {pages['overview'] * 1000:.0f} ms, "
                f"questions {pages['questions'] * 1000:.0f} ms"
            )
        print(f"  export CSV {f['export_csv_s']:.1f} s, peak {f['export_csv_peak_mb']:.0f} MB; "
              f"XLSX {f['export_xlsx_s']:.1f} s, peak {f['export_xlsx_peak_mb']:.0f} MB (goal < 200 MB)")  # fmt: skip


def _save(results: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))


def main() -> dict:
    """Run the benchmark on SQLite and PostgreSQL; print and save the figures."""
    from tests import pg

    results: dict = {"sizes": SIZES, "engines": {}}
    with tempfile.TemporaryDirectory(prefix="mitsprache-bench-") as tmp:
        workdir = Path(tmp)
        print("Results benchmark (issue 6)", flush=True)
        results["engines"]["sqlite"] = run_engine(
            "sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}", workdir
        )
        cluster = pg.start()
        try:
            admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("CREATE DATABASE bench"))
            admin.dispose()
            results["engines"]["postgresql"] = run_engine(
                "postgresql", cluster.url_for("bench"), workdir
            )
        finally:
            cluster.stop()
    report(results)
    _save(results)
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")
    print(
        f"(peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )
    return results


if __name__ == "__main__":
    main()
