"""The staff pages people open, timed one request at a time on a generated province.

Run (starts and removes a throwaway PostgreSQL cluster):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 MOTCUA_DEBUG=0 \
        scripts/with-postgres.sh .venv/bin/python bench/pages.py [COUNT] [--smoke]

Creates a fresh database `motcua_bench_pages` next to the one DATABASE_URL names (without a
PostgreSQL DATABASE_URL: a temporary SQLite file), seeds a province of 120 communes offering
ten procedures, generates COUNT dossiers (default 20000; `generate_dossiers --bulk`, two
processes on PostgreSQL), gives the first commune a backlog of BACKLOG open dossiers (the
generator's `make_backlog`: made only when missing, so also on `--reuse`) and a few hundred
petitions, runs ANALYZE, then opens every page below — the inboxes (every box and its filters)
and the register at the backlog's commune — through Django's test client, signed in as the
person who uses it (an officer holding every role there; a handler for their own box): one
warm-up, then RUNS timed loads; prints p50 / p95 and the number of queries of each page, and
the baseline — one bare SQL GROUP BY over the dossier table counting each unit's received and
on-time dossiers of the year (the figures the dashboard shows, without rollups). `--smoke`:
300 dossiers, 10 communes, a backlog of 200, 2 loads per page, to prove the benchmark still
runs (`make test`).
`--reuse`: open the database `MOTCUA_BENCH_DB` as an earlier run (or `bench/reports.py`, whose
province has the same shape) left it, without generating anything — a million dossiers take a
quarter of an hour to generate, e.g. `MOTCUA_BENCH_DB=motcua_bench_reports bench/pages.py --reuse`.

On PostgreSQL the rollups' timer runs beside the pages as deployed
(deploy/systemd/motcua-rollups.timer): `manage.py update_rollups` in its own process every
TIMER_SECONDS, so a page makes only the quick check of `bring_up_to_date`, not the full pass that
re-reads the last ten minutes' events (generated data has events around now). Before the timed
loads, the views are imported and what the process built is frozen out of the garbage
collector's passes, as a gunicorn worker does once started (config/wsgi.py).
"""

