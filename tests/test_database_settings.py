"""The PostgreSQL session settings the application sends at connection (config/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.env import env_database

URL = "postgresql://motcua@db:5432/motcua"


def test_reports_sort_in_memory_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("MOTCUA_DB_WORK_MEM", raising=False)
    assert env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"] == {
        "options": "-c work_mem=16MB"
    }
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "64MB")
    monkeypatch.setenv("DATABASE_URL", URL + "?options=-c%20statement_timeout%3D5000")
    options = env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]
    assert options == {"options": "-c statement_timeout=5000 -c work_mem=64MB"}  # type: ignore[comparison-overlap]
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "")
    monkeypatch.setenv("DATABASE_URL", URL)
    assert "options" not in env_database("DATABASE_URL", sqlite_path="x").get("OPTIONS", {})  # type: ignore[operator]
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "lots")
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_DB_WORK_MEM"):
        env_database("DATABASE_URL", sqlite_path="x")


@pytest.mark.django_db
def test_the_running_session_has_it() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no work_mem")
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone() == ("16MB",)
