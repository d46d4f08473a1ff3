"""A late apology (Mẫu 04 with less than a working day of notice) is flagged in the report of
late dossiers, not only recorded on the event (issue 9 §3)."""

from django.test import Client

from motcua.dossiers import workflow
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import received
from motcua.reports.rollups import update_rollups

MARCH = "?tu=2026-03-01&den=2026-03-31"


def in_process(world: World):  # type: ignore[no-untyped-def]
    dossier = workflow.forward(dossier=received(world), actor=world.receiver)
    return workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)


def test_the_late_list_says_which_apology_came_late(
    world: World, clock: Clock, client: Client
) -> None:
    clock.set(at(2026, 3, 2, 9, 0))
    late_apology = in_process(world)
    kept = in_process(world)
    never = in_process(world)
    clock.set(at(2026, 3, 3, 9, 0))  # two working days before Thursday 05/03 09:00
    workflow.reschedule(
        dossier=kept, actor=world.signer, new_due_at=at(2026, 3, 6, 9, 0), reason="Chờ"
    )
    clock.set(at(2026, 3, 4, 15, 0))  # less than one working day before
    workflow.reschedule(
        dossier=late_apology, actor=world.signer, new_due_at=at(2026, 3, 6, 9, 0), reason="Chờ"
    )
    clock.set(at(2026, 3, 20, 9, 0))  # all three now overdue
    update_rollups()

    client.force_login(world.receiver)
    page = client.get(f"/bao-cao/don-vi/{world.commune.pk}/tre-han/{MARCH}").content.decode()

    rows = {
        d.code: page.split(d.code, 1)[1].split("</tr>", 1)[0] for d in (late_apology, kept, never)
    }
    assert "Xin lỗi muộn" in rows[late_apology.code]
    assert "Đã xin lỗi, hẹn lại" in rows[kept.code]
    assert "Chưa xin lỗi" in rows[never.code]
