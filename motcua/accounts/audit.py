"""The personal-data audit trail (DOMAIN.md §10): call `record_access` from every view that
shows, prints, exports or serves citizens' personal data, after the access check passed."""

from django.http import HttpRequest
from django.utils import timezone

from motcua.accounts.models import AccessAction, PersonalDataAccess, User


def record_access(
    request: HttpRequest, action: AccessAction, subject: str, records: int = 1
) -> None:
    """`subject` names what was seen by code or title, never by a citizen's name or number."""
    assert isinstance(request.user, User)
    PersonalDataAccess.objects.create(
        user=request.user,
        at=timezone.now(),
        action=action,
        subject=subject[:255],
        records=records,
        path=request.path[:500],  # not the query string: a search may hold a name
    )


def record_applicant_access(request: HttpRequest, action: AccessAction, subject: str) -> None:
    """The applicant (no account; the portal checked the dossier's second factor) saw or
    downloaded their own dossier's data: recorded with no user."""
    PersonalDataAccess.objects.create(
        user=None,
        at=timezone.now(),
        action=action,
        subject=subject[:255],
        records=1,
        path=request.path[:500],
    )
