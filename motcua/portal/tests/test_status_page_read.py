"""The status page reads its dossier by plain SQL (`selectors.dossier_for_status_page`): the
same values as the ORM query it replaces, for dossiers in every state the page shows."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model
from django.template import Context, Template

from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.factories import in_status
from motcua.payments import selectors as payment_selectors
from motcua.payments.models import (
    BankAccount,
    DossierFee,
    GatewayOrder,
    OrderStatus,
    Payment,
    PaymentMethod,
)
from motcua.payments.services import fees_of
from motcua.payments.tests.conftest import add_fees
from motcua.portal import selectors
from motcua.portal.tests.conftest import World, received, returned
from motcua.surveys.models import RatingChannel
from motcua.surveys.services import rating_of, rating_record

FIELDS = (
    "code", "status", "applicant_name", "applicant_personal_id", "applicant_organisation_id",
    "applicant_phone", "received_at", "due_at", "returned_at", "withdrawal_requested_at",
    "result_file", "result_signer_id", "case_id", "procedure_version_id", "receiving_unit_id",
)  # fmt: skip
FACTS = ("has_fee_lines", "has_listed_fees", "paid_vnd", "order_pending")


def by_the_orm(code: str) -> Dossier:
    dossiers = Dossier.objects.select_related("procedure_version", "receiving_unit", "rating")
    names = [*FIELDS, "procedure_version__name", "receiving_unit__name", "rating__level"]
    found = payment_selectors.with_fee_facts(dossiers.only(*names)).filter(code=code).first()
    assert found is not None
    return found


def shown(dossier: Dossier) -> dict[str, object]:
    rating, may_rate = rating_of(dossier)
    values: dict[str, object] = {name: getattr(dossier, name) for name in FIELDS}
    values |= {name: bool(getattr(dossier, name)) for name in FACTS if name != "paid_vnd"}
    values["paid_vnd"] = int(dossier.paid_vnd)  # type: ignore[attr-defined]
    values["result_file"] = str(dossier.result_file)
    values["version"] = dossier.procedure_version.name
    values["unit"] = dossier.receiving_unit.name
    values["rating"] = (rating.level, rating.dossier.code) if rating else None
    values["may_rate"] = may_rate
    account = payment_selectors.account_of(dossier.receiving_unit)
    values["account"] = (account.pk, account.account_number, account.unit_id) if account else None
    values["deferred"] = sorted(dossier.get_deferred_fields())
    return values


def loaded(instance: Model) -> set[str]:
    return {f.attname for f in instance._meta.concrete_fields} - instance.get_deferred_fields()


def test_the_plain_read_gives_what_the_orm_gave_in_every_state(world: World) -> None:
    add_fees(world)
    plain = received(world)
    rated, unrated = returned(world), returned(world)
    rating_record(dossier=rated, level=4, channel=RatingChannel.PORTAL)
    owing = received(world)
    fees_of(owing)
    at = owing.received_at
    assert at is not None
    paid = {"amount_vnd": 20_000, "method": PaymentMethod.CASH, "reference": "BL-1"}
    Payment.objects.create(dossier=owing, paid_at=at, recorded_at=at, **paid)
    order = {"order_id": "DH-1", "gateway": "thu-nghiem", "status": OrderStatus.PENDING}
    GatewayOrder.objects.create(dossier=owing, amount_vnd=30_000, created_at=at, **order)
    leaving = received(world)
    workflow.request_withdrawal(dossier=leaving, reason="Không cần nữa")
    stopped = in_status(world, DossierStatus.STOPPED)
    dossiers = (plain, rated, unrated, owing, leaving, stopped)
    for with_account in (False, True):
        if with_account:
            bank = {"bank_bin": "970415", "bank_name": "Vietin", "account_name": "UBND XA"}
            BankAccount.objects.create(unit=world.commune, account_number="113366668888", **bank)
        for dossier in dossiers:
            read = selectors.dossier_for_status_page(dossier.code)
            assert read is not None
            assert shown(read) == shown(by_the_orm(dossier.code))
            assert (shown(read)["account"] is not None) is with_account
            assert loaded(read.procedure_version) == {"id", "name"}
            assert loaded(read.receiving_unit) == {"id", "name"}
    assert selectors.dossier_for_status_page("KHONG-CO") is None


def test_a_field_the_page_did_not_read_is_read_when_asked(world: World) -> None:
    dossier = received(world)
    read = selectors.dossier_for_status_page(dossier.code)
    assert read is not None
    assert read.applicant_email == "an@example.vn"  # deferred, then read
    assert read.procedure_version.procedure_id == world.version.procedure_id


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC),  # midnight in Vietnam: the next day
        dt.datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
        dt.datetime(2026, 7, 4, 2, 5, 7, 120, tzinfo=dt.UTC),
    ],
)
def test_the_timeline_s_times_read_as_the_date_filter_draws_them(at: dt.datetime) -> None:
    entry = selectors.TimelineEntry(at, "Tiếp nhận hồ sơ")
    drawn = Template("""{{ at|date:'c' }} {{ at|date:"H:i d/m/Y" }}""").render(Context({"at": at}))
    assert f"{entry.iso} {entry.shown}" == drawn


def test_the_fee_lines_come_with_the_row_and_are_the_ones_the_orm_reads(
    world: World, django_assert_num_queries: Any
) -> None:
    add_fees(world)
    owing, copied = received(world), received(world)
    lines = fees_of(owing)
    lines[0].exemption_vnd, lines[0].exemption_reason = 5_000, "Hộ nghèo"
    lines[0].save()
    for dossier in (owing, copied):
        read = selectors.dossier_for_status_page(dossier.code)
        assert read is not None
        expected = list(DossierFee.objects.filter(dossier=dossier).order_by("order", "pk"))
        on_postgres = connection.vendor == "postgresql"
        if dossier is owing:  # lines already copied: read with the row on PostgreSQL
            with django_assert_num_queries(0 if on_postgres else 1):
                found = fees_of(read)
            assert [(f.pk, f.name, f.due_vnd, f.exemption_reason) for f in found] == [
                (f.pk, f.name, f.due_vnd, f.exemption_reason) for f in expected
            ]
        else:  # none yet: copied from the catalog on first read, then read anew
            assert expected == []
            found = fees_of(read)
            assert [f.name for f in found] == [
                f.name for f in DossierFee.objects.filter(dossier=dossier).order_by("order")
            ]
            assert found and all(f.pk for f in found)


def test_the_timeline_read_with_the_row_draws_times_as_the_date_filter_does(world: World) -> None:
    dossier = returned(world)
    read = selectors.dossier_for_status_page(dossier.code)
    assert read is not None
    entries = selectors.public_timeline(read)
    assert [e.label for e in entries][:1] == ["Tiếp nhận hồ sơ"]
    assert entries[-1].label == "Đã trả kết quả"
    draw = Template("""{{ at|date:'c' }} {{ at|date:"H:i d/m/Y" }}""")
    for entry in entries:
        assert f"{entry.iso} {entry.shown}" == draw.render(Context({"at": entry.at}))
