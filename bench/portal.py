"""The citizen portal under load, against a bare Django view on the same stack.

Run (starts and removes a throwaway PostgreSQL cluster):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 MOTCUA_DEBUG=0 \
        scripts/with-postgres.sh .venv/bin/python bench/portal.py [--smoke]

Creates a fresh database `motcua_bench_portal` next to the one DATABASE_URL names, loads the
demo province (`seed_demo`: 124 communes, their centres, 39 procedures) and 300 generated
dossiers, starts gunicorn as deployed (`deploy/gunicorn.conf.py`: its workers, recycling and
access log, written to /dev/null here; settings `bench/portal_settings.py`: the project plus a
bare view returning a constant page) and, from an asyncio client in this process, keeps
CONNECTIONS requests in flight for DURATION seconds against each target:

- the bare view (baseline);
- the status lookup: POST /tra-cuu/ with the CSRF token, code and second factor, answered with
  the status page itself (each lookup from its own address, as many citizens would be, through
  `MOTCUA_PROXY_COUNT=1` and X-Forwarded-For);
- the citizen home / (the root) and a procedure page.

Only correct pages count (status 200 and the expected text); anything else is an error.
Prints requests/s, p50/p95/p99 latency and the throughput ratio to the bare view.

First, before the server starts, the same targets through Django's handler in this process:
CPU time and queries per request (best of five rounds), which a busy machine disturbs far less
than throughput does.
`--smoke`: 3 seconds, 8 connections, to prove the benchmark still runs (`make test`).
"""

import asyncio
import os
import re
import runpy
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.portal_settings")
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench_portal")
CONNECTIONS, DURATION = 64, 30.0
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
HOST = "127.0.0.1"


