"""Pages of online filing: prove a contact, fill a draft, review, submit, follow, supplement.

The same draft pages serve a citizen (identified by the contact proven with a one-time code,
kept in the session) and a helper filing on a citizen's behalf (a logged-in receiving officer
or digital-team member, `assisted=True`).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import links
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.filing import otp, selectors, services
from motcua.filing.forms import (
    ApplicantForm,
    CitizenContactForm,
    CodeForm,
    ContactForm,
    ExtraFieldsForm,
    SupplementForm,
    UnitForm,
    as_text,
)
from motcua.filing.models import Filing

# Where the portal mounts these pages (motcua/portal/urls.py includes motcua.filing.urls).
NS = "portal:filing"


def url(name: str, *args: object) -> str:
    return reverse(f"{NS}:{name}", args=args)


SESSION_CONTACT = "filing.contact"  # the contact proven with a code: {"kind", "value"}
SESSION_PENDING = "filing.pending"  # the contact a code was sent to, and where to go next
SESSION_STASH = "filing.stash"  # what was typed when the session had expired, by procedure
SESSION_DOSSIERS = "filing.dossiers"  # dossier codes opened through a signed link

EXPIRED = gettext_lazy(
    "Phiên làm việc đã hết hạn hoặc bạn chưa xác thực. Hồ sơ nháp được lưu trên hệ thống: "
    "hãy nhập lại đúng số điện thoại hoặc thư điện tử đã dùng và mã xác thực mới để tiếp tục."
)


@dataclass(frozen=True)
class Filer:
    contact: otp.Contact | None = None
    helper: User | None = None


def _verified(request: HttpRequest) -> otp.Contact | None:
    data = request.session.get(SESSION_CONTACT)
    return otp.Contact(data["kind"], data["value"]) if data else None


def _safe_next(request: HttpRequest, url: str | None, default: str) -> str:
    ok = url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if ok and url else default


def _version(procedure_pk: int) -> ProcedureVersion:
    try:
        return services.version_for_online_filing(procedure_pk)
    except services.FilingError as error:
        raise _NotOffered(error.messages[0]) from None


class _NotOffered(Exception):
    pass


def _not_offered(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "filing/not_offered.html", {"message": message}, status=404)


# -- proving a contact -------------------------------------------------------------------------


@require_GET
def start(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    try:
        version = _version(procedure_pk)
    except _NotOffered as error:
        return _not_offered(request, str(error))
    draft_url = url("draft", procedure_pk)
    if _verified(request) is not None:
        return redirect(draft_url)
    return render(
        request, "filing/start.html",
        {"version": version, "form": ContactForm(), "next": draft_url,
         "documents": services.documents_of(version),
         "presented": services.documents_presented(version)},
    )  # fmt: skip


@require_POST
def send_code(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST)
    back = _safe_next(request, request.POST.get("back"), url("verify"))
    if not form.is_valid():
        for error in form["contact"].errors:
            messages.error(request, str(error))
        return redirect(back)
    return _send(request, form.cleaned_data["contact"], request.POST.get("next"), back)


def _send(
    request: HttpRequest, contact: otp.Contact, next_url: str | None, back: str
) -> HttpResponse:
    request.session[SESSION_PENDING] = {
        "kind": contact.kind, "value": contact.value,
        "next": _safe_next(request, next_url, url("follow_home")),
    }  # fmt: skip
    try:
        otp.code_send(contact=contact)
    except otp.OtpError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Đã gửi mã xác thực tới %(contact)s.") % {"contact": contact.masked}
        )
    return redirect(url("verify"))


@require_POST
def resend_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_PENDING)
    if not pending:
        messages.error(request, EXPIRED)
        return redirect(url("follow_home"))
    contact = otp.Contact(pending["kind"], pending["value"])
    return _send(request, contact, pending["next"], url("verify"))


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_PENDING)
    if not pending:
        messages.error(request, EXPIRED)
        return redirect(url("follow_home"))
    contact = otp.Contact(pending["kind"], pending["value"])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp.code_verify(contact=contact, code=form.cleaned_data["code"])
        except otp.OtpError as error:
            form.add_error("code", error.messages[0])
        else:
            request.session.cycle_key()
            request.session[SESSION_CONTACT] = {"kind": contact.kind, "value": contact.value}
            del request.session[SESSION_PENDING]
            return redirect(pending["next"])
    return render(
        request,
        "filing/verify.html",
        {"form": form, "contact": contact, "dev_mailbox": settings.DEBUG},
    )


# -- the draft ---------------------------------------------------------------------------------


def _filer(request: HttpRequest, assisted: bool) -> Filer | HttpResponse:
    """Who is filing, or the response sending them to prove it."""
    if assisted:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        assert isinstance(user, User)
        return Filer(helper=user)
    contact = _verified(request)
    if contact is None:
        return _expired(request)
    return Filer(contact=contact)


def _expired(request: HttpRequest) -> HttpResponse:
    """Send the filer to prove their contact again, keeping what they had just typed."""
    procedure_pk = (
        request.resolver_match.kwargs.get("procedure_pk") if request.resolver_match else None
    )
    if request.method == "POST" and procedure_pk is not None:
        stash = request.session.get(SESSION_STASH, {})
        stash[str(procedure_pk)] = {
            k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"
        }
        request.session[SESSION_STASH] = stash
    messages.error(request, EXPIRED)
    if procedure_pk is not None:
        return redirect(url("start", procedure_pk))
    return redirect(url("follow_home"))


def _urls(procedure_pk: int, assisted: bool) -> dict[str, str]:
    prefix = "assisted_" if assisted else ""
    return {name: url(f"{prefix}{name}", procedure_pk) for name in ("draft", "review", "submit")}


def _open(version: ProcedureVersion, filer: Filer) -> Filing:
    if filer.helper is not None:
        if not services.receiving_units(version, filer.helper).exists():
            raise Http404("Bạn không hỗ trợ nộp thủ tục này tại đơn vị của mình.")
        return services.filing_open(version=version, helper=filer.helper)
    return services.filing_open(version=version, contact=filer.contact)


class DraftForms:
    """The four forms of the draft page, bound to the POST or filled from the draft."""

    def __init__(self, filing: Filing, data: Any = None, files: Any = None) -> None:
        stored = filing.applicant
        units = services.receiving_units(filing.version, filing.assisted_by)
        self.applicant = ApplicantForm(data, initial=stored)
        self.unit = UnitForm(
            data, units=units, initial={"receiving_unit": filing.receiving_unit_id}
        )
        self.extra = ExtraFieldsForm(data, schema=filing.version.extra_fields, initial=filing.extra)
        self.citizen = (
            CitizenContactForm(data, initial={"citizen_contact": filing.contact})
            if filing.assisted_by_id
            else None
        )

    def all(self) -> list[Any]:
        return [f for f in (self.citizen, self.applicant, self.unit, self.extra) if f is not None]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.all()])


def _kept(form: Any) -> dict[str, str]:
    """Each field's value as text: cleaned where valid, as typed where not."""
    cleaned = getattr(form, "cleaned_data", {})
    out = {}
    for name in form.fields:
        if name in cleaned:
            out[name] = as_text(cleaned[name])
        else:
            out[name] = str(form.data.get(form.add_prefix(name), ""))
    return out


