"""The 766 index of March 2026 for the commune, every figure computed by hand from dataset766.py.

Where each dossier counts, and why (P: paper result required; E: no paper result; due = the
appointment, 3 working days after receipt; office hours 07:00–11:30, 13:30–17:00):

- A0 P, received 23/2, resolved 24/2: finished before March, in no March figure.
- A1 P, received 27/2 (carried into March), resolved 3/3 09:00 before its due 4/3 09:00 with a
  result file: 2.1 on time; 2.2 27/2 09:00 → 3/3 09:00 = 960 min; 4.1 numerator and
  denominator; not received in March (3.3, 4.2). Rated "rất hài lòng".
- A2 P, received 2/3 09:00 with a scanned component, resolved 6/3 09:00 after its due 5/3 09:00,
  returned "electronically" without a result file: 2.1 late; 2.2 1920; 4.1 denominator only (no
  file: not an electronic result); 4.2 denominator only (paper result required, none electronic).
  Rated "rất không hài lòng": late AND disliked, counted once in 5.4.
- A3 P, received 2/3 09:00, two supplement requests (pauses 420 + 420 working minutes), resolved
  5/3 09:00: 2.1 late (more than one request); 2.2 1440 − 840 = 600; 4.1 denominator only.
- A4 E, received 9/3 09:00 with a scanned component, resolved 11/3 09:00: 2.1 on time; 2.2 960;
  not in 4.1 (no paper result needed); 4.2 numerator (all components electronic, no paper
  result needed). Rated "không hài lòng": on time but disliked, 5.4 counts it.
- A5 P, filed online 16/3 09:00 with its form, accepted 16/3 10:00, resolved 18/3 10:00 with a
  result file: 2.1 on time; 2.2 from acceptance: 960; 3.3 numerator; 4.1 numerator; 4.2
  numerator. PAKN K6 names it: on time but drew a PAKN, 5.4 counts it.
- A6 P, filed and accepted like A5, resolved 18/3 11:00 without a result file: 2.1 on time; 2.2
  1020; 3.3 denominator only (paper result required, none electronic); 4.1 and 4.2 denominator
  only.
- A7 E, filed and accepted like A5, resolved 17/3 09:00: 2.1 on time; 2.2 420; 3.3 numerator (no
  paper result needed); 4.2 numerator; not in 4.1. Rated "bình thường": not a dislike.
- A8 online filing refused before acceptance, A9 online filing withdrawn before acceptance, A10
  online filing still waiting on 31/3: never received, in no denominator.
- A11 P, received 20/3, due 25/3 09:00, open on 31/3: judged at the period end, late.
- A12 P, received 30/3, due 2/4 09:00, open on 31/3: judged at the period end, on time.
- A13 P, received 23/3 (due 26/3 09:00), one supplement request 24/3 09:00, still paused on 31/3:
  judged at the request, on time.
- A14 P, received 23/3 (due 26/3 09:00), one supplement request 27/3 09:00, still paused on 31/3:
  judged at the request, already late.
- A15 refused after receipt 10/3, A16 stopped 12/3, A17 withdrawn after receipt 12/3: received
  and finished before their due: 2.1 on time.

2.1: on time A1 A4 A5 A6 A7 A12 A13 A15 A16 A17 = 10 / judged 14 (late A2 A3 A11 A14).
3.3 and 4.2: received in March = A2–A7, A11–A17 = 13.
5.4: 14 − (late 4 + on time but disliked or complained: A4, A5) = 8 / 14.

PAKN of the commune received in March (K7 came in February; one went to the other commune):
- K1 answered 3/3, published, liked: on time, satisfied.
- K2 answered 3/3, published, disliked: on time; 5.3 "more dislikes than likes".
- K3 answered 3/3, published, liked, raised again by K4 on 16/3: on time; 5.3 "re-raised".
- K4 raises K3 again, open, answer due 6/4: on time for 5.2; not first received, out of 5.3.
- K5 never answered, answer due 23/3 09:00: late (5.2), overdue (5.3).
- K6 about A5, open, answer due 10/4: on time, counted satisfied.
5.2 = 5/6; 5.3 = (5 first received − K2 − K5 − K3) / 5 = 2/5.
"""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.catalog.models import OnlineLevel
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT
from motcua.reports.drilldown import dossiers_for
from motcua.reports.index766 import (
    Component,
    average_by_procedure,
    index766,
    national_code,
)
from motcua.reports.periods import Period
from motcua.reports.rollups import rebuild_rollups, rollup_snapshot, update_rollups
from motcua.reports.tests.dataset766 import Crafted, _pdf, build

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
D = Decimal


