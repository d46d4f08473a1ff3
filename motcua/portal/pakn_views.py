"""Citizen pages for PAKN: send one (after proving a contact with a one-time code), follow it by
a signed link, add requested information, rate the answer; read and search published answers.

Public pages show only the public fields of a published PAKN (code, kind, title, the officer's
summary, the answer, the unit, dates): never the submitter's name, phone, e-mail or address.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.models import CENTRE_KINDS, OrgUnit
from motcua.feedback import selectors, workflow
from motcua.feedback.forms import ContentForm, InfoForm, SearchForm
from motcua.feedback.models import Pakn, PaknChannel, PaknStatus
from motcua.feedback.views import _submission
from motcua.filing import otp
from motcua.filing import selectors as filing_selectors
from motcua.filing.forms import CodeForm, ContactForm
from motcua.filing.models import ContactKind
from motcua.lib.client import client_address

# The portal's database-backed throttle is shared: it counts per client address across servers.
from motcua.portal import throttle

SESSION_CONTACT = "feedback.contact"
SESSION_PENDING = "feedback.pending"
SUBMIT_LIMIT = throttle.Limit("pakn-submit", 5, dt.timedelta(hours=1))
FOLLOW_SALT = "motcua.feedback.follow"


def follow_token(pakn: Pakn) -> str:
    return signing.dumps(pakn.pk, salt=FOLLOW_SALT)


def _from_token(token: str) -> Pakn:
    try:
        pk = signing.loads(token, salt=FOLLOW_SALT)
    except signing.BadSignature:
        raise Http404 from None
    found = Pakn.objects.select_related("unit").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# -- published answers --------------------------------------------------------------------------


@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    page = Paginator(selectors.published_search(query, kind=kind), 20).get_page(
        request.GET.get("trang")
    )
    return render(request, "feedback/public_list.html", {"form": form, "page": page, "q": query})


@require_GET
def published_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "feedback/public_detail.html", {"pakn": selectors.get_published(code)})


# -- sending ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.session.get(SESSION_CONTACT):
        return redirect("pakn:compose")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact: otp.Contact = form.cleaned_data["contact"]
        request.session[SESSION_PENDING] = {"kind": contact.kind, "value": contact.value}
        try:
            otp.code_send(contact=contact)
        except otp.OtpError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("Đã gửi mã xác thực tới %(contact)s.") % {"contact": contact.masked}
            )
        return redirect("pakn:verify")
    return render(request, "feedback/public_start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_PENDING)
    if not pending:
        return redirect("pakn:start")
    contact = otp.Contact(pending["kind"], pending["value"])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp.code_verify(contact=contact, code=form.cleaned_data["code"])
        except otp.OtpError as error:
            form.add_error("code", error.messages[0])
        else:
            request.session.cycle_key()
            request.session[SESSION_CONTACT] = pending
            del request.session[SESSION_PENDING]
            return redirect("pakn:compose")
    return render(
        request,
        "feedback/public_verify.html",
        {"form": form, "contact": contact, "dev_mailbox": settings.DEBUG},
    )


def likely_units(contact: otp.Contact) -> list[OrgUnit]:
    """Where this citizen filed recently: the commune of the centre that received their
    dossiers (a petition is addressed to the commune), newest first."""
    found: list[OrgUnit] = []
    for dossier in list(filing_selectors.dossiers_of_contact(contact))[:5]:
        unit = dossier.receiving_unit
        if unit.kind in CENTRE_KINDS and unit.parent is not None:
            unit = unit.parent
        if unit not in found and unit.valid_to is None:
            found.append(unit)
    return found


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest) -> HttpResponse:
    verified = request.session.get(SESSION_CONTACT)
    if not verified:
        messages.error(request, _("Vui lòng xác thực số điện thoại hoặc thư điện tử trước."))
        return redirect("pakn:start")
    form = ContentForm(request.POST or None)
    likely = likely_units(otp.Contact(verified["kind"], verified["value"]))
    if likely:
        form.fields["unit"].offer_first(likely)  # type: ignore[attr-defined]
        form.fields["unit"].initial = likely[0].pk
    if request.method == "POST" and form.is_valid():
        if not throttle.attempt(SUBMIT_LIMIT, client_address(request)):
            form.add_error(
                None, _("Bạn đã gửi quá nhiều phản ánh trong một giờ. Vui lòng thử lại sau.")
            )
        else:
            return _submit(request, form, verified)
    return render(
        request,
        "feedback/public_compose.html",
        {
            "form": form,
            "contact": otp.Contact(verified["kind"], verified["value"]).masked,
        },
    )


def _submit(request: HttpRequest, form: ContentForm, verified: dict[str, str]) -> HttpResponse:
    is_phone = verified["kind"] == ContactKind.PHONE
    data = _submission(
        form.cleaned_data,
        PaknChannel.PORTAL,
        contact_verified=True,
        submitter_phone=verified["value"] if is_phone else "",
        submitter_email="" if is_phone else verified["value"],
    )
    try:
        pakn = workflow.pakn_submit(data=data)
    except workflow.PaknError as error:
        form.add_error(None, error)
        return render(request, "feedback/public_compose.html", {"form": form}, status=400)
    return redirect("pakn:follow", token=follow_token(pakn))


# -- following ----------------------------------------------------------------------------------


@require_GET
def follow(request: HttpRequest, token: str) -> HttpResponse:
    pakn = _from_token(token)
    return render(
        request,
        "feedback/public_follow.html",
        {
            "pakn": pakn,
            "token": token,
            "info_form": InfoForm(),
            "follow_url": request.build_absolute_uri(reverse("pakn:follow", args=[token])),
            "may_react": pakn.status == PaknStatus.PUBLISHED and not pakn.reaction,
        },
    )


@require_POST
def add_info(request: HttpRequest, token: str) -> HttpResponse:
    pakn = _from_token(token)
    form = InfoForm(request.POST)
    try:
        if not form.is_valid():
            raise workflow.PaknError(_("Vui lòng nhập thông tin bổ sung."))
        workflow.pakn_info_received(pakn=pakn, actor=None, info=form.cleaned_data["text"])
    except workflow.PaknError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Đã gửi thông tin bổ sung."))
    return redirect("pakn:follow", token=token)


def _react(request: HttpRequest, token: str, liked: bool) -> HttpResponse:
    try:
        workflow.pakn_react(pakn=_from_token(token), liked=liked)
    except workflow.PaknError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá câu trả lời."))
    return redirect("pakn:follow", token=token)


@require_POST
def like(request: HttpRequest, token: str) -> HttpResponse:
    return _react(request, token, True)


@require_POST
def dislike(request: HttpRequest, token: str) -> HttpResponse:
    return _react(request, token, False)
