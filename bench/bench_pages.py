"""Page weight and Lighthouse scores of the public pages, against the budgets of issue 4.

Starts the demo app under gunicorn on loopback, loads each page as a first-time phone visitor
(empty cache) and runs Lighthouse (mobile) three times, keeping the median run. Writes bench/results/pages.json.
Budgets for a resident page: HTML ≤ 14 KB gzipped, everything ≤ 50 KB gzipped, ≤ 5 requests,
no third-party request, Lighthouse performance ≥ 95 and accessibility 100.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from . import lighthouse, page_weight
from .server import gunicorn_server

RESULTS = Path(__file__).resolve().parent / "results" / "pages.json"
LIGHTHOUSE_RUNS = 3  # the median run counts (Lighthouse varies on a busy machine)
SURVEY = "/s/bedarfserhebung-2026"  # the demo survey residents answer
PAGES = ["/", "/login", SURVEY, f"{SURVEY}/resume"]
BUDGET = {
    "html_gzip_bytes": 14 * 1024,
    "total_gzip_bytes": 50 * 1024,
    "requests": 5,
    "third_party_requests": 0,
    "performance": 95,
    "accessibility": 100,
}


def _within(figures: dict) -> dict:
    """figure / budget for each budget (≤ 1.0 is within; scores: ≥ 1.0 is within)."""
    ratios = {}
    for key, budget in BUDGET.items():
        value = figures.get(key)
        if value is None:
            continue
        if key == "third_party_requests":
            ratios[key] = "ok" if len(value) <= budget else "over"
        else:
            ratios[key] = round(value / budget, 3)
    return ratios


def started_response(base: str, browser) -> tuple[str, dict]:
    """Agree on the start page like a resident; the first question's path and the cookies."""
    context = browser.new_context(**page_weight.PHONE)
    try:
        page = context.new_page()
        page.goto(base + SURVEY)
        page.check("#consent")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url("**/q/**")
        return page.url.replace(base, ""), context.storage_state()
    finally:
        context.close()


def measure_page(base: str, path: str, browser, state: dict | None = None) -> dict:
    device = dict(page_weight.PHONE, storage_state=state) if state else None
    weight = page_weight.measure(base, path, browser=browser, device=device)
    print("  " + weight.summary().replace(base, ""), flush=True)
    headers = None
    if state:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in state["cookies"])
        headers = {"Cookie": cookies}
    report = lighthouse.run_median(base + path, runs=LIGHTHOUSE_RUNS, headers=headers)
    runs = ", ".join(str(score) for score in report.performance_runs)
    print(f"  {report.summary().replace(base, '')} (performance per run: {runs})", flush=True)
    figures = weight.as_dict()
    figures["url"] = path
    figures.update(report.scores)
    figures["lighthouse"] = report.as_dict() | {"url": path}
    figures["ratio_to_budget"] = _within(figures)
    return figures


def main() -> dict:
    from playwright.sync_api import sync_playwright

    results = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "budget": BUDGET}
    pages = {}
    with gunicorn_server() as base, sync_playwright() as playwright:
        browser = page_weight.launch(playwright)
        try:
            for path in PAGES:
                pages[path] = measure_page(base, path, browser)
            question, state = started_response(base, browser)
            pages[question] = measure_page(base, question, browser, state)
        finally:
            browser.close()
    results["pages"] = pages
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(
        f"  written to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}"
    )
    return {
        path: {
            key: figures[key]
            for key in (
                "html_gzip_bytes",
                "total_gzip_bytes",
                "requests",
                "performance",
                "accessibility",
            )
        }
        | {
            "third_party_requests": len(figures["third_party_requests"]),
            "ratio_to_budget": figures["ratio_to_budget"],
        }
        for path, figures in pages.items()
    }
