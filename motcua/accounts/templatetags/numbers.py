"""`{{ value|so }}`: a figure in Vietnamese format, 1.234 and 1.234,5 (en: 1,234 and 1,234.5).

Django localises the decimal comma by itself but groups thousands only with
USE_THOUSAND_SEPARATOR, which would also group ids written into URLs and form fields; figures
shown to people go through this filter instead."""

from decimal import Decimal

from django import template
from django.utils import numberformat
from django.utils.translation import get_language

register = template.Library()


@register.filter
def so(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, int) and -1000 < value < 1000:
        return str(value)  # nothing to group (a ranking draws a thousand scores)
    english = (get_language() or "vi").startswith("en")
    if isinstance(value, Decimal) and -1000 < value < 1000:
        return format(value, "f").replace(".", "." if english else ",")
    return numberformat.format(
        value,
        "." if english else ",",
        grouping=3,
        thousand_sep="," if english else ".",
        force_grouping=True,
    )
