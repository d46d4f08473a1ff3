"""`{% if user|uses_par %}`: the staff menu shows "Chỉ số CCHC" only to Sở Nội vụ and to staff
of a unit with an assessment."""

from django import template

from motcua.accounts.models import User
from motcua.par import selectors

register = template.Library()


@register.filter
def uses_par(user: object) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return (
        bool(selectors.appraiser_provinces(user)) or selectors.own_unit_assessments(user).exists()
    )
