#!/usr/bin/env bash
# Installs the system packages the tests need (as root, through apt) or says exactly
# what is missing. A missing tool is a failure, never a silent skip.
# `scripts/system-deps.sh bench` also checks Node.js and npm (Lighthouse comes from npm).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto/NotoSansArabic-* >/dev/null 2>&1 || need+=(fonts-noto-core)
ls /usr/share/fonts/truetype/noto/NotoSansArabicUI-* >/dev/null 2>&1 || need+=(fonts-noto-ui-core)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi

if [ "${1:-}" = "bench" ]; then
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "System packages: chromium, fonts, gettext and PostgreSQL${1:+, node and npm} are present."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}"
