"""PAR results on PostgreSQL: 124 communes × a 60-leaf rubric with 8 auto leaves, against the
bare SQL for the same auto measures.

Run (on a PostgreSQL server named by DATABASE_URL, or through scripts/with-postgres.sh):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 DATABASE_URL=postgresql://… \
        .venv/bin/python bench/par.py [COUNT] [--smoke]

Creates a fresh database `motcua_bench_par`, seeds 124 communes offering ten procedures,
generates COUNT dossiers for 2026 (default 20000; `--smoke`: 2000) with the bulk path of
`generate_dossiers`, builds the sample commune rubric grown to 60 leaves (8 auto leaves on
the one-stop measures, the rest self-scored for every commune in bulk), opens one assessment
of all communes, then times, 10 runs each:
- the baseline: one GROUP BY over the dossier table giving, per receiving unit, the raw
  counts behind the auto measures (received, online, finished on time, with an electronic
  result);
- refreshing the auto leaves of all 124 communes (the measures, read once for all units);
- the results of all communes (index, 8 area indexes, band, rank) from the stored entries;
- both together, which is what a province officer waits for after "Cập nhật số liệu".

`--reuse`: open the database `MOTCUA_BENCH_DB` as an earlier run (or `bench/reports.py`, whose
province has the same shape) left it instead of generating a new one, and assess every commune
in it — a million dossiers take a quarter of an hour to generate.
"""

