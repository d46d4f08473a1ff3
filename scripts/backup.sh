#!/usr/bin/env bash
# Nightly backup of one Một Cửa deployment (docs/deploy.md, "Backup and restore").
# Order matters: the database first (pg_dump takes a consistent snapshot), the media folder
# second — files are only ever added or removed, never changed, so every file a dumped row
# points to is already on disk when the copy starts. Needs DATABASE_URL and MOTCUA_DATA_DIR.
set -euo pipefail

dest=${MOTCUA_BACKUP_DIR:-/var/backups/motcua}
keep=${MOTCUA_BACKUP_KEEP_DAYS:-14}
stamp=$(date +%Y%m%d-%H%M%S)
target="$dest/$stamp"
mkdir -p "$target"

pg_dump --format=custom --file="$target/motcua.dump" --dbname="$DATABASE_URL"
# A hard-linked copy of the previous night's media: unchanged files take no extra space.
previous=$(ls -1d "$dest"/*/media 2>/dev/null | grep -v "^$target/" | sort | tail -n 1 || true)
rsync -a --delete ${previous:+--link-dest="$previous"} "${MOTCUA_DATA_DIR}/media/" "$target/media/"
pg_restore --list "$target/motcua.dump" >/dev/null  # the dump is readable
touch "$target/COMPLETE"

find "$dest" -mindepth 1 -maxdepth 1 -type d -mtime +"$keep" -exec rm -rf {} +
echo "backup written to $target"
