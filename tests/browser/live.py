"""Serve a Flask app on 127.0.0.1 and a free port in a thread, and drive Debian's Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots and other files for people to look at after a run (CI keeps build/).
ARTEFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-extensions",
    "--font-render-hinting=none",
]
MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. Run `make test` as root "
    "(it installs it through apt), or install it yourself: "
    "`sudo apt-get install -y chromium fonts-noto-core fonts-noto-ui-core`. "
    "(`playwright install` cannot download its browser here and is not used.)"
)


class _QuietHandler(WSGIRequestHandler):
    """No access log lines in the test output (errors still reach pytest's log capture)."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve `app` on loopback in a background thread; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def launch_chromium(playwright):
    """Launch /usr/bin/chromium headless through Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def save_screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page under build/test-artifacts/screenshots/; return its path."""
    folder = ARTEFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
