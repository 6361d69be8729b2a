"""Run every benchmark: `python -m bench` (what `make bench` does) or `python -m bench pages`.

Each bench/bench_<name>.py module has a `main()` that measures, prints its figures as it goes,
writes bench/results/<name>.json and returns its figures as a dict.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(selected: list[str]) -> list[str]:
    names = sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))
    if selected:
        unknown = sorted(set(selected) - set(names))
        if unknown:
            raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)}; known: {names}")
        names = [n for n in names if n in selected]
    return names


def main(argv: list[str]) -> int:
    failed = []
    for name in discover(argv):
        print(f"\n=== bench_{name} ===", flush=True)
        started = time.monotonic()
        try:
            figures = importlib.import_module(f"bench.bench_{name}").main()
        except Exception:  # noqa: BLE001 - report and go on with the next benchmark
            traceback.print_exc()
            failed.append(name)
            continue
        print(f"--- bench_{name}: {time.monotonic() - started:.1f} s; figures:")
        print(json.dumps(figures, indent=2, ensure_ascii=False, default=str))
    if failed:
        print(f"\nFAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