import copy
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_par")
RUNS = 10
COMMUNES = 124
LEAVES = 60
BASELINE_SQL = """
SELECT receiving_unit_id, count(*),
       count(*) FILTER (WHERE channel = 2),
       count(*) FILTER (WHERE result_issued_at <= due_at AND supplement_count <= 1),
       count(*) FILTER (WHERE result_file <> '')
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


def seed() -> None:
    from motcua.accounts.models import OrgUnit, UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.catalog.models import ProcedureOffering
    from motcua.catalog.tests.factories import make_procedure

    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    for i in range(COMMUNES):
        make_unit(f"{i + 1:05d}", UnitKind.COMMUNE, province, electronic_id=f"000.00.{i:03d}.H56")
    communes = list(OrgUnit.objects.filter(kind=UnitKind.COMMUNE))
    for i in range(10):
        version = make_procedure(code=f"1.{i:06d}", name=f"Thủ tục {i}")
        ProcedureOffering.objects.bulk_create(
            [ProcedureOffering(procedure=version.procedure, unit=u) for u in communes],
            ignore_conflicts=True,
        )


def rubric_of_60_leaves() -> dict:  # type: ignore[type-arg]
    """The sample rubric, its SIPAS leaf made manual (no campaigns here) and grown to 60 leaves
    by yes/no criteria in area 4, so that exactly 8 leaves are auto."""
    from motcua.par.demo import SAMPLE

    raw = json.loads(SAMPLE.read_text(encoding="utf-8"))
    raw["parts"] = {}
    for area in raw["nodes"]:
        if area["code"] == "8":
            area["children"][0].pop("measure")
    area = next(a for a in raw["nodes"] if a["code"] == "4")
    leaves = sum(1 for _ in _leaves(raw["nodes"]))
    for i in range(LEAVES - leaves):
        area["children"].append(
            {
                "code": f"4.{10 + i}",
                "name": f"Tiêu chí bổ sung {i + 1}",
                "max": "0.25",
                "method": "yes_no",
            }
        )
    area["max"] = str(sum(float(c["max"]) for c in area["children"]))
    return copy.deepcopy(raw)


def _leaves(nodes: list) -> list:  # type: ignore[type-arg]
    found = []
    for node in nodes:
        found += _leaves(node["children"]) if "children" in node else [node]
    return found


def open_assessment():  # type: ignore[no-untyped-def]
    import random

    from django.utils import timezone

    from motcua.accounts.models import OrgUnit, Role, UnitKind
    from motcua.accounts.tests.factories import make_staff
    from motcua.par.exchange import rubric_from_dict
    from motcua.par.models import Entry, RubricNode, Stage
    from motcua.par.scoring import leaf_points
    from motcua.par.services import assessment_open, rubric_create, rubric_publish

    province = OrgUnit.objects.get(kind=UnitKind.PROVINCE)
    from motcua.accounts.models import User

    earlier = User.objects.filter(username="sonoivu").first()  # left by an earlier run
    officer = earlier or make_staff("sonoivu", province, Role.SUPERVISOR)
    rubric = rubric_publish(
        rubric=rubric_create(province=province, data=rubric_from_dict(rubric_of_60_leaves()))
    )
    today = dt.date(2026, 12, 7)
    assessment = assessment_open(
        rubric=rubric,
        units=OrgUnit.objects.communes(),
        actor=officer,
        self_by=today,
        explain_by=today,
        results_by=today,
    )
    leaves = list(RubricNode.objects.filter(rubric=rubric, is_leaf=True))
    auto = [leaf for leaf in leaves if leaf.measure]
    rng, now, rows = random.Random(7), timezone.now(), []
    for ua in assessment.units.all():
        for leaf in leaves:
            if leaf.measure:
                continue
            answer = _random_answer(leaf, rng)
            stage = Stage.SURVEY if leaf.method == "survey" else Stage.SELF
            points = leaf_points(leaf.method, leaf.max_points, leaf.params, answer)
            rows.append(
                Entry(
                    unit_assessment=ua,
                    node=leaf,
                    stage=stage,
                    value=answer.value,
                    choice=answer.choice,
                    points=points,
                    at=now,
                )
            )
    Entry.objects.bulk_create(rows, batch_size=2000)
    print(f"rubric: {len(leaves)} leaves, {len(auto)} auto; {len(rows)} self-scores stored")
    return assessment


def _random_answer(leaf, rng):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from motcua.par.scoring import Answer

    if leaf.method == "choice":
        return Answer(choice=rng.choice(leaf.params["options"])["key"])
    if leaf.method in ("ratio", "survey", "steps"):
        return Answer(value=Decimal(rng.randint(60, 100)) / 100)
    if leaf.method == "yes_no":
        return Answer(value=Decimal(rng.random() < 0.9))
    return Answer(value=Decimal(rng.randint(0, 2)))


def timed(label: str, fn) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm the caches once, as a running server would be
    runs = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    p50, p95 = statistics.median(runs), max(runs)
    print(f"{label:<44} p50 {p50:9.2f} ms   max {p95:9.2f} ms")
    return runs


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = 2000 if "--smoke" in sys.argv else int(args[0]) if args else 20000
    again = "--reuse" in sys.argv
    if again:
        reuse()
    else:
        setup()
        seed()
    from django.db import connection

    from motcua.accounts.models import OrgUnit
    from motcua.demo.generate import bar, generate
    from motcua.dossiers.models import Dossier
    from motcua.par.selectors import assessment_results
    from motcua.par.services import auto_refresh
    from motcua.reports.periods import Period

    t = time.perf_counter()
    if again:
        count = Dossier.objects.count()
    else:
        generate(count, 2026, progress=bar, bulk=True, workers=1)
    communes = OrgUnit.objects.communes().count()
    print(f"{count} dossiers {'reused' if again else 'generated'} in "
          f"{time.perf_counter() - t:.0f} s; {communes} communes")  # fmt: skip
    assessment = open_assessment()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    def baseline() -> None:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [year.start, year.end])
            cursor.fetchall()

    def results() -> None:
        found = assessment_results(assessment)
        assert found.count == communes

    base = timed("baseline: bare SQL for the auto measures", baseline)
    refresh = timed(
        f"refresh 8 auto leaves × {communes} communes", lambda: auto_refresh(assessment=assessment)
    )
    ranked = timed(f"results: {communes} communes × 60 leaves, ranked", results)

    def both_steps() -> None:
        auto_refresh(assessment=assessment)
        results()

    both = timed("refresh + results", both_steps)
    for label, runs in (("refresh", refresh), ("results", ranked), ("refresh + results", both)):
        ratio = statistics.median(runs) / statistics.median(base)
        print(f"median ratio {label} / baseline: {ratio:.1f}")
    top = assessment_results(assessment).units[0]
    print(f"first: {top.unit.name} {top.index} {top.band}")


if __name__ == "__main__":
    main()
