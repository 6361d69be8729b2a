"""Lighthouse scores (mobile, the default) against Debian's Chromium, headless.

Lighthouse 12.x comes from npm into bench/.node/ (git-ignored) on first use; Lighthouse 13
needs Node 22. Chromium is found through CHROME_PATH and started by Lighthouse itself with
`--headless=new --no-sandbox` (without both it fails with "Unable to connect to Chrome").

    from bench.lighthouse import run
    report = run("http://127.0.0.1:5000/login")
    report.scores  # {"performance": 100, "accessibility": 100}
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

VERSION = "12.2.3"
NODE_DIR = Path(__file__).resolve().parent / ".node"
CLI = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-dev-shm-usage"
RETRIES = 2  # runs that fail to record a trace are run again, at most this often
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
    "interactive": "tti_ms",
}


class LighthouseError(RuntimeError):
    """Lighthouse could not be installed or could not produce a report."""


@dataclass
class LighthouseReport:
    url: str
    scores: dict[str, int]  # category -> 0..100
    metrics: dict[str, float] = field(default_factory=dict)
    failed_audits: dict[str, list[str]] = field(default_factory=dict)  # category -> audit ids
    lighthouse_version: str = ""
    chrome_version: str = ""
    performance_runs: list[int] = field(default_factory=list)  # every run's score (median)

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "scores": self.scores,
            "metrics": self.metrics,
            "failed_audits": self.failed_audits,
            "lighthouse_version": self.lighthouse_version,
            "chrome_version": self.chrome_version,
            "performance_runs": self.performance_runs,
        }

    def summary(self) -> str:
        scores = ", ".join(f"{name} {score}" for name, score in self.scores.items())
        return f"{self.url}: Lighthouse (mobile) {scores}"


def installed_version() -> str | None:
    package = CLI.parent.parent / "package.json"
    if not package.exists():
        return None
    return json.loads(package.read_text())["version"]


def ensure_installed() -> Path:
    """Install lighthouse@VERSION into bench/.node/ through npm unless it is there."""
    if installed_version() == VERSION:
        return CLI
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise LighthouseError("Lighthouse needs Node.js and npm: apt-get install nodejs npm")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    package_json = NODE_DIR / "package.json"
    if not package_json.exists():
        package_json.write_text('{"private": true}\n')
    command = [npm, "install", "--no-audit", "--no-fund", "--save-exact", f"lighthouse@{VERSION}"]
    result = subprocess.run(command, cwd=NODE_DIR, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or installed_version() != VERSION:
        raise LighthouseError(
            f"`npm install lighthouse@{VERSION}` failed (exit {result.returncode}):\n"
            f"{result.stderr.strip()[-2000:]}"
        )
    return CLI


def run(
    url: str,
    *,
    categories=("performance", "accessibility"),
    timeout: int = 180,
    headers: dict[str, str] | None = None,
):
    """Run Lighthouse once on url; return a LighthouseReport (scores 0..100).

    `headers` are sent with every request (e.g. the cookie of a started response)."""
    cli = ensure_installed()
    if not Path(CHROME_PATH).exists():
        raise LighthouseError(f"{CHROME_PATH} is missing: apt-get install chromium")
    command = [
        shutil.which("node") or "node",
        str(cli),
        url,
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
    ]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    for _attempt in range(RETRIES + 1):
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, env=env, timeout=timeout
            )
        except subprocess.TimeoutExpired as exc:
            raise LighthouseError(f"Lighthouse took longer than {timeout} s on {url}") from exc
        # a trace Chromium did not finish recording (NO_NAVSTART, NO_FCP): Lighthouse itself
        # asks to run it again; nothing about the page is measured by a failed recording
        if "Please run Lighthouse again" not in result.stderr:
            break
    if result.returncode != 0 or not result.stdout.strip():
        raise LighthouseError(
            f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}"
        )
    return parse(url, json.loads(result.stdout))


def parse(url: str, lhr: dict) -> LighthouseReport:
    """Scores, main metrics and failing audits from a Lighthouse result (LHR) object."""
    if lhr.get("runtimeError"):
        raise LighthouseError(f"Lighthouse on {url}: {lhr['runtimeError'].get('message')}")
    audits = lhr["audits"]
    scores, failed = {}, {}
    for name, category in lhr["categories"].items():
        if category.get("score") is None:
            raise LighthouseError(f"Lighthouse gave no {name} score for {url}")
        scores[name] = round(category["score"] * 100)
        failed[name] = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 0.9
        ]
    metrics = {
        key: round(audits[audit]["numericValue"], 3)
        for audit, key in METRICS.items()
        if audit in audits and audits[audit].get("numericValue") is not None
    }
    return LighthouseReport(
        url=url,
        scores=scores,
        metrics=metrics,
        failed_audits=failed,
        lighthouse_version=lhr.get("lighthouseVersion", ""),
        chrome_version=lhr.get("environment", {}).get("hostUserAgent", ""),
    )


def run_median(url: str, runs: int = 3, **kwargs) -> LighthouseReport:
    """Run Lighthouse `runs` times and keep the run with the median performance score:
    one busy moment on a shared machine (blocking time!) should not decide the figure."""
    reports = sorted(
        (run(url, **kwargs) for _ in range(runs)), key=lambda r: r.scores.get("performance", 0)
    )
    median = reports[len(reports) // 2]
    median.performance_runs = [r.scores.get("performance", 0) for r in reports]
    return median