@pytest.fixture
def crafted(world: World, clock: Clock) -> Crafted:
    return build(world, clock)


def components(data: Crafted) -> dict[str, Component]:
    [result] = index766(MARCH, [data.world.commune])
    return {c.spec.code: c for c in result.components}


def figures(c: Component) -> tuple[object, ...]:
    return (c.numerator, c.denominator, c.rate, c.points)


def test_every_component_matches_the_hand_count(crafted: Crafted) -> None:
    got = components(crafted)
    # 2.1: 10 on time / 14 judged; 20 points, no target: 71.43% → 14.29.
    assert figures(got["2.1"]) == (10, 14, D("71.43"), D("14.29"))
    # 2.2: (960 + 1920 + 600 + 960 + 960 + 1020 + 420) / 7 / 480 = 2.04 working days.
    assert (got["2.2"].numerator, got["2.2"].denominator) == (6840, 7)
    assert (got["2.2"].value, got["2.2"].points) == (D("2.04"), None)
    # 3.1, 3.2: both procedures offered online, both received an online dossier.
    assert figures(got["3.1"]) == (2, 2, D("100.00"), D("4.00"))
    assert figures(got["3.2"]) == (2, 2, D("100.00"), D("4.00"))
    # 3.3: A5, A7 / 13 received; target 50% of 4 points: 15.38% → 1.23.
    assert figures(got["3.3"]) == (2, 13, D("15.38"), D("1.23"))
    # 5.2 (table 5.1): 5 / 6, 6 points: 5.00.
    assert figures(got["5.1"]) == (5, 6, D("83.33"), D("5.00"))
    # 5.3 (table 5.2): 2 / 5: 2.40.
    assert figures(got["5.2"]) == (2, 5, D("40.00"), D("2.40"))
    # 5.4 (table 5.3): 8 / 14 against 90% of 6 points: 57.14% → 3.81.
    assert figures(got["5.3"]) == (8, 14, D("57.14"), D("3.81"))
    # 4.1 (table 6.1): A1, A5 / A1 A2 A3 A5 A6 (resolved, paper result required): 2.40.
    assert figures(got["6.1"]) == (2, 5, D("40.00"), D("2.40"))
    # 4.2 (table 6.2): A4, A5, A7 / 13 received, target 80% of 4 points: 23.08% → 1.15.
    assert figures(got["6.2"]) == (3, 13, D("23.08"), D("1.15"))
    # 1.4: nothing sent to DVCQG yet: 0 / 13 received, 6 points: 0.00.
    assert figures(got["1.4"]) == (0, 13, D("0.00"), D("0.00"))
    # Group 4: both procedures carry a fee (an amount the council sets counts) and the commune
    # has no bank account or gateway: 4.1 0 / 2 fee-bearing procedures → 0.00 of 2; 4.2 no
    # procedure integrated → no data; 4.3 0 paid online / 13 fee-bearing received → 0.00 of 6.
    assert figures(got["4.1"]) == (0, 2, D("0.00"), D("0.00"))
    assert got["4.2"].points is None and got["4.2"].reason
    assert figures(got["4.3"]) == (0, 13, D("0.00"), D("0.00"))
    # Applicable: 60 before + 1.4 (6) + 4.1 (2) + 4.3 (6) = 74.
    [result] = index766(MARCH, [crafted.world.commune])
    assert (result.total, result.attainable) == (D("38.28"), 74)


