"""Eight real processes receiving at one unit at once (PostgreSQL only)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.db.models import Count

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.conftest import make_world

ROOT = Path(__file__).resolve().parents[3]
PROCESSES, EACH = 8, 500

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and real parallel writers need PostgreSQL (SQLite serialises writers)",
)


def database_url_of_the_test_database() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.mark.django_db(transaction=True)
def test_eight_processes_receiving_500_each_get_4000_unique_codes_and_trails() -> None:
    w = make_world()
    env = {**os.environ, "DATABASE_URL": database_url_of_the_test_database()}
    args = [str(w.version.pk), str(w.commune.pk), str(w.receiver.pk), str(EACH)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "motcua.dossiers.tests.receive_many", *args],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == PROCESSES * EACH
    by_day: dict[str, list[int]] = {}
    for code in codes:
        prefix, sequence = code.rsplit("-", 1)
        by_day.setdefault(prefix, []).append(int(sequence))
    for sequences in by_day.values():  # dense: no number lost or given twice
        assert sorted(sequences) == list(range(1, len(sequences) + 1))
    trails = DossierEvent.objects.values("dossier").annotate(n=Count("pk"))
    assert {row["n"] for row in trails} == {1} and trails.count() == PROCESSES * EACH
    assert not DossierEvent.objects.exclude(action="receive", seq=1).exists()