def setup(smoke: bool) -> str:
    """A fresh, migrated database with the demo province (for a smoke run: three communes and
    one procedure) and a few hundred dossiers; its URL."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres.sh (see the top of this file)")
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path="/" + DB_NAME))
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.demo.generate import generate

    call_command("migrate", verbosity=0)
    if smoke:
        small_province()
    else:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    generate(30 if smoke else 300, 2026, bulk=True)
    return os.environ["DATABASE_URL"]


def small_province() -> None:
    from motcua.accounts.models import UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.catalog.models import ProcedureOffering
    from motcua.catalog.tests.factories import make_procedure

    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    version = make_procedure()
    for i in range(3):
        unit = make_unit(f"{i + 1:05d}", UnitKind.COMMUNE, province)
        ProcedureOffering.objects.create(procedure=version.procedure, unit=unit)


def lookups() -> list[tuple[str, str]]:
    """(code, second factor) of generated dossiers."""
    from motcua.dossiers.models import Dossier

    rows = Dossier.objects.exclude(applicant_phone="").values_list("code", "applicant_phone")
    return [(code, phone[-4:]) for code, phone in rows[:200]]


def procedure_page() -> str:
    from motcua.catalog.models import ProcedureVersion, VersionStatus

    version = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).first()
    assert version is not None
    return f"/cong-dan/thu-tuc/{version.procedure_id}/"


# -- per request, in this process ------------------------------------------------------------


def per_request(pairs: list[tuple[str, str]], procedure: str, count: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    visitor = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    form = visitor.get("/tra-cuu/")
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    assert found, "no CSRF token on the lookup page"
    csrf, token = visitor.cookies["csrftoken"].value, found.group(1)

    def page(path: str, expect: str) -> Callable[[int], None]:
        def run(n: int) -> None:
            visitor.cookies.clear()  # a new visitor each time, as in the load below
            response = visitor.get(path)
            assert response.status_code == 200 and expect in response.content.decode()

        return run

    def lookup(n: int) -> None:
        code, factor = pairs[n % len(pairs)]
        client = visitor
        client.cookies.clear()
        client.cookies["csrftoken"] = csrf
        sent = {"csrfmiddlewaretoken": token, "code": code, "factor": factor}
        found = client.post("/tra-cuu/", sent)
        assert found.status_code == 200 and code in found.content.decode(), f"{code} refused"

    targets = {
        "bare Django view": page("/bench/bare/", "Một Cửa"),
        "status lookup (POST → status page)": lookup,
        "citizen home /": page("/", "thủ tục"),
        "procedure page": page(procedure, "Thành phần hồ sơ"),
    }
    print(f"per request in this process (best of 5 × {count}):")
    print(f"{'target':<34} {'CPU ms':>8} {'queries':>8}")
    for label, run in targets.items():
        for n in range(count):  # warm: templates compiled, fragments cached
            run(n)
        best = float("inf")
        for _ in range(5):
            start = time.process_time()
            for n in range(count):
                run(n)
            best = min(best, (time.process_time() - start) / count)
        with CaptureQueriesContext(connection) as queries:
            for n in range(count):
                run(n)
        print(f"{label:<34} {best * 1000:>8.2f} {len(queries) / count:>8.1f}")


# -- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(database: str, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
        "DATABASE_URL": database,
        "MOTCUA_PROXY_COUNT": "1",
        "MOTCUA_ALLOWED_HOSTS": HOST,
        "MOTCUA_SECURE_COOKIES": "0",
        "MOTCUA_DEBUG": "0",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--pythonpath", str(ROOT),
        "--config", str(GUNICORN_CONF), "--bind", f"{HOST}:{port}", "--log-level", "warning",
    ]  # fmt: skip
    # The access log as deployed (a line per request), to nowhere: journald's work is not ours.
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


# -- the client -----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: str


async def fetch(
    port: int, method: str, path: str, headers: dict[str, str], body: str = ""
) -> Response:
    reader, writer = await asyncio.open_connection(HOST, port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    writer.write(("\r\n".join(lines) + "\r\n\r\n" + body).encode())
    raw = await reader.read()
    writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    return Response(int(status_line.split()[1]), found, content.decode("utf-8", "replace"))


def cookie(response: Response, name: str) -> str:
    for header in response.headers.get("set-cookie", []):
        if header.startswith(f"{name}="):
            return header.split(";")[0].split("=", 1)[1]
    return ""


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0  # from the start to the last answer


async def load(job: Callable[[int], Awaitable[bool]], connections: int, seconds: float) -> Tally:
    tally, stop = Tally(), time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker() -> None:
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                ok = await job(next(counter))
            except (OSError, ValueError, IndexError):
                ok = False
            if ok:
                tally.latencies.append((time.perf_counter() - start) * 1000)
            else:
                tally.errors += 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    tally.seconds = time.perf_counter() - began
    return tally


def measured(job: Callable[[int], Awaitable[bool]], connections: int, seconds: float) -> Tally:
    """A warm-up (every worker process answers, its caches fill), then the timed run."""
    asyncio.run(load(job, connections, max(1.0, seconds / 6)))
    return asyncio.run(load(job, connections, seconds))


def page_job(port: int, path: str, expect: str) -> Callable[[int], Awaitable[bool]]:
    async def job(n: int) -> bool:
        response = await fetch(port, "GET", path, {"X-Forwarded-For": address(n)})
        return response.status == 200 and expect in response.body

    return job


def address(n: int) -> str:
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


async def lookup_job(port: int, pairs: list[tuple[str, str]]) -> Callable[[int], Awaitable[bool]]:
    form = await fetch(port, "GET", "/tra-cuu/", {})
    csrf = cookie(form, "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
    assert csrf and token, "no CSRF token on the lookup page"

    async def job(n: int) -> bool:
        code, factor = pairs[n % len(pairs)]
        data = urlencode({"csrfmiddlewaretoken": token.group(1), "code": code, "factor": factor})
        sent = {"Cookie": f"csrftoken={csrf}", "X-Forwarded-For": address(n)}
        found = await fetch(port, "POST", "/tra-cuu/", sent, data)
        return found.status == 200 and code in found.body and bool(cookie(found, "tracuu"))

    return job


def summary(label: str, tally: Tally, bare: float | None) -> float:
    rate = len(tally.latencies) / tally.seconds
    if len(tally.latencies) > 1:
        cuts = statistics.quantiles(tally.latencies, n=100)
        p50, p95, p99 = statistics.median(tally.latencies), cuts[94], cuts[98]
    else:
        p50 = p95 = p99 = float("nan")
    ratio = rate / bare if bare else 1.0
    print(f"{label:<34} {rate:>8.1f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {tally.errors:>7} "
          f"{ratio:>7.2f}")  # fmt: skip
    return rate


def main() -> None:
    smoke = "--smoke" in sys.argv
    connections, seconds = (8, 3.0) if smoke else (CONNECTIONS, DURATION)
    database = setup(smoke)
    pairs, procedure = lookups(), procedure_page()
    per_request(pairs, procedure, 5 if smoke else 100)
    from django.db import connections as dbs

    dbs.close_all()
    port = free_port()
    server = start_server(database, port)
    try:
        workers = runpy.run_path(str(GUNICORN_CONF))["workers"]
        print(
            f"gunicorn as deployed, {workers} sync workers; {connections} connections "
            f"for {seconds:.0f} s each; {os.cpu_count()} CPUs, client on this machine"
        )
        print(f"{'target':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
              f"{'errors':>7} {'× bare':>7}")  # fmt: skip
        bare_job = page_job(port, "/bench/bare/", "Một Cửa")
        bare = summary("bare Django view", measured(bare_job, connections, seconds), None)
        targets: list[tuple[str, Callable[[int], Awaitable[bool]]]] = [
            ("status lookup (POST → status page)", asyncio.run(lookup_job(port, pairs))),
            ("citizen home /", page_job(port, "/", "thủ tục")),
            ("procedure page", page_job(port, procedure, "Thành phần hồ sơ")),
        ]
        failed = False
        for label, job in targets:
            tally = measured(job, connections, seconds)
            failed |= not tally.latencies
            summary(label, tally, bare)
        if failed:
            raise SystemExit("a target served no correct page")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