def test_dossiers_synced_to_dvcqg_count_in_1_4(
    crafted: Crafted, clock: Clock, settings: Any, tmp_path: Any
) -> None:
    from motcua.api import dvcqg
    from motcua.dossiers import workflow

    settings.DATA_DIR = tmp_path  # the file backend writes dvcqg.jsonl there
    dvcqg.sync()
    # Every change of the 13 received in March has reached the portal: 13 / 13 → 6.00.
    assert figures(components(crafted)["1.4"]) == (13, 13, D("100.00"), D("6.00"))
    # A11 changes after the last run: the portal is behind on it until the next one.
    clock.set(at(2026, 3, 31, 10))
    workflow.amend(dossier=crafted.d["A11"], actor=crafted.world.everyone, changed=["ghi_chu"])
    assert figures(components(crafted)["1.4"]) == (12, 13, D("92.31"), D("5.54"))


def test_average_time_is_reported_per_procedure(crafted: Crafted) -> None:
    rows = {row.name: row for row in average_by_procedure(MARCH, [crafted.world.commune.pk])}
    # P: A1 960, A2 1920, A3 600, A5 960, A6 1020 = 5460 / 5 / 480 = 2.275 → 2.28.
    assert (rows["Thủ tục mẫu"].resolved, rows["Thủ tục mẫu"].days) == (5, D("2.28"))
    # E: A4 960, A7 420 = 1380 / 2 / 480 = 1.4375 → 1.44.
    assert (
        rows["Thủ tục không cần bản giấy"].resolved,
        rows["Thủ tục không cần bản giấy"].days,
    ) == (
        2,
        D("1.44"),
    )


def codes(data: Crafted, *names: str) -> set[str]:
    return {data.d[n].code for n in names}


def listed(data: Crafted, figure: str) -> set[str]:
    return {f.dossier.code for f in dossiers_for([data.world.commune.pk], MARCH, figure)}


def test_the_drill_down_lists_the_hand_counted_dossiers(crafted: Crafted) -> None:
    on_time = ("A1", "A4", "A5", "A6", "A7", "A12", "A13", "A15", "A16", "A17")
    assert listed(crafted, "judged_on_time") == codes(crafted, *on_time)
    assert listed(crafted, "judged") == codes(crafted, *on_time, "A2", "A3", "A11", "A14")
    assert listed(crafted, "judged_late") == codes(crafted, "A2", "A3", "A11", "A14")
    received = ("A2", "A3", "A4", "A5", "A6", "A7", "A11", "A12", "A13", "A14", "A15", "A16")
    assert listed(crafted, "received") == codes(crafted, *received, "A17")
    assert listed(crafted, "online_qualified") == codes(crafted, "A5", "A7")
    assert listed(crafted, "electronic_results") == codes(crafted, "A1", "A5")
    assert listed(crafted, "paper_results") == codes(crafted, "A1", "A2", "A3", "A5", "A6")
    assert listed(crafted, "digitised") == codes(crafted, "A4", "A5", "A7")
    assert listed(crafted, "dissatisfied") == codes(crafted, "A2", "A3", "A11", "A14", "A4", "A5")


def test_filings_never_accepted_are_in_no_figure(crafted: Crafted) -> None:
    never = codes(crafted, "A8", "A9", "A10")
    for figure in ("received", "judged", "refused", "withdrawn", "open", "carried"):
        assert not listed(crafted, figure) & never, figure


