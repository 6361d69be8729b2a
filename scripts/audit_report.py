"""Summarise a pip-audit JSON report; exit 0 only when every package was checked and is clean.

Exit codes: 0 clean, 1 vulnerabilities found, 3 no (complete) audit possible.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(report_path: str, stderr_path: str, pip_audit_rc: str) -> int:
    stderr = Path(stderr_path).read_text(errors="replace") if Path(stderr_path).exists() else ""
    try:
        report = json.loads(Path(report_path).read_text())
    except (OSError, ValueError):
        print(stderr.strip()[-2000:], file=sys.stderr)
        print(
            "make audit: pip-audit produced no report: the vulnerability database could not be "
            "reached (see above). NO audit was done.",
            file=sys.stderr,
        )
        return 3
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason") and "editable" not in d["skip_reason"]]
    checked = [d for d in deps if not d.get("skip_reason")]
    vulnerable = [d for d in checked if d.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
            if vuln.get("description"):
                print(f"    {vuln['description'][:300]}")
    print(
        f"make audit: {len(checked)} packages checked, {len(vulnerable)} with known "
        f"vulnerabilities, {len(skipped)} could not be checked."
    )
    if vulnerable:
        print("make audit: upgrade the packages named above.", file=sys.stderr)
        return 1
    if skipped:
        names = ", ".join(d["name"] for d in skipped[:8])
        more = f" and {len(skipped) - 8} more" if len(skipped) > 8 else ""
        print(
            f"make audit: {len(skipped)} packages could not be looked up in the advisory "
            f"database ({names}{more}). The audit is INCOMPLETE: the database is not reachable "
            "from here, or these packages are not on PyPI. Run it where pypi.org is reachable.",
            file=sys.stderr,
        )
        return 3
    if int(pip_audit_rc) not in (0, 1):
        print(stderr.strip()[-2000:], file=sys.stderr)
        return 3
    print("make audit: no known vulnerabilities in the installed packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
