"""Overdue reminders: to the lead and the head, once a day, shared by parallel processes."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tests.conftest import Clock, at
from motcua.dossiers.tests.test_concurrency import database_url_of_the_test_database
from motcua.reform import workflow as wf
from motcua.reform.reminders import send_reform_reminders
from motcua.reform.tests.conftest import (
    Reform,
    make_finding,
    make_inspection,
    make_plan,
    make_reform,
    make_task,
)

ROOT = Path(__file__).resolve().parents[3]


def test_overdue_task_reaches_lead_and_head_once_a_day(rw: Reform, clock: Clock) -> None:
    plan = make_plan(rw)
    task = make_task(rw, plan, deadline=dt.date(2026, 3, 10))
    done = make_task(rw, plan, deadline=dt.date(2026, 3, 10))
    wf.item_report_done(item=done, actor=rw.lead, note="x")
    wf.item_confirm(item=done, actor=rw.head)
    OutboxMessage.objects.all().delete()
    assert send_reform_reminders() == 0  # nothing overdue yet
    clock.set(at(2026, 3, 11, 7, 0))
    assert send_reform_reminders() == 2
    assert send_reform_reminders() == 0  # once a day
    recipients = sorted(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == ["chutich@example.vn", "chutri@example.vn"]
    subject = OutboxMessage.objects.first().subject  # type: ignore[union-attr]
    assert "quá hạn 1 ngày" in subject and task.content[:20] in subject
    clock.set(at(2026, 3, 12, 7, 0))
    call_command("send_reform_reminders", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert OutboxMessage.objects.count() == 4


def test_overdue_finding_reaches_the_inspected_and_inspecting_units(
    rw: Reform, clock: Clock
) -> None:
    make_finding(rw, make_inspection(rw), due_on=dt.date(2026, 3, 5))
    clock.set(at(2026, 3, 6, 7, 0))
    assert send_reform_reminders() == 2
    assert set(OutboxMessage.objects.values_list("recipient", flat=True)) == {
        "chutich@example.vn",
        "kiemtra@example.vn",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_processes_share_the_reminders_without_doubles() -> None:
    w = make_reform()
    plan = make_plan(w, year=2020)
    for n in range(150):
        make_task(w, plan, content=f"Nhiệm vụ {n}", deadline=dt.date(2020, 6, 30))
    OutboxMessage.objects.all().delete()
    env = {**os.environ, "DATABASE_URL": database_url_of_the_test_database()}
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_reform_reminders"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=300)
        assert worker.returncode == 0, errors
    assert OutboxMessage.objects.count() == 300  # 150 tasks × (lead, head), none twice
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert len(set(keys)) == 300
