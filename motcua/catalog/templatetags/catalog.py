from collections.abc import Iterable

from django import template
from django.utils.translation import gettext_lazy as _

from motcua.accounts.fields import group_units
from motcua.accounts.models import OrgUnit
from motcua.catalog.models import Channel, TimeLimitUnit

register = template.Library()


@register.filter
def channel_labels(values: list[str]) -> list[str]:
    return [str(Channel(value).label) for value in values]


# What each way of filing needs, for the public "Cách thức thực hiện".
CHANNEL_HOW = {
    Channel.COUNTER: _(
        "Nộp trực tiếp tại Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) trong giờ hành "
        "chính: mang theo giấy tờ trong thành phần hồ sơ và giấy tờ tùy thân để cán bộ đối chiếu."
    ),
    Channel.ONLINE: _(
        "Nộp trực tuyến trên Cổng dịch vụ công: xác thực số điện thoại hoặc thư điện tử bằng "
        "mã một lần, khai thông tin và tải lên bản chụp hoặc bản quét giấy tờ (PDF, JPEG, PNG)."
    ),
    Channel.POST: _(
        "Gửi hồ sơ qua dịch vụ bưu chính công ích đến Bộ phận Một cửa: gửi bản sao có chứng thực "
        "hoặc bản chính theo thành phần hồ sơ, ghi rõ số điện thoại để được liên hệ."
    ),
}


@register.filter
def channel_ways(values: list[str]) -> list[tuple[str, str]]:
    """(label, what this way needs) for each way of filing a procedure offers."""
    return [(str(Channel(value).label), str(CHANNEL_HOW[Channel(value)])) for value in values]


@register.filter
def units_grouped(units: Iterable[OrgUnit]) -> list[tuple[str, list[OrgUnit]]]:
    """Units grouped by kind (communes, centres, departments…), each sorted in Vietnamese
    alphabetical order."""
    return group_units(units)


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