def test_a_pakn_raised_again_after_its_answer_is_recorded(
    crafted: Crafted, clock: Clock, client: Client
) -> None:
    from motcua.feedback.tests.conftest import make_pakn

    k3 = crafted.k["K3"]
    k3.refresh_from_db()
    assert k3.reraised_at == at(2026, 3, 16, 9)
    assert k3.events.filter(action="raised_again").count() == 1
    assert client.login(username="xuly", password="mat-khau-thu-nghiem-9")
    page = client.get(reverse("feedback:detail", args=[k3.pk])).content.decode()
    assert "Phản ánh lại sau khi đã trả lời" in page and "09:00 16/03/2026" in page
    # Raising again a PAKN not yet answered links them but records no re-raise.
    clock.set(at(2026, 3, 25, 9))
    make_pakn(crafted.world, earlier=crafted.k["K5"])
    crafted.k["K5"].refresh_from_db()
    assert crafted.k["K5"].reraised_at is None
    # Nor does someone else naming an answered PAKN from the portal.
    k1 = crafted.k["K1"]
    make_pakn(crafted.world, earlier=k1, submitter_phone="0987000111", submitter_email="")
    k1.refresh_from_db()
    assert k1.reraised_at is None and k1.raised_again.count() == 1


def test_the_numbering_follows_the_national_formula_document(crafted: Crafted) -> None:
    assert [national_code(code) for code in ("2.1", "5.1", "5.2", "5.3", "6.1", "6.2")] == [
        "2.1",
        "5.2",
        "5.3",
        "5.4",
        "4.1",
        "4.2",
    ]
    out = StringIO()
    call_command(
        "index766", "--from", "2026-03-01", "--to", "2026-03-31",
        "--unit", crafted.world.commune.code, "--json", stdout=out,
    )  # fmt: skip
    [row] = json.loads(out.getvalue())
    by_code = {c["code"]: c for c in row["components"]}
    assert (by_code["6.1"]["national"], by_code["6.1"]["group"]) == ("4.1", 6)
    assert (by_code["5.3"]["national"], by_code["5.3"]["numerator"]) == ("5.4", 8)
    assert by_code["1.1"]["points"] is None and by_code["1.1"]["reason"]
    assert by_code["1.4"]["points"] == "0.00"
    assert row["total"] == "38.28"
    out = StringIO()
    call_command(
        "index766", "--from", "2026-03-01", "--to", "2026-03-31",
        "--unit", crafted.world.commune.code, stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "4.1 Cấp kết quả điện tử: 2.40 điểm (2/5)" in text
    assert "1.4 Hồ sơ đồng bộ lên Cổng DVCQG: 0.00 điểm (0/13)" in text
    assert "1.1 TTHC công bố đúng hạn: Không có dữ liệu: chưa có dữ liệu công bố" in text
    assert "None" not in text and "N/A" not in text


def test_rebuilt_rollups_give_the_same_figures(crafted: Crafted) -> None:
    before = rollup_snapshot()
    expected = {code: figures(c) for code, c in components(crafted).items()}
    rebuild_rollups()
    assert rollup_snapshot() == before
    assert {code: figures(c) for code, c in components(crafted).items()} == expected


def test_a_procedure_used_online_only_with_help_counts_in_3_2(world: World, clock: Clock) -> None:
    """3.2: a dossier filed online with an officer's help is an online dossier all the same —
    its procedure counts as used online."""
    world.version.online_level = OnlineLevel.FULL
    world.version.save(update_fields=["online_level"])
    filed = workflow.submit_online(
        version=world.version,
        receiving_unit=world.commune,
        applicant=APPLICANT,
        assisted_by=world.receiver,
        files=[NewFile(_pdf("to-khai.pdf"))],
    )
    clock.set(at(2026, 3, 2, 10))
    workflow.accept_online(dossier=filed, actor=world.receiver)
    update_rollups()
    [result] = index766(MARCH, [world.commune])
    got = {c.spec.code: c for c in result.components}
    assert figures(got["3.2"]) == (1, 1, D("100.00"), D("4.00"))
