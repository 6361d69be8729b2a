"""Settings for the fuzz tests: the same examples on every `make test`, more and new ones in
`make fuzz`.

`make test` (and CI) runs the Hypothesis profile "repeatable" (see tests/conftest.py): each
property test draws the same examples on every run, so a green run here is green in CI and a
red one can be read again. `make fuzz` runs the profile "explore": new random examples on
every run, MITSPRACHE_FUZZ_FACTOR times as many (default 4). Whatever it finds becomes an
explicit case in the test (an `@example` or an entry in a list of hostile files).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXPLORE = os.environ.get("MITSPRACHE_FUZZ") == "explore"
FACTOR = int(os.environ.get("MITSPRACHE_FUZZ_FACTOR", "4")) if EXPLORE else 1


def fuzz_settings(max_examples: int, *, too_slow_ok: bool = True) -> settings:
    checks = [HealthCheck.function_scoped_fixture]
    if too_slow_ok:
        checks.append(HealthCheck.too_slow)
    return settings(
        max_examples=max_examples * FACTOR,
        deadline=None,
        suppress_health_check=checks,
        database=None,  # no .hypothesis folder in the repository
    )