import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from motcua.accounts.models import OrgUnit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_pages")
RUNS = 20
BACKLOG, BACKLOG_SMOKE = 10000, 200  # open dossiers of the commune whose inboxes are timed
TIMER_SECONDS = 30  # as deploy/systemd/motcua-rollups.timer
BASELINE_SQL = """
SELECT receiving_unit_id, count(*),
       count(*) FILTER (WHERE result_issued_at <= due_at AND supplement_count <= 1)
FROM dossiers_dossier WHERE received_at >= %s AND received_at < %s GROUP BY 1
"""
BASELINE_SQLITE = """
SELECT receiving_unit_id, count(*),
       sum(CASE WHEN result_issued_at <= due_at AND supplement_count <= 1 THEN 1 ELSE 0 END)
FROM dossiers_dossier WHERE received_at >= %s AND received_at < %s GROUP BY 1
"""


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def reuse() -> None:
    """The database an earlier run left (PostgreSQL only), migrated, nothing generated."""
    url = urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path="/" + DB_NAME))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def setup() -> None:
    """A fresh, migrated database of our own."""
    if on_postgres():
        import psycopg

        url = urlsplit(os.environ["DATABASE_URL"])
        with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            c.execute(f"CREATE DATABASE {DB_NAME}")
        os.environ["DATABASE_URL"] = urlunsplit(url._replace(path="/" + DB_NAME))
    else:
        folder = tempfile.mkdtemp(prefix="motcua-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(communes: int) -> None:
    from motcua.accounts.models import OrgUnit, UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.catalog.models import ProcedureOffering
    from motcua.catalog.tests.factories import make_procedure

    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    for i in range(communes):
        make_unit(f"{i + 1:05d}", UnitKind.COMMUNE, province, name=f"Xã {i + 1:03d}")
    units = list(OrgUnit.objects.filter(kind=UnitKind.COMMUNE))
    for i in range(10):
        version = make_procedure(code=f"1.{i:06d}", name=f"Thủ tục {i}")
        ProcedureOffering.objects.bulk_create(
            [ProcedureOffering(procedure=version.procedure, unit=u) for u in units]
        )


def petitions(count: int) -> None:
    from motcua.accounts.models import OrgUnit, UnitKind
    from motcua.feedback.models import PaknChannel, PaknKind
    from motcua.feedback.workflow import Submission, pakn_submit

    communes = list(OrgUnit.objects.filter(kind=UnitKind.COMMUNE).order_by("code")[:5])
    for i in range(count):
        data = Submission(
            kind=PaknKind.PROCEDURE, channel=PaknChannel.PORTAL, title=f"Phản ánh số {i}",
            content="Cán bộ yêu cầu nộp thêm giấy tờ ngoài quy định.",
            submitter_name="Nguyễn Văn An", submitter_phone="0912345678",
            unit=communes[i % len(communes)], contact_verified=True,
        )  # fmt: skip
        pakn_submit(data=data, actor=None)


def backlog(size: int) -> "OrgUnit":
    """The unit with `size` open dossiers (made by the generator's backlog when missing)."""
    from motcua.demo.backlog import backlog_unit, make_backlog
    from motcua.demo.generate import Plan

    plan = Plan.for_year(2026, 766)
    start = time.perf_counter()
    made = make_backlog(plan, size, bulk=True)
    if made:
        print(f"backlog: {made} open dossiers made in {time.perf_counter() - start:.0f} s")
    return backlog_unit(plan)


def inbox_pages(code: str) -> dict[str, tuple[str, str]]:
    """Every box of the back office's inbox at the backlog's unit, and its filters (`code`:
    one of the unit's dossiers)."""
    from motcua.dossiers.selectors import INBOXES

    found = {
        f"inbox: {box.key}": ("handler" if box.key == "xu-ly" else "officer",
                              f"/ho-so/hop-viec/?ngan={box.key}")
        for box in INBOXES
    }  # fmt: skip
    every = "/ho-so/hop-viec/?ngan=tat-ca"
    found |= {
        "inbox: tat-ca, page 50": ("officer", f"{every}&trang=50"),
        "inbox: tat-ca, search a name": ("officer", f"{every}&q=nguyen+van+an"),
        "inbox: tat-ca, search a code": ("officer", f"{every}&q={code}"),
        "inbox: tat-ca, one procedure, one status": (
            "officer",
            f"{every}&status=in_process&procedure={first_procedure()}",
        ),
        "inbox: tat-ca, received this month": (
            "officer",
            f"{every}&received_from=01/12/2026&received_to=31/12/2026",
        ),
    }
    return found


def first_procedure() -> int:
    from motcua.catalog.models import Procedure

    found = Procedure.objects.order_by("pk").values_list("pk", flat=True).first()
    assert found is not None
    return found


def pages(unit: "OrgUnit") -> dict[str, tuple[str, str]]:
    """Label → (who opens it, URL); `unit`: the commune with the backlog."""
    from motcua.accounts.models import OrgUnit
    from motcua.dossiers.models import Dossier

    province = OrgUnit.objects.get(code="01")
    dossier = Dossier.objects.filter(receiving_unit=unit).order_by("-pk").first()
    assert dossier is not None
    code = unit.code
    year, quarter = "?tu=2026-01-01&den=2026-12-31", "?tu=2026-04-01&den=2026-06-30"
    top, mine = f"/bao-cao/don-vi/{province.pk}", f"/bao-cao/don-vi/{unit.pk}"
    return {
        "reports dashboard, province, year": ("supervisor", f"{top}/{year}"),
        "reports dashboard, commune, year": ("supervisor", f"{mine}/{year}"),
        "766 page, province, year": ("supervisor", f"{top}/chi-so-766/{year}"),
        "period report by procedure, year": ("supervisor", f"{top}/ky/{year}"),
        "period report by procedure, quarter": ("supervisor", f"{top}/ky/{quarter}"),
        "period report by sector, quarter": ("supervisor", f"{top}/ky/{quarter}&theo=sector"),
        "period report by unit, quarter": ("supervisor", f"{top}/ky/{quarter}&theo=unit"),
        "late list, commune, quarter": ("supervisor", f"{mine}/tre-han/{quarter}"),
        "drill-down: received, commune, quarter": (
            "supervisor",
            f"{mine}/ho-so/received/{quarter}",
        ),
        "drill-down: overdue, commune, quarter": ("supervisor", f"{mine}/ho-so/overdue/{quarter}"),
        **inbox_pages(dossier.code),
        "register (Mẫu 07), a year": (
            "officer",
            "/ho-so/so-theo-doi/?received_from=01/01/2026&received_to=31/12/2026",
        ),
        "register (Mẫu 07), a month": (
            "officer",
            "/ho-so/so-theo-doi/?received_from=01/06/2026&received_to=30/06/2026",
        ),
        "dossier page": ("officer", f"/ho-so/{dossier.pk}/"),
        "PAKN inbox": ("officer", "/phan-anh/"),
        "transparency, list": ("citizen", "/cong-khai/"),
        "transparency, commune": ("citizen", f"/cong-khai/{code}/"),
        "transparency, province": ("citizen", f"/cong-khai/{province.code}/"),
    }


def clients(unit: "OrgUnit") -> dict[str, object]:
    """Signed-in clients: the province's supervisor; an officer holding every role at `unit`
    (the backlog's commune); one of the backlog's handlers (their own box)."""
    from django.test import Client

    from motcua.accounts.models import Membership, OrgUnit, Role, User

    def person(name: str, unit: OrgUnit, *roles: str) -> User:
        user, _ = User.objects.get_or_create(username=name, defaults={"full_name": name})
        for role in roles:  # an earlier run may have left the person
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
        return user

    supervisor = person("giamsat", OrgUnit.objects.get(code="01"), Role.SUPERVISOR)
    officer = person("canbo-hop-viec", unit, *Role)
    handler = User.objects.get(username=f"sinh-du-lieu-{unit.code}-xl1")
    found: dict[str, object] = {"citizen": Client(HTTP_HOST="localhost")}
    for name, user in (("supervisor", supervisor), ("officer", officer), ("handler", handler)):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        found[name] = client
    return found


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: as a running server would be
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]
    return statistics.median(samples), p95


