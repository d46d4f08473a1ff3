from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from motcua.accounts.models import OrgUnit


def province_by_code(code: str | None) -> OrgUnit | None:
    """The unit named by `--province`, or None (the deployment-wide calendar) without it."""
    if code is None:
        return None
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(_("Không có đơn vị mã %(code)s.") % {"code": code})
    return unit
