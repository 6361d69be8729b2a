#!/usr/bin/env bash
# make audit: check the installed Python packages against known vulnerabilities (pip-audit,
# PyPI's advisory data). "No vulnerabilities found" must never mean "could not look": when the
# advisory data cannot be reached, or packages could not be looked up, this says so and fails.
set -uo pipefail
PY="${1:-.venv/bin/python}"
SERVICE="${AUDIT_SERVICE:-pypi}"   # or: osv

if ! "$PY" -m pip_audit --version >/dev/null 2>&1; then
  if ! "$PY" -m pip install --quiet pip-audit >/dev/null 2>&1; then
    echo "make audit: pip-audit could not be installed (is PyPI reachable?). NO audit was done." >&2
    exit 3
  fi
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
"$PY" -m pip_audit --skip-editable --progress-spinner off --vulnerability-service "$SERVICE" \
  --format json --output "$report" 2>"$report.err"
rc=$?
"$PY" scripts/audit_report.py "$report" "$report.err" "$rc"
status=$?
rm -f "$report.err"
exit $status
