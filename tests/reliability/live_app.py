"""WSGI entry for the live-server tests: the real app, with config overrides from the
environment (MITSPRACHE_LIVE_CONFIG, JSON) so tests can lower the argon2 cost or raise limits."""

from __future__ import annotations

import json
import os

from survey import create_app

app = create_app(json.loads(os.environ.get("MITSPRACHE_LIVE_CONFIG", "{}")))
