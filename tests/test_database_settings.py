"""The PostgreSQL session settings the application sends at connection (config/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.env import env_database

URL = "postgresql://motcua@db:5432/motcua"


def test_reports_sort_in_memory_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("MOTCUA_DB_WORK_MEM", raising=False)
    monkeypatch.delenv("MOTCUA_DB_RANDOM_PAGE_COST", raising=False)
    assert env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"] == {
        "options": "-c work_mem=16MB -c random_page_cost=1.1",
        "prepare_threshold": 5,
    }
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "64MB")
    monkeypatch.setenv("MOTCUA_DB_RANDOM_PAGE_COST", "")
    monkeypatch.setenv("DATABASE_URL", URL + "?options=-c%20statement_timeout%3D5000")
    options = env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]
    assert options["options"] == "-c statement_timeout=5000 -c work_mem=64MB"  # type: ignore[index]
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "")
    monkeypatch.setenv("DATABASE_URL", URL)
    assert "options" not in env_database("DATABASE_URL", sqlite_path="x").get("OPTIONS", {})  # type: ignore[operator]
    monkeypatch.setenv("MOTCUA_DB_RANDOM_PAGE_COST", "2")
    options = env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]
    assert options["options"] == "-c random_page_cost=2"  # type: ignore[index]
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "lots")
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_DB_WORK_MEM"):
        env_database("DATABASE_URL", sqlite_path="x")
    monkeypatch.setenv("MOTCUA_DB_WORK_MEM", "")
    monkeypatch.setenv("MOTCUA_DB_RANDOM_PAGE_COST", "1.1; DROP TABLE x")
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_DB_RANDOM_PAGE_COST"):
        env_database("DATABASE_URL", sqlite_path="x")


def test_prepared_reads_are_on_unless_a_pooler_needs_them_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("MOTCUA_DB_PREPARED", raising=False)
    assert env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]["prepare_threshold"] == 5  # type: ignore[index]
    monkeypatch.setenv("MOTCUA_DB_PREPARED", "0")
    assert "prepare_threshold" not in env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]  # type: ignore[operator]
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("MOTCUA_DB_PREPARED")
    assert "prepare_threshold" not in env_database("DATABASE_URL", sqlite_path="x")["OPTIONS"]  # type: ignore[operator]


@pytest.mark.django_db
def test_the_running_session_has_it() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no work_mem")
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone() == ("16MB",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)


@pytest.mark.django_db
def test_fetch_prepares_its_reads_on_postgresql_and_the_query_log_still_sees_them(
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    from motcua.accounts.models import OrgUnit
    from motcua.lib import rows

    sql = "SELECT %s + 1"
    with django_assert_num_queries(2):
        assert rows.fetch(sql, [41]) == [(42,)]
        assert rows.fetch(sql, [1]) == [(2,)]
    if connection.vendor != "postgresql":
        return
    list(OrgUnit.objects.filter(code="x"))  # the ORM's queries: bound on the client, never prepared
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert [statement for (statement,) in cursor.fetchall()] == ["SELECT $1 + 1"]
