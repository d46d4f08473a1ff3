"""A GiST index over each dossier's late span (appointment, finish]: "overdue at a month end"
becomes an index probe per month end instead of a scan of every fact (PostgreSQL only; SQLite
keeps the comparison, it serves small installations)."""

from django.db import migrations

# An early finish makes an empty span; an unfinished dossier's span has no end.
SPAN = "tstzrange(due_at, CASE WHEN finished_at < due_at THEN due_at ELSE finished_at END, '(]')"
CREATE = (
    "CREATE INDEX IF NOT EXISTS fact_late_span ON reports_dossierfact "
    "USING gist (" + SPAN + ") WHERE due_at IS NOT NULL"
)
DROP = "DROP INDEX IF EXISTS fact_late_span"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_open_at_period_end_indexes")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
