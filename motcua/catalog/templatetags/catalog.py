from django import template

from motcua.catalog.models import Channel, TimeLimitUnit

register = template.Library()


@register.filter
def channel_labels(values: list[str]) -> list[str]:
    return [str(Channel(value).label) for value in values]


@register.filter
def time_limit(obj: object, which: str = "") -> str:
    """ "3 ngày làm việc", "Trong ngày"; `which="online"` reads the online limit."""
    prefix = "online_time_limit" if which == "online" else "time_limit"
    value, unit = getattr(obj, f"{prefix}_value"), getattr(obj, f"{prefix}_unit")
    if unit is None:
        return ""
    if unit == TimeLimitUnit.SAME_DAY:
        return "Trong ngày"
    return f"{value} {TimeLimitUnit(unit).label}"


@register.filter
def vnd(amount: int) -> str:
    """Vietnamese thousands separator: 1.250.000 đồng."""
    return f"{amount:,}".replace(",", ".") + " đồng"
