"""Backup → restore → check on PostgreSQL (issue 14 §4), as docs/deploy.md describes it:
pg_dump in custom format, the media folder copied after the dump, pg_restore into a new
database, then `backup_check` against the source."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.test_hardening_files import receive_with
from motcua.lib.uploads import sample_pdf

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="pg_dump and pg_restore: the PostgreSQL run only",
    ),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    host = s["HOST"] or "localhost"
    if host.startswith("/"):
        from urllib.parse import quote

        host = quote(host, safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgresql://{s['USER']}@{host}{port}/{name}"


def _check(restored_url: str, data_dir: Path, source_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": restored_url,
        "MOTCUA_DATA_DIR": str(data_dir),
        "MOTCUA_SECRET_KEY": "test-only-not-a-secret",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "backup_check", "--source-url", source_url],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_backup_restore_check(world: World, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier = receive_with(world, "to-khai.pdf", sample_pdf())
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    dump = tmp_path / "motcua.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", "--dbname", _url(source)], check=True
    )
    data_dir = tmp_path / "restored"
    shutil.copytree(settings.MEDIA_ROOT, data_dir / "media")
    subprocess.run(
        ["dropdb", "--if-exists", "--maintenance-db", _url("postgres"), restored], check=True
    )
    subprocess.run(["createdb", "--maintenance-db", _url("postgres"), restored], check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--dbname", _url(restored), str(dump)], check=True
        )
        good = _check(_url(restored), data_dir, _url(source))
        assert good.returncode == 0, good.stdout + good.stderr
        assert "khớp với nguồn" in good.stdout

        # A restore without the media folder, or with a damaged file, is caught.
        stored = data_dir / "media" / str(dossier.attachments.get().file.name)
        stored.write_bytes(b"%PDF-1.4 altered")
        bad = _check(_url(restored), data_dir, _url(source))
        assert bad.returncode != 0 and "sai mã băm" in bad.stdout
        stored.unlink()
        assert "thiếu" in _check(_url(restored), data_dir, _url(source)).stdout
        # A source that has moved on (or a partial restore) shows in the counts.
        receive_with(world, "to-khai.pdf", sample_pdf())
        late = _check(_url(restored), data_dir, _url(source))
        assert "bảng dossiers_dossier: nguồn 2 dòng, bản khôi phục 1 dòng" in late.stdout
    finally:
        connection.close()
        subprocess.run(
            ["dropdb", "--if-exists", "--maintenance-db", _url("postgres"), restored], check=True
        )