def _typed(forms: DraftForms) -> dict[str, Any]:
    """What the filer typed, for `services.filing_save`: a draft keeps even invalid values."""
    unit = forms.unit.cleaned_data.get("receiving_unit") if forms.unit.is_valid() else None
    contact = None
    if forms.citizen is not None and forms.citizen.is_valid():
        contact = forms.citizen.cleaned_data["citizen_contact"]
    return {
        "applicant": _kept(forms.applicant),
        "extra": _kept(forms.extra),
        "receiving_unit": unit,
        "contact": contact,
    }


@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, procedure_pk: int, assisted: bool = False) -> HttpResponse:
    filer = _filer(request, assisted)
    if isinstance(filer, HttpResponse):
        return filer
    try:
        version = _version(procedure_pk)
    except _NotOffered as error:
        return _not_offered(request, str(error))
    filing = _open(version, filer)
    stash = request.session.get(SESSION_STASH, {}).pop(str(procedure_pk), None)
    upload_errors: dict[int, str] = {}
    if request.method == "POST":
        forms = DraftForms(filing, request.POST)
        valid = forms.is_valid()
        filing = services.filing_save(filing=filing, **_typed(forms))
        upload_errors = _attach_uploads(request, filing)
        if valid and not upload_errors:
            messages.success(request, _("Đã lưu hồ sơ nháp."))
            return redirect(_urls(procedure_pk, assisted)["review"])
        if upload_errors:
            messages.error(
                request,
                _("Có tệp không tải lên được. Những gì bạn đã nhập vẫn được lưu trong hồ sơ nháp."),
            )
    elif stash:
        request.session.modified = True
        forms = DraftForms(filing, stash)
        forms.is_valid()
        filing = services.filing_save(filing=filing, **_typed(forms))
        messages.info(request, _("Những gì bạn nhập trước khi phiên hết hạn đã được lưu lại."))
    else:
        forms = DraftForms(filing)
    return _render_draft(request, filing, forms, assisted, upload_errors)