def update_rollups() -> None:
    """One run of the rollups' timer: its own process, as deployed."""
    command = [sys.executable, str(ROOT / "manage.py"), "update_rollups"]
    subprocess.run(command, check=True, capture_output=True)


def rollups_timer(stop: threading.Event) -> None:
    """`update_rollups` every TIMER_SECONDS until `stop`."""
    while not stop.wait(TIMER_SECONDS):
        update_rollups()


def show_repeated(queries: list[dict[str, str]]) -> None:
    """The statements a page repeats (MOTCUA_BENCH_SQL=<part of a page label>)."""
    from collections import Counter

    for sql, n in Counter(q["sql"][:160] for q in queries).most_common(6):
        print(f"    {n:>4} × {sql}")


def main() -> None:
    smoke = "--smoke" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = 300 if smoke else int(args[0]) if args else 20000
    runs = 2 if smoke else RUNS
    again = "--reuse" in sys.argv and on_postgres()
    if again:
        reuse()
    else:
        setup()
        seed(10 if smoke else 120)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.demo.generate import generate
    from motcua.dossiers.models import Dossier
    from motcua.feedback.models import Pakn
    from motcua.reports.periods import Period

    start = time.perf_counter()
    workers = 2 if on_postgres() and not smoke else 1
    if not again:
        generate(count, 2026, bulk=True, workers=workers)
    unit = backlog(BACKLOG_SMOKE if smoke else BACKLOG)
    if again:
        count = Dossier.objects.count()
    if not Pakn.objects.exists():
        petitions(20 if smoke else 300)
    if on_postgres():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    took = time.perf_counter() - start
    print(
        f"{count} dossiers {'reused' if again else 'generated'} in {took:.0f} s; "
        f"{connection.vendor}; {os.cpu_count()} CPUs;"
    )
    print(f"{runs} loads per page after a warm-up, one at a time")
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    sql = BASELINE_SQL if on_postgres() else BASELINE_SQLITE

    def baseline() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, [year.start, year.end])
            cursor.fetchall()

    base50, base95 = timed(baseline, runs)
    print(f"{'page':<42} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'p95/base':>9}")
    print(
        f"{'baseline: bare SQL GROUP BY, year':<42} {base50:>8.1f} {base95:>8.1f} {1:>8} {1:>9.2f}"
    )
    people = clients(unit)
    # As a server's worker once started (config/wsgi.py): every view imported, and what was
    # built so far frozen out of the collector's passes — without it the full passes over this
    # process's own setup (the generator, the clients) add 80–130 ms to some loads.
    from motcua.lib.lazy_views import load_views

    load_views()
    gc.freeze()
    failed = []
    stop = threading.Event()
    if on_postgres():
        update_rollups()
        threading.Thread(target=rollups_timer, args=(stop,), daemon=True).start()
    for label, (who, url) in pages(unit).items():
        client = people[who]

        def load(client=client, url=url) -> None:  # type: ignore[no-untyped-def]
            response = client.get(url)  # type: ignore[attr-defined]
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")

        p50, p95 = timed(load, runs)
        with CaptureQueriesContext(connection) as queries:
            load()
        print(f"{label:<42} {p50:>8.1f} {p95:>8.1f} {len(queries):>8} {p95 / base95:>9.2f}")
        if os.environ.get("MOTCUA_BENCH_SQL", "\0") in label:
            show_repeated(queries.captured_queries)
        if p95 > 300 and not smoke:
            failed.append(label)
    stop.set()
    if failed:
        print("over the 300 ms budget (p95):", ", ".join(failed))


if __name__ == "__main__":
    main()
