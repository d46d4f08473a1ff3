#!/usr/bin/env bash
# Run the GovStack Registration Building Block conformance suite (third_party/, unmodified but
# for its base URL) against Một Cửa: a throwaway data directory (SQLite), the demo province,
# the suite's fixture, gunicorn on 127.0.0.1:$PORT. Needs node and npm; `npm install` fetches
# the suite's own dependencies and nothing else. Not part of `make test` (docs/api.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-3333}
py=.venv/bin/python
suite_src=third_party/govstack-bb-registration/test/openAPI
client="eGovStack/GOV/90000009/eregistrations-dev"

command -v npm >/dev/null || { echo "govstack-suite: node and npm are needed" >&2; exit 1; }
work=$(mktemp -d /tmp/motcua-govstack.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

export MOTCUA_DATA_DIR="$work/data" MOTCUA_DEBUG=0 MOTCUA_SECURE_COOKIES=0
export MOTCUA_SECRET_KEY="govstack-suite-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export MOTCUA_GOVSTACK_ENABLED=1 MOTCUA_GOVSTACK_CLIENTS="$client=govstack.demo"
export MOTCUA_GOVSTACK_DEFAULT_CLIENT="$client"
mkdir -p "$MOTCUA_DATA_DIR"
$py manage.py migrate --no-input >/dev/null
$py manage.py seed_demo >/dev/null
$py manage.py load_govstack_fixture

.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server=$!
for _ in $(seq 50); do
  $py -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/govstack/registration/services', timeout=2)" \
    2>/dev/null && break
  sleep 0.2
done

cp -r "$suite_src/." "$work/suite"
# The one change: where the suite finds the API (helpers.js has http://localhost:3333/).
sed -i "s#localhost: 'http://localhost:3333/'#localhost: 'http://127.0.0.1:$PORT/govstack/registration/'#" \
  "$work/suite/features/support/helpers/helpers.js"
cd "$work/suite"
npm install --no-audit --no-fund --loglevel=error >/dev/null
# Arguments go to cucumber-js, e.g. a feature file or --format pretty.
npx cucumber-js --format progress "$@"
