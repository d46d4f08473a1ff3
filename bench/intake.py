"""Dossiers received per second through `workflow.receive`, against raw INSERTs of the same rows.

Run (starts and removes a throwaway PostgreSQL cluster):
    MOTCUA_SECRET_KEY=bench MOTCUA_SECURE_COOKIES=0 \
        scripts/with-postgres.sh .venv/bin/python bench/intake.py

It creates a fresh database `motcua_bench` next to the one DATABASE_URL names, migrates it,
then measures with 1 and 8 worker processes receiving at ONE unit (the worst case: every
receipt queues on that unit's code counter). The baseline writes, per dossier and in one
transaction, the same rows a receipt must write, with plain SQL and no checks: the unit's code
counter (codes are gap-free per unit, so the counter row stays locked until commit — for the
baseline too), the dossier with that code, its event, its DVCQG queue row and the two notices.
Each worker starts at an agreed moment after Django is set up, so start-up time is not measured.
Three rounds (one with --smoke) of baseline then receipts, back to back; the ratio printed is
the median of the rounds' ratios, so that a burst of load elsewhere misleads less.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # run as a script: import the project, not this folder's siblings
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
PER_WORKER = 40 if "--smoke" in sys.argv else 400  # --smoke: proves it runs (`make test`)
ROUNDS = 1 if "--smoke" in sys.argv else 3  # on a shared machine one round can mislead
DB_NAME = os.environ.get("MOTCUA_BENCH_DB", "motcua_bench")


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + name))


def create_database() -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def setup_django() -> None:
    os.environ["DATABASE_URL"] = database_url(DB_NAME)
    import django

    django.setup()


def make_world() -> tuple[int, int, int]:
    """A province, a commune offering a published procedure, a receiver: their ids (a unit
    receives only the procedures it offers)."""
    from motcua.accounts.models import Role, UnitKind
    from motcua.accounts.tests.factories import make_staff, make_unit
    from motcua.catalog.models import ProcedureOffering
    from motcua.catalog.tests.factories import make_procedure

    province = make_unit("01", UnitKind.PROVINCE)
    commune = make_unit("00001", UnitKind.COMMUNE, province, electronic_id="000.00.12.H56")
    receiver = make_staff("tiepnhan", commune, Role.RECEIVER)
    version = make_procedure()
    ProcedureOffering.objects.create(procedure=version.procedure, unit=commune)
    return version.pk, commune.pk, receiver.pk


# -- workers ----------------------------------------------------------------------------------


def wait_until(start: float) -> None:
    time.sleep(max(0.0, start - time.time()))


def work_workflow(version_id: int, unit_id: int, actor_id: int, start: float) -> None:
    from motcua.accounts.models import OrgUnit, User
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers import workflow

    version = ProcedureVersion.objects.get(pk=version_id)
    unit, actor = OrgUnit.objects.get(pk=unit_id), User.objects.get(pk=actor_id)
    applicant = workflow.Applicant(
        name="Nguyễn Văn An", personal_id="001203004567", phone="0912345678",
        email="an@example.vn", address="Thôn 1",
    )  # fmt: skip
    wait_until(start)
    for _ in range(PER_WORKER):
        workflow.receive(actor=actor, version=version, receiving_unit=unit, applicant=applicant)


COUNTER_SQL = (
    'INSERT INTO dossiers_dossiercodecounter (unit_id, day, "last") VALUES (%s, %s, 1) '
    'ON CONFLICT (unit_id, day) DO UPDATE SET "last" = dossiers_dossiercodecounter."last" + 1 '
    'RETURNING "last"'
)
DOSSIER_SQL = (
    "INSERT INTO dossiers_dossier (code, procedure_version_id, receiving_unit_id, "
    "deciding_unit_id, current_unit_id, channel, applicant_name, applicant_personal_id, "
    "applicant_organisation_id, applicant_phone, applicant_email, applicant_address, "
    "representative_name, representative_id, representative_authorisation, status, "
    "status_before_pause, received_at, clock_started_at, due_at, paused_minutes, "
    "supplement_count, reschedule_count, result_number, result_file, return_method, "
    "returned_to, representative_address, representative_phone, representative_email, "
    "sets, collect_method, late_by_supplement, apology_late) VALUES (%s, %s, %s, %s, %s, "
    "1, 'Nguyễn Văn An', '001203004567', '', '0912345678', 'an@example.vn', 'Thôn 1', '', "
    "'', '', 'received', '', now(), now(), now() + interval '3 days', 0, 0, 0, '', '', '', "
    "'', '', '', '', 1, 'counter', false, false) RETURNING id"
)
EVENT_SQL = (
    "INSERT INTO dossiers_dossierevent (dossier_id, seq, at, actor_id, actor_label, action, "
    "from_status, to_status, unit_id, note, payload, timing) VALUES (%s, 1, now(), %s, "
    "'Cán bộ', 'receive', '', 'received', %s, '', %s, '')"
)
QUEUE_SQL = (
    "INSERT INTO motcua_api_dvcqgsync (kind, code, version, unit_id, payload, received_at, "
    "latest, created_at, next_attempt_at, attempts, last_error) VALUES "
    "('dossier', %s, 1, %s, %s, now(), true, now(), now(), 0, '')"
)
OUTBOX_SQL = (
    "INSERT INTO dossiers_outboxmessage (channel, recipient, subject, body, dossier_id, "
    "created_at, attempts, last_error) VALUES ('email', 'an@example.vn', %s, %s, %s, now(), "
    "0, ''), ('sms', '0912345678', '', %s, %s, now(), 0, '')"
)
# What a receipt's event and DVCQG row hold, at their size (the DVCQG payload is ~700 bytes).
EVENT_PAYLOAD = {
    "channel": 1, "files": 0, "documents": [], "due_at": "2026-12-10T11:30:00+07:00",
    "sets": 1, "collect_method": "counter",
}  # fmt: skip
QUEUE_PAYLOAD = {
    "PhienBan": 1, "MaTTHC": "1.000001", "TenTTHC": "Thủ tục mẫu", "MaLinhVuc": "",
    "TenLinhVuc": "Hộ tịch", "KenhThucHien": 1, "ChuHoSo": "Nguyễn Văn An", "LoaiDoiTuong": 1,
    "MaDoiTuong": "001203004567", "DonViTiepNhan": "000.00.12.H56",
    "DonViXuLy": "000.00.12.H56", "TrangThaiHoSo": 2, "NgayNopTrucTuyen": "",
    "NgayTiepNhan": "20261207115010", "NgayHenTra": "20261210113000", "NgayKetThucXuLy": "",
    "NgayTra": "", "HinhThucTra": "", "SoLanBoSung": 0,
    "KetQua": {"SoKyHieu": "", "CoTepDienTu": False},
    "LePhi": [{"TenPhi": "Lệ phí", "MucPhi": None}], "ThanhToanTrucTuyen": False,
    "SoHoa": {"TepThanhPhan": 0, "KetQuaDienTu": False},
}  # fmt: skip


def work_raw(version_id: int, unit_id: int, actor_id: int, start: float) -> None:
    import datetime as dt
    import json
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT electronic_id FROM accounts_orgunit WHERE id = %s", [unit_id])
        prefix = cursor.fetchone()[0]
    day = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    event_payload = json.dumps(EVENT_PAYLOAD)
    wait_until(start)
    for _ in range(PER_WORKER):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(COUNTER_SQL, [unit_id, day])
            code = f"{prefix}-{day:%y%m%d}-{cursor.fetchone()[0]:04d}"
            cursor.execute(DOSSIER_SQL, [code, version_id, unit_id, unit_id, unit_id])
            dossier_id = cursor.fetchone()[0]
            cursor.execute(EVENT_SQL, [dossier_id, actor_id, unit_id, event_payload])
            queued = json.dumps({"MaHoSo": code, **QUEUE_PAYLOAD}, ensure_ascii=False)
            cursor.execute(QUEUE_SQL, [code, unit_id, queued])
            body = f"Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả lúc 11:30 ngày 10/12/2026."
            subject = f"Hồ sơ {code} đã được tiếp nhận"
            cursor.execute(OUTBOX_SQL, [subject, body, dossier_id, body, dossier_id])


def worker_main(argv: list[str]) -> None:
    mode = argv[0]
    version_id, unit_id, actor_id = (int(x) for x in argv[1:4])
    start = float(argv[4])
    setup_django()
    if mode == "workflow":
        work_workflow(version_id, unit_id, actor_id, start)
    else:
        work_raw(version_id, unit_id, actor_id, start)
    print(time.time())


# -- the run ----------------------------------------------------------------------------------


def measure(mode: str, processes: int, ids: tuple[int, int, int]) -> float:
    """Dossiers per second over the wall time from the agreed start to the last worker's end."""
    start = time.time() + 3.0 + 0.3 * processes
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", mode, *map(str, ids), str(start)]
            + (["--smoke"] if "--smoke" in sys.argv else []),
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(processes)
    ]
    ends = []
    for worker in workers:
        out, _ = worker.communicate()
        if worker.returncode:
            raise SystemExit(f"a {mode} worker failed")
        ends.append(float(out.strip().splitlines()[-1]))
    return processes * PER_WORKER / (max(ends) - start)


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres.sh (see the top of this file)")
    create_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ids = make_world()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{PER_WORKER} dossiers per worker, one receiving unit; {os.cpu_count()} CPUs; load {load}"
    )
    print(f"{ROUNDS} rounds of baseline then receipts; medians, and the rounds' ratios")
    print(f"{'workers':>7}  {'workflow.receive/s':>18}  {'raw INSERT/s':>12}  {'ratio':>6}  rounds")
    for processes in (1, 2) if "--smoke" in sys.argv else (1, 8):
        raw, real = [], []
        for _ in range(ROUNDS):  # paired, so that a burst of load elsewhere hits both
            raw.append(measure("raw", processes, ids))
            real.append(measure("workflow", processes, ids))
        ratios = sorted(r / b for r, b in zip(real, raw, strict=True))
        print(
            f"{processes:>7}  {median(real):>18.0f}  {median(raw):>12.0f}  {median(ratios):>6.2f}"
            f"  {', '.join(f'{ratio:.2f}' for ratio in ratios)}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker_main(sys.argv[2:])
    else:
        main()
