"""The status page drawn once per shape and filled in (`pages.filled_page`) is, byte for byte,
the page the template renders from the same values, in every state the page shows and in
both languages; a page of a shape already drawn is filled with its own dossier's values."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.factories import in_status
from motcua.payments.models import BankAccount, GatewayOrder, OrderStatus, Payment, PaymentMethod
from motcua.payments.services import fees_of
from motcua.payments.tests.conftest import add_fees
from motcua.portal import pages, selectors
from motcua.portal.tests.conftest import World, received, returned
from motcua.portal.views import _status_values
from motcua.surveys.models import RatingChannel
from motcua.surveys.services import rating_record

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def dossiers(world: World) -> list[Dossier]:
    """Two of each state, so each shape is drawn by the first and filled for the second."""
    add_fees(world)
    found = []
    for _ in range(2):
        rated, unrated = returned(world), returned(world)
        rating_record(dossier=rated, level=4, channel=RatingChannel.PORTAL)
        owing = received(world)
        fees_of(owing)
        at = owing.received_at
        assert at is not None
        paid = {"amount_vnd": 20_000, "method": PaymentMethod.CASH, "reference": f"BL-{owing.pk}"}
        Payment.objects.create(dossier=owing, paid_at=at, recorded_at=at, **paid)
        order = {"order_id": f"DH-{owing.pk}", "gateway": "test", "status": OrderStatus.PENDING}
        GatewayOrder.objects.create(dossier=owing, amount_vnd=30_000, created_at=at, **order)
        leaving = received(world)
        workflow.request_withdrawal(dossier=leaving, reason="Không cần nữa")
        ready = in_status(world, DossierStatus.RESULT_READY)
        ready.result_file = f"ket-qua/{ready.code}.pdf"
        ready.save(update_fields=["result_file"])
        stopped = in_status(world, DossierStatus.STOPPED)
        found += [rated, unrated, owing, leaving, ready, stopped, received(world)]
    return found


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_filled_page_is_the_rendered_page(world: World, language: str) -> None:
    bank = {"bank_bin": "970415", "bank_name": "Vietin", "account_name": "UBND XA <&>"}
    BankAccount.objects.create(unit=world.commune, account_number="113366668888", **bank)
    pages._drawn.clear()
    with translation.override(language):
        for dossier in dossiers(world):
            read = selectors.dossier_for_status_page(dossier.code)
            assert read is not None
            address = f"/tra-cuu/{read.code}/"
            for here, shown_address in ((address, address), ("/tra-cuu/x/?a=<b>&c", "")):
                request = RequestFactory().get(here)
                values = _status_values(request, read, here=here, address=shown_address)
                filled = pages.filled_page(request, "portal/status.html", values)
                rendered = render_to_string("portal/status.html", values, request)
                assert TOKEN.sub("", filled.content.decode()) == TOKEN.sub("", rendered)
    assert 10 <= len(pages._drawn) <= 16  # shapes: states × (answering the form or not)


def test_a_name_with_markup_is_escaped_in_the_filled_page(world: World) -> None:
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_name="<b>Nguyễn & An</b>")
    read = selectors.dossier_for_status_page(dossier.code)
    assert read is not None
    request = RequestFactory().get("/")
    values = _status_values(request, read, here="/")
    page = pages.filled_page(request, "portal/status.html", values).content.decode()
    assert "<dd>&lt;*** &amp;*** A</dd>" in page
