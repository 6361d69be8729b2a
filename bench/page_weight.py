"""Page weight as a first-time visitor's phone sees it: requests, bytes, third parties.

Loads a page in Debian's Chromium with an empty cache and records every request. Sizes are
given three ways: `raw` (the body as decoded), `gzip` (what a server that compresses text
would send: gzip level 6 for text types, the raw size for images and other packed formats)
and `transferred` (the body bytes that actually crossed the wire from this server).

    from bench.page_weight import measure
    weight = measure("http://127.0.0.1:5000", "/login")
    print(weight.summary())
"""

from __future__ import annotations

import gzip
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


def gzip_size(body: bytes, content_type: str) -> int:
    """Bytes on the wire from a server that gzips text (level 6, like nginx/Apache setups)."""
    if any(content_type.startswith(kind) for kind in COMPRESSIBLE) or content_type.endswith(
        ("+xml", "+json", "/xml")
    ):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


@dataclass
class Resource:
    url: str
    resource_type: str  # document, stylesheet, script, image, font, fetch, …
    content_type: str
    status: int | None
    raw: int
    gzip: int
    transferred: int
    third_party: bool


@dataclass
class PageWeight:
    url: str
    resources: list[Resource] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def html(self) -> Resource:
        """The HTML document the page ended on (after any redirects)."""
        documents = [r for r in self.resources if r.resource_type == "document"]
        final = [r for r in documents if r.status is not None and not 300 <= r.status < 400]
        return (final or documents)[-1]

    @property
    def html_gzip(self) -> int:
        return self.html.gzip

    @property
    def total_gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    @property
    def total_raw(self) -> int:
        return sum(r.raw for r in self.resources)

    @property
    def total_transferred(self) -> int:
        return sum(r.transferred for r in self.resources)

    @property
    def requests(self) -> int:
        return len(self.resources) + len(self.failed)

    @property
    def third_party(self) -> list[str]:
        return [r.url for r in self.resources if r.third_party]

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "html_gzip_bytes": self.html_gzip,
            "html_raw_bytes": self.html.raw,
            "total_gzip_bytes": self.total_gzip,
            "total_raw_bytes": self.total_raw,
            "total_transferred_bytes": self.total_transferred,
            "requests": self.requests,
            "third_party_requests": self.third_party,
            "failed_requests": self.failed,
            "resources": [asdict(r) for r in self.resources],
        }

    def summary(self) -> str:
        return (
            f"{self.url}: HTML {self.html_gzip / 1024:.1f} KB gz, all {self.total_gzip / 1024:.1f} "
            f"KB gz ({self.total_raw / 1024:.1f} KB raw), {self.requests} requests, "
            f"{len(self.third_party)} third-party"
        )


def _same_site(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


def measure(base_url: str, path: str, *, browser=None, device: dict | None = None) -> PageWeight:
    """Load base_url + path once with an empty cache and weigh everything it fetched.

    Pass a Playwright `browser` to reuse one; otherwise Debian's Chromium is started (and
    stopped) for this one measurement.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = launch(playwright)
            try:
                return measure(base_url, path, browser=own, device=device)
            finally:
                own.close()

    url = base_url.rstrip("/") + path
    weight = PageWeight(url)
    context = browser.new_context(**(device or PHONE))
    try:
        page = context.new_page()
        started, finished = [], set()
        # listed in the order the page asked for them, whichever finished first
        page.on("request", lambda request: started.append(request))
        page.on("requestfinished", lambda request: finished.add(id(request)))
        page.on("requestfailed", lambda request: weight.failed.append(request.url))
        page.goto(url, wait_until="networkidle")
        for request in started:
            if id(request) not in finished or request.url.startswith(("data:", "blob:")):
                continue
            weight.resources.append(_resource(request, base_url))
    finally:
        context.close()
    return weight


def _resource(request, base_url: str) -> Resource:
    response = request.response()
    body = b""
    content_type = ""
    status = None
    if response is not None:
        status = response.status
        content_type = (response.headers.get("content-type") or "").split(";")[0].strip()
        if not 300 <= status < 400:
            body = response.body()
    sizes = request.sizes()
    return Resource(
        url=request.url,
        resource_type=request.resource_type,
        content_type=content_type,
        status=status,
        raw=len(body),
        gzip=gzip_size(body, content_type),
        transferred=max(sizes.get("responseBodySize", 0), 0),
        third_party=not _same_site(request.url, base_url),
    )


def launch(playwright):
    """Debian's Chromium, headless (Playwright's own download is not available here)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium` "
            "(`make bench` does it through scripts/system-deps.sh)"
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--headless=new", "--disable-dev-shm-usage"]
    )