def _attach_uploads(request: HttpRequest, filing: Filing) -> dict[int, str]:
    errors: dict[int, str] = {}
    for document in services.documents_of(filing.version):
        for upload in request.FILES.getlist(f"tep-{document.pk}"):
            try:
                services.filing_attach(filing=filing, document=document, upload=upload)
            except services.FilingError as error:
                errors[document.pk] = error.messages[0]
    return errors


def _render_draft(
    request: HttpRequest,
    filing: Filing,
    forms: DraftForms,
    assisted: bool,
    upload_errors: dict[int, str],
) -> HttpResponse:
    checklist = selectors.checklist(filing, upload_errors)
    return render(
        request, "filing/draft.html",
        {"filing": filing, "version": filing.version, "forms": forms, "checklist": checklist,
         "presented": services.documents_presented(filing.version),
         "assisted": assisted, "urls": _urls(filing.version.procedure_id, assisted),
         "remove_url_name": f"{NS}:assisted_detach" if assisted else f"{NS}:detach"},
    )  # fmt: skip


@require_POST
def detach(
    request: HttpRequest, procedure_pk: int, file_pk: int, assisted: bool = False
) -> HttpResponse:
    filer = _filer(request, assisted)
    if isinstance(filer, HttpResponse):
        return filer
    try:
        version = _version(procedure_pk)
    except _NotOffered as error:
        return _not_offered(request, str(error))
    services.filing_detach(filing=_open(version, filer), file_pk=file_pk)
    messages.success(request, _("Đã xóa tệp khỏi hồ sơ nháp."))
    return redirect(_urls(procedure_pk, assisted)["draft"])


@require_GET
def review(request: HttpRequest, procedure_pk: int, assisted: bool = False) -> HttpResponse:
    filer = _filer(request, assisted)
    if isinstance(filer, HttpResponse):
        return filer
    try:
        version = _version(procedure_pk)
    except _NotOffered as error:
        return _not_offered(request, str(error))
    filing = _open(version, filer)
    problems = services.filing_problems(filing)
    return render(
        request, "filing/review.html",
        {"filing": filing, "version": version, "problems": problems, "assisted": assisted,
         "applicant": services.filing_applicant(filing), "urls": _urls(procedure_pk, assisted),
         "extra": selectors.extra_values(filing), "checklist": selectors.checklist(filing, {})},
    )  # fmt: skip


@require_POST
def submit(request: HttpRequest, procedure_pk: int, assisted: bool = False) -> HttpResponse:
    filer = _filer(request, assisted)
    if isinstance(filer, HttpResponse):
        return filer
    pk = request.POST.get("filing", "")
    filing = Filing.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    if filing is None or not _owns(filer, filing):
        messages.error(request, _("Không tìm thấy hồ sơ nháp. Vui lòng kiểm tra lại."))
        return redirect(_urls(procedure_pk, assisted)["draft"])
    try:
        dossier = services.filing_submit(filing=filing)
    except (services.FilingError, ValidationError) as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_urls(procedure_pk, assisted)["review"])
    _remember(request, dossier)
    return redirect(url("submitted", dossier.code))


