#!/usr/bin/env bash
# Run a command against PostgreSQL: the DATABASE_URL given, or else a throwaway cluster made
# here (initdb in a temporary directory, Unix socket only) and removed afterwards. PostgreSQL
# refuses to run as root, so as root the cluster runs as an unprivileged system user.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

here=$(cd "$(dirname "$0")" && pwd)
"$here/system-packages.sh" postgresql

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb)")

dir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
chmod 755 "$dir"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id motcua-pg >/dev/null 2>&1 \
    || useradd --system --no-create-home --shell /usr/sbin/nologin motcua-pg
  chown motcua-pg "$dir"
  as_owner=(runuser -u motcua-pg --)
fi

cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
  --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

socket=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$dir")
export DATABASE_URL="postgresql://postgres@${socket}/motcua"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') throwaway cluster in $dir"
"$@"
