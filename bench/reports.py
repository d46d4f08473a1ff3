"""Report reads on PostgreSQL against the bare SQL aggregate over the raw dossier table.

Run (starts and removes a throwaway PostgreSQL cluster):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 \
        scripts/with-postgres.sh .venv/bin/python bench/reports.py [COUNT] [--workflow] \
        [--workers=N] [--backlog=K]

Creates a fresh database `motcua_bench_reports`, seeds 120 communes offering ten procedures,
generates COUNT dossiers (default 20000) with the bulk path of `generate_dossiers` (which
writes the facts and builds the rollups; `--workers=N` processes, 2 by default, one per core of
the reference machine), or with `--workflow` through the real workflow
followed by a rebuild of the rollups, then times, 20 runs each: the 766 index for all units
for the year and for November (its open dossiers judged at the month's end), one unit's period
report (a quarter), and the baseline — one GROUP BY over the
dossier table counting, per receiving unit, received and finished-on-time dossiers of the year.
`--reuse`: time again on the database an earlier run left (nothing generated). `--backlog=K`:
then the first commune has K open dossiers (the generator's backlog; bench/pages.py makes
10,000 when missing).
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_reports")
SMOKE = "--smoke" in sys.argv  # 200 dossiers, 10 communes, 2 runs: proves it runs (`make test`)
RUNS = 2 if SMOKE else 20
BASELINE_SQL = """
SELECT receiving_unit_id, count(*),
       count(*) FILTER (WHERE result_issued_at <= due_at AND supplement_count <= 1)
FROM dossiers_dossier WHERE received_at >= %s AND received_at < %s GROUP BY 1
"""


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + name))


def reuse() -> None:
    """The database an earlier run left, migrated, nothing generated."""
    os.environ["DATABASE_URL"] = database_url(DB_NAME)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def setup() -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = database_url(DB_NAME)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(units: int = 120) -> None:
    from motcua.accounts.models import UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.catalog.tests.factories import make_procedure

    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    for i in range(units):
        make_unit(f"{i + 1:05d}", UnitKind.COMMUNE, province, electronic_id=f"000.00.{i:02d}.H56")
    from motcua.accounts.models import OrgUnit
    from motcua.catalog.models import ProcedureOffering

    communes = list(OrgUnit.objects.filter(kind=UnitKind.COMMUNE))
    for i in range(10):
        version = make_procedure(code=f"1.{i:06d}", name=f"Thủ tục {i}")
        ProcedureOffering.objects.bulk_create(
            [ProcedureOffering(procedure=version.procedure, unit=u) for u in communes],
            ignore_conflicts=True,
        )


def timed(label: str, fn) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm the caches once, as a running server would be
    runs = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    p50, p95 = statistics.median(runs), p95_of(runs)
    print(f"{label:<40} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms")
    return runs


def p95_of(runs: list[float]) -> float:
    return statistics.quantiles(runs, n=20)[-1] if len(runs) > 1 else runs[0]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    bulk = "--workflow" not in sys.argv
    count = 200 if SMOKE else int(args[0]) if args else 20000
    workers = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--workers=")), 2)
    backlog = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--backlog=")), 0)
    again = "--reuse" in sys.argv
    if again:
        reuse()
    else:
        setup()
        seed(10 if SMOKE else 120)
    from django.db import connection

    from motcua.accounts.models import OrgUnit
    from motcua.demo.generate import bar, generate
    from motcua.reports.index766 import index766
    from motcua.reports.periods import Period
    from motcua.reports.rollups import rebuild_rollups
    from motcua.reports.selectors import period_report

    t = time.perf_counter()
    if again:
        from motcua.dossiers.models import Dossier

        count = Dossier.objects.count()
    else:
        generate(
            count, 2026, progress=bar, bulk=bulk, workers=workers if bulk else 1, backlog=backlog
        )
    generated = time.perf_counter() - t
    t = time.perf_counter()
    if not bulk and not again:
        rebuild_rollups()
    rebuilt = time.perf_counter() - t
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    how = f"bulk, {workers} processes" if bulk else "workflow"
    print(f"generated {count} dossiers ({how}) in {generated:.0f} s "
          f"({count / generated:.1f}/s); rollups rebuilt in {rebuilt:.0f} s")  # fmt: skip
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    quarter = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    unit = OrgUnit.objects.get(code="00001")

    def baseline() -> None:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [year.start, year.end])
            cursor.fetchall()

    base = timed("baseline: bare SQL over dossiers", baseline)
    index = timed("766 index, all units, year", lambda: index766(year))
    november = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    timed("766 index, all units, November", lambda: index766(november))
    report = timed("one unit's period report, quarter", lambda: period_report([unit.pk], quarter))
    for label, runs in (("766 all units", index), ("unit period report", report)):
        ratio = p95_of(runs) / p95_of(base)
        print(f"p95 ratio {label} / baseline: {ratio:.2f}")


if __name__ == "__main__":
    main()
