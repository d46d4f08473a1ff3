"""The database triggers that replace `CatalogStamp.token` on every write to the public catalog.

Triggers rather than Django signals: they also see bulk inserts, queryset updates, raw SQL and
writes from other processes, so no code path can change a procedure page and forget to say so.

- PostgreSQL: one statement-level trigger per table (insert, update, delete, truncate). The
  stamp row stays locked until the writing transaction ends, so two transactions writing the
  catalog at once take turns; catalog writes are rare and short (editors, imports).
- SQLite: one row-level trigger per table and operation (SQLite has no statement triggers).
  SQLite rebuilds a table for most schema changes and drops its triggers with it; `install` is
  therefore run after every `migrate` (apps.py) as well as by the migration, and a test checks
  that every watched table has its triggers.
"""

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper

# (app label, model name) of every table whose rows the public catalog pages show.
WATCHED = (
    ("accounts", "OrgUnit"),
    ("catalog", "Sector"),
    ("catalog", "Procedure"),
    ("catalog", "ProcedureVersion"),
    ("catalog", "ProcedureCase"),
    ("catalog", "ProcedureDocument"),
    ("catalog", "ProcedureFee"),
    ("catalog", "ProcessStep"),
    ("catalog", "ProcedureOffering"),
)
STAMP_TABLE = "catalog_catalogstamp"
_SQLITE_OPERATIONS = ("INSERT", "UPDATE", "DELETE")

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION catalog_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {STAMP_TABLE} (id, token) VALUES (1, floor(random() * 9e18)::bigint)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$
"""


def watched_tables() -> list[str]:
    return [apps.get_model(label, name)._meta.db_table for label, name in WATCHED]


def trigger_names(table: str, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"{table}_catalog_stamp"]
    return [f"{table}_catalog_stamp_{operation.lower()}" for operation in _SQLITE_OPERATIONS]


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers that are missing (idempotent)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in watched_tables():
                (name,) = trigger_names(table, "postgresql")
                cursor.execute(
                    f'CREATE OR REPLACE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE '
                    f'OR TRUNCATE ON "{table}" FOR EACH STATEMENT '
                    f"EXECUTE FUNCTION catalog_stamp_bump()"
                )
            return
        for table in watched_tables():
            names = trigger_names(table, "sqlite")
            for operation, name in zip(_SQLITE_OPERATIONS, names, strict=True):
                cursor.execute(
                    f'CREATE TRIGGER IF NOT EXISTS "{name}" AFTER {operation} ON "{table}" '
                    f"BEGIN INSERT INTO {STAMP_TABLE} (id, token) VALUES (1, random()) "
                    f"ON CONFLICT (id) DO UPDATE SET token = excluded.token; END"
                )


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for table in watched_tables():
            for name in trigger_names(table, connection.vendor):
                on_table = f' ON "{table}"' if connection.vendor == "postgresql" else ""
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"{on_table}')
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS catalog_stamp_bump()")