def _owns(filer: Filer, filing: Filing) -> bool:
    if filer.helper is not None:
        return filing.assisted_by_id == filer.helper.pk
    assert filer.contact is not None
    return (
        filing.assisted_by_id is None
        and filing.contact_kind == filer.contact.kind
        and filing.contact == filer.contact.value
    )


def _remember(request: HttpRequest, dossier: Dossier) -> None:
    codes = request.session.get(SESSION_DOSSIERS, [])
    if dossier.code not in codes:
        request.session[SESSION_DOSSIERS] = [*codes, dossier.code][-20:]


# -- after submission --------------------------------------------------------------------------


def _dossier_for(request: HttpRequest, code: str) -> Dossier | None:
    """The dossier if this browser proved it belongs to them, else None."""
    dossier = Dossier.objects.filter(code=code).select_related("procedure_version").first()
    if dossier is None:
        return None
    if code in request.session.get(SESSION_DOSSIERS, []):
        return dossier
    contact = _verified(request)
    if contact is not None and services.contact_matches(dossier, contact):
        return dossier
    return None


def _ask_contact(request: HttpRequest, code: str) -> HttpResponse:
    return render(
        request, "filing/follow_verify.html",
        {"form": ContactForm(), "code": code, "next": url("follow", code)},
    )  # fmt: skip


@require_GET
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier_for(request, code)
    if dossier is None:
        return _ask_contact(request, code)
    return render(request, "filing/submitted.html", {"dossier": dossier, "lookup_url": "/tra-cuu/"})


@require_GET
def follow_home(request: HttpRequest) -> HttpResponse:
    contact = _verified(request)
    dossiers = selectors.dossiers_of_contact(contact) if contact else []
    drafts = selectors.drafts_of_contact(contact) if contact else []
    return render(
        request, "filing/follow_home.html",
        {"contact": contact, "dossiers": dossiers, "drafts": drafts, "form": ContactForm(),
         "next": url("follow_home")},
    )  # fmt: skip


@require_GET
def follow(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier_for(request, code)
    if dossier is None:
        return _ask_contact(request, code)
    return _render_follow(request, dossier, SupplementForm())


def _render_follow(
    request: HttpRequest, dossier: Dossier, form: SupplementForm, status: int = 200
) -> HttpResponse:
    return render(
        request, "filing/follow.html",
        {"dossier": dossier, "outcome": selectors.outcome(dossier), "form": form,
         "supplement_open": dossier.status == DossierStatus.SUPPLEMENT_REQUESTED,
         "lookup_url": "/tra-cuu/"},
        status=status,
    )  # fmt: skip


@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier_for(request, code)
    if dossier is None:
        messages.error(request, EXPIRED)
        return _ask_contact(request, code)
    form = SupplementForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.supplement_online(dossier=dossier, uploads=request.FILES.getlist("tep"), note=note)
    except services.FilingError as error:
        form.add_error(None, error.messages[0])
        return _render_follow(request, dossier, form, status=400)
    messages.success(request, _("Đã gửi giấy tờ bổ sung. Hồ sơ được tiếp tục xử lý."))
    return redirect(url("follow", code))


@require_GET
def signed_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a supplement notice opens the dossier without a code (30 days)."""
    try:
        code = links.dossier_code_from_token(token)
    except signing.BadSignature:
        messages.error(
            request,
            "Đường dẫn không hợp lệ hoặc đã hết hạn. Hãy xác thực bằng số điện thoại hoặc thư "
            "điện tử đã dùng khi nộp hồ sơ.",
        )
        return redirect(url("follow_home"))
    request.session.cycle_key()
    codes = request.session.get(SESSION_DOSSIERS, [])
    request.session[SESSION_DOSSIERS] = [*codes, code][-20:]
    return HttpResponseRedirect(url("follow", code))
