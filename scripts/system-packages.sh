#!/usr/bin/env bash
# Make sure the Debian packages a target needs are present: install them when we are root,
# otherwise name them and stop. Usage: scripts/system-packages.sh venv|chromium|postgresql|pdf
set -euo pipefail

need=()
case "${1:-}" in
  venv)
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
      echo "Một Cửa needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)." >&2; exit 1; }
    python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
    ;;
  chromium)
    [ -x /usr/bin/chromium ] || need+=(chromium)
    ;;
  postgresql)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
      || need+=(postgresql)
    ;;
  pdf)
    # WeasyPrint renders the printed forms through Pango and HarfBuzz (fonts ship in the repo).
    for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
    done
    ;;
  *) echo "usage: $0 venv|chromium|postgresql|pdf" >&2; exit 2 ;;
esac

[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
else
  echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
