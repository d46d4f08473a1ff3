"""Reform reads on PostgreSQL against the bare SQL that counts a unit's staff and tasks.

Run against a PostgreSQL server (it creates and drops the database `motcua_bench_reform`):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 DATABASE_URL=postgresql://… \\
        .venv/bin/python bench/reform.py [PEOPLE]

Seeds a province with 50 communes, each with the demo's plan of 30 tasks and a register of
PEOPLE people (default 200 per commune: a ward after the 2025 merger) with five qualifications
each, then times, 20 runs each: the qualification table of one unit as of a date, the five
PAR measures for one unit and year, the periodic report's figures (which also read dossiers,
PAKN and ratings), and the baseline — one SQL statement counting the unit's postings and its
plan's tasks by status.
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_reform")
SMOKE = "--smoke" in sys.argv  # 3 communes × 10 people, 2 runs: proves it runs (`make test`)
RUNS = 2 if SMOKE else 20
COMMUNES = 3 if SMOKE else 50
BASELINE_SQL = """
SELECT (SELECT count(*) FROM reform_posting WHERE unit_id = %s AND starts_on <= %s
          AND (ends_on IS NULL OR ends_on >= %s)),
       (SELECT count(*) FROM reform_plantask t JOIN reform_reformplan p ON p.id = t.plan_id
          WHERE p.unit_id = %s GROUP BY t.status ORDER BY 1 LIMIT 1)
"""


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + name))


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


def seed(people: int) -> None:
    from motcua.accounts.models import UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.reform.demo import PEOPLE, _plan
    from motcua.reform.levels import LEVELS
    from motcua.reform.models import Person, Posting, Qualification, StaffKind

    rng = random.Random(7)
    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    for i in range(COMMUNES):
        commune = make_unit(f"{i + 1:05d}", UnitKind.COMMUNE, province)
        _plan(commune, 2026, rng)
        persons = Person.objects.bulk_create(
            Person(full_name=PEOPLE[n % len(PEOPLE)][0], home_unit=commune) for n in range(people)
        )
        Posting.objects.bulk_create(
            Posting(
                person=p,
                unit=commune,
                position="Công chức",
                kind=rng.choice(StaffKind.values),
                starts_on=dt.date(rng.randint(2005, 2026), 1, 1),
                ends_on=dt.date(2026, 6, 30) if rng.random() < 0.1 else None,
            )
            for p in persons
        )
        Qualification.objects.bulk_create(
            Qualification(person=p, category=c, level=rng.choice(levels)[0], year=2015)
            for p in persons
            for c, levels in LEVELS.items()
        )


def timed(label: str, fn) -> list[float]:  # type: ignore[no-untyped-def]
    fn()
    runs = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    p50, p95 = statistics.median(runs), statistics.quantiles(runs, n=20)[-1]
    print(f"{label:<44} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms")
    return runs


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    people = 10 if SMOKE else int(args[0]) if args else 200
    setup()
    t = time.perf_counter()
    seed(people)
    print(f"seeded {COMMUNES} communes × {people} people in {time.perf_counter() - t:.0f} s")
    from django.db import connection

    from motcua.accounts.models import OrgUnit
    from motcua.reform import measures, report
    from motcua.reform.selectors import qualification_table

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    unit = OrgUnit.objects.get(code="00001")
    day, first = dt.date(2026, 12, 31), dt.date(2026, 1, 1)

    def baseline() -> None:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [unit.pk, day, day, unit.pk])
            cursor.fetchall()

    def all_measures() -> None:
        for name in (
            "plans_tasks_done_on_time_rate",
            "staff_trained_in_year_rate",
            "inspections_held",
            "inspections_findings_fixed_on_time_rate",
            "dialogues_held",
        ):
            getattr(measures, name)(unit, first, day)

    base = timed("baseline: bare SQL counts", baseline)
    table = timed(
        "qualification table, one unit, as of a date", lambda: qualification_table(unit, day)
    )
    five = timed("the five PAR measures, one unit, year", all_measures)
    full = timed("periodic report figures, year", lambda: report.build(unit, 2026, "nam"))
    for label, runs in (("table", table), ("measures", five), ("report", full)):
        ratio = statistics.quantiles(runs, n=20)[-1] / statistics.quantiles(base, n=20)[-1]
        print(f"p95 ratio {label} / baseline: {ratio:.1f}")


if __name__ == "__main__":
    main()
