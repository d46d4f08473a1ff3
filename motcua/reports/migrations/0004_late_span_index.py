"""GiST indexes over each dossier's open span (entry, finish] and late span (appointment,
finish]: "open at the period end" and "overdue at a month end" become index probes instead of a
scan of every fact (PostgreSQL only; SQLite keeps the comparisons, it serves small
installations)."""

from django.db import migrations

# An early finish makes an empty span; an unfinished dossier's span has no end. The same
# expressions as reports/selectors.py (OPEN_SPAN, LATE_SPAN).
LATE = "tstzrange(due_at, CASE WHEN finished_at < due_at THEN due_at ELSE finished_at END, '(]')"
OPEN = (
    "tstzrange(entered_at, CASE WHEN finished_at < entered_at THEN entered_at "
    "ELSE finished_at END, '(]')"
)
CREATE = (
    "CREATE INDEX IF NOT EXISTS fact_late_span ON reports_dossierfact "
    f"USING gist ({LATE}) WHERE due_at IS NOT NULL;"
    f"CREATE INDEX IF NOT EXISTS fact_open_span ON reports_dossierfact USING gist ({OPEN})"
)
DROP = "DROP INDEX IF EXISTS fact_late_span; DROP INDEX IF EXISTS fact_open_span"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_open_at_period_end_indexes")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
