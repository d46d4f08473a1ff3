"""How long a management command spends starting Django, against Django starting alone.

Run:
    MOTCUA_SECRET_KEY=bench MOTCUA_DEBUG=0 .venv/bin/python bench/startup.py [--smoke]

Times (wall and CPU, p50 of RUNS fresh processes each) `manage.py check` — which loads the
settings, every app and the whole URL configuration — and `manage.py update_rollups`, the
command the rollups timer runs (not in `--smoke`; on a migrated temporary SQLite file),
against the baseline `python -c "import django; django.setup()"` with the same settings.
CPU time (user + system of the child) is reported beside wall time because it is what a busy,
shared machine does not inflate. The goal is
`manage.py check` ≤ 0.5 s on the reference machine (2 vCPU): heavy libraries (PDF, Excel, QR,
the API's schemas) are imported where they are used, not at start-up, the URL configuration
names its views without importing them (tests/test_startup_imports.py keeps both out), and
manage.py starts Django without the garbage collector (motcua/lib/startup.py) — which the
baseline, started by hand, does not. `update_rollups` skips the system checks.

The project's modules are byte-compiled first, as deployed (the Dockerfile runs compileall):
with PYTHONDONTWRITEBYTECODE set, as in the container and some shells, no run would write its
.pyc files and every start would compile the whole project again (about 0.3 s of CPU).
"""

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
PYTHON = sys.executable
COMMANDS = {
    "baseline: import django; django.setup()": [
        PYTHON,
        "-c",
        "import django; django.setup()",
    ],
    "manage.py check": [PYTHON, "manage.py", "check"],
}
TIMER = [PYTHON, "manage.py", "update_rollups"]  # needs a database: a migrated SQLite file


def run_once(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(command: list[str], runs: int) -> tuple[float, float]:
    run_once(command)  # warm the file cache and the .pyc files
    samples = [run_once(command) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def main() -> None:
    smoke = "--smoke" in sys.argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("MOTCUA_SECRET_KEY", "bench-only-not-a-secret")
    runs = 1 if smoke else RUNS
    for package in ("config", "motcua"):
        compileall.compile_dir(ROOT / package, quiet=1)
    print(f"{runs} run(s) each after one warm-up; {os.cpu_count()} CPUs")
    print(f"{'command':<42} {'wall p50':>9} {'CPU p50':>9} {'CPU / baseline':>15}")
    base_cpu = 0.0
    commands = dict(COMMANDS)
    if not smoke:
        folder = tempfile.mkdtemp(prefix="motcua-startup-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/startup.sqlite3"
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
        commands["manage.py update_rollups (the timer)"] = TIMER
    for label, command in commands.items():
        wall, cpu = measure(command, runs)
        base_cpu = base_cpu or cpu
        print(f"{label:<42} {wall:>8.2f}s {cpu:>8.2f}s {cpu / base_cpu:>15.2f}")


if __name__ == "__main__":
    main()
