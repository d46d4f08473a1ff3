"""766 component 5.2 (PAKN on time) and 5.3 (satisfaction with PAKN handling)."""

from typing import Any

from motcua.feedback import workflow as wf
from motcua.feedback.selectors import (
    pakn_counts_by_unit,
    pakn_on_time,
    pakn_satisfaction,
    published_search,
)
from motcua.feedback.tests.conftest import World, at, make_pakn


def test_on_time_counts_every_deadline_and_judges_open_ones_at_the_period_end(
    world: World, clock: Any
) -> None:
    answered_on_time = wf.pakn_answer(
        pakn=make_pakn(world), actor=world.handler, answer="Đã xử lý."
    )
    refused_late, still_open, published = make_pakn(world), make_pakn(world), make_pakn(world)
    wf.pakn_answer(pakn=published, actor=world.handler, answer="Đã xử lý.")
    wf.pakn_publish(pakn=published, actor=world.head, public_summary="Tóm tắt.")
    clock.set(at(2026, 3, 5, 9, 0))  # refusal is due Wednesday 4 March 09:00
    wf.pakn_refuse(pakn=refused_late, actor=world.handler, reason="Là khiếu nại.")
    units = [world.commune.pk]
    # At the end of March the open one is past its 15 working days (23 March), and the answer
    # given on 2 March was not published within 2 working days.
    num, den, ids = pakn_on_time(units, at(2026, 3, 1), at(2026, 4, 1))
    assert (num, den, ids) == (1, 4, [published.pk])
    # Judged on 3 March, only the publication of the first answer was still within its time.
    num, den, ids = pakn_on_time(units, at(2026, 3, 1), at(2026, 3, 3, 12))
    assert (num, den) == (4, 4)
    assert answered_on_time.pk in ids and still_open.pk in ids
    assert pakn_on_time([world.other_commune.pk], at(2026, 3, 1), at(2026, 4, 1))[1] == 0
    by_unit = pakn_counts_by_unit(at(2026, 3, 1), at(2026, 4, 1))
    assert (by_unit[world.commune.pk]["on_time"], by_unit[world.commune.pk]["counted"]) == (1, 4)
    assert world.other_commune.pk not in by_unit
    # A ranking of some units reads only theirs.
    march = (at(2026, 3, 1), at(2026, 4, 1))
    assert pakn_counts_by_unit(*march, [world.commune.pk]) == by_unit
    assert pakn_counts_by_unit(*march, [world.other_commune.pk]) == {}


def test_satisfaction_leaves_out_disliked_overdue_and_raised_again(
    world: World, clock: Any
) -> None:
    reactions = [True, True, False]
    for liked in [*reactions, None]:
        pakn = wf.pakn_answer(pakn=make_pakn(world), actor=world.handler, answer="Trả lời.")
        pakn = wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Tóm tắt.")
        if liked is not None:
            wf.pakn_react(pakn=pakn, liked=liked)
    # Four first received, one disliked: 3 / 4 (a PAKN nobody rated is not a dislike).
    num, den, ids = pakn_satisfaction([world.commune.pk], at(2026, 3, 1), at(2026, 4, 1))
    assert (num, den, len(ids)) == (3, 4, 3)
    answered = ids[0]
    clock.set(at(2026, 3, 10, 9, 0))
    again = make_pakn(world, earlier=wf.Pakn.objects.get(pk=answered))  # raised again
    make_pakn(world)  # never answered: overdue at the end of March (due 31/3 09:00 < 1/4)
    # The re-raise is not first received; the one raised again is no longer satisfied; the
    # open one is late.
    num, den, ids = pakn_satisfaction([world.commune.pk], at(2026, 3, 1), at(2026, 4, 1))
    assert (num, den) == (2, 5) and answered not in ids and again.pk not in ids
    figures = pakn_counts_by_unit(at(2026, 3, 1), at(2026, 4, 1))[world.commune.pk]
    assert (figures["satisfied"], figures["first"], figures["counted"]) == (2, 5, 6)


def test_public_search_ignores_case_and_diacritics(world: World) -> None:
    pakn = wf.pakn_answer(pakn=make_pakn(world), actor=world.handler, answer="Đã hướng dẫn.")
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Yêu cầu sổ hộ khẩu khi đăng ký.")
    make_pakn(world)  # not published: never found
    for query in ("so ho khau", "SỔ HỘ KHẨU", "dang ky", "huong dan", "hộ kh"):
        assert [p.code for p in published_search(query)] == [pakn.code], query
    assert not published_search("khai sinh").exists()
