"""The staff menu: one table of pages, each with the roles that may use it.

The top bar and the staff home are built from this table, so a person sees exactly the pages
their roles open — never a link that ends on a "no permission" page. A new staff page (reform
plans, the PAR index, payments…) adds one line here. URL names are strings, so this low layer
lists pages of the apps above it without importing them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string

from motcua.accounts.access import roles_of
from motcua.accounts.models import Role, User

DESK = (Role.RECEIVER, Role.HANDLER, Role.HEAD, Role.SIGNER, Role.CLERK)
LEADERS = (Role.HEAD, Role.SIGNER, Role.SUPERVISOR, Role.ADMIN)
PAKN_DESK = (Role.RECEIVER, Role.HANDLER, Role.HEAD, Role.SIGNER, Role.SUPERVISOR, Role.ADMIN)
SURVEY_ORGANISERS = (Role.HEAD, Role.SUPERVISOR, Role.ADMIN)
EVERY_ROLE = tuple(Role)


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str
    section: str
    roles: tuple[str, ...]  # any one of them, in any unit, opens the page
    hint: str = ""
    site_admin: bool = False  # Django's administration: accounts marked as staff only
    # A page that only some holders of the roles use (e.g. the PAR index: units with an
    # assessment): the dotted path of a predicate `(user) -> bool`, imported when asked.
    only_if: str = ""


MENU: tuple[MenuEntry, ...] = (
    MenuEntry("dossiers:counter", "Tiếp nhận", "Một cửa", (Role.RECEIVER,),
              "Tiếp nhận hồ sơ tại quầy, in giấy tiếp nhận"),
    MenuEntry("dossiers:inbox", "Hộp việc", "Một cửa", DESK,
              "Hồ sơ chờ bạn tiếp nhận, phân công, xử lý, ký duyệt, phát hành, trả kết quả"),
    MenuEntry("dossiers:register", "Sổ theo dõi", "Một cửa",
              (Role.RECEIVER, Role.CLERK, *LEADERS),
              "Sổ theo dõi hồ sơ (Mẫu 07), xuất Excel, PDF"),
    MenuEntry("payments:home", "Thu phí", "Một cửa", (Role.RECEIVER, Role.SUPERVISOR, Role.ADMIN),
              "Phí, lệ phí: đối soát sao kê chuyển khoản, báo cáo phí đã thu"),
    MenuEntry("feedback:inbox", "Phản ánh, kiến nghị", "Một cửa", PAKN_DESK,
              "Phản ánh, kiến nghị gửi đến đơn vị và thời hạn trả lời"),
    MenuEntry("catalog:search", "Thủ tục", "Một cửa", EVERY_ROLE,
              "Danh mục thủ tục hành chính; tổ công nghệ số nộp hồ sơ giúp người dân từ đây"),
    MenuEntry("reports:home", "Báo cáo", "Theo dõi, đánh giá", LEADERS,
              "Số liệu tiếp nhận, giải quyết, hồ sơ quá hạn"),
    MenuEntry("reports:index766_home", "Chỉ số 766", "Theo dõi, đánh giá", LEADERS,
              "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ (Quyết định 766)"),
    MenuEntry("surveys:ratings", "Hài lòng", "Theo dõi, đánh giá", LEADERS,
              "Đánh giá mức độ hài lòng của người dân"),
    MenuEntry("surveys:campaigns", "Khảo sát", "Theo dõi, đánh giá", SURVEY_ORGANISERS,
              "Đợt khảo sát sự hài lòng (SIPAS)"),
    MenuEntry("reform:home", "Cải cách hành chính", "Cải cách hành chính", EVERY_ROLE,
              "Kế hoạch CCHC, báo cáo định kỳ, kiểm tra công vụ, đối thoại, sổ cán bộ"),
    MenuEntry("par:home", "Chỉ số CCHC", "Cải cách hành chính", EVERY_ROLE,
              "Chỉ số cải cách hành chính: tự đánh giá, thẩm định, xếp hạng",
              only_if="motcua.par.selectors.uses_par"),
    MenuEntry("dvcqg_status", "Đồng bộ DVCQG", "Quản trị", (Role.ADMIN, Role.SUPERVISOR),
              "Hàng đợi đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia, tiêu chí 766 1.4"),
    MenuEntry("admin:index", "Quản trị", "Quản trị", (),
              "Đơn vị, tài khoản, phân công, ngày nghỉ, danh mục thủ tục", site_admin=True),
)  # fmt: skip


@dataclass(frozen=True)
class MenuItem:
    url: str
    label: str
    section: str
    hint: str


def entry_allowed(entry: MenuEntry, user: User, roles: set[str]) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if entry.site_admin:
        return bool(user.is_staff)
    if not (user.is_superuser or roles & set(entry.roles)):
        return False
    return not entry.only_if or bool(import_string(entry.only_if)(user))


def menu_for_user(user: User) -> list[MenuItem]:
    """The entries `user` may open, in the table's order."""
    roles = roles_of(user) if user.is_authenticated else set()
    return [
        MenuItem(reverse(e.url_name), e.label, e.section, e.hint)
        for e in MENU
        if entry_allowed(e, user, roles)
    ]


def user_may_open(user: User, url_name: str) -> bool:
    """Whether an entry of the table gives `user` the page named `url_name`."""
    roles = roles_of(user) if user.is_authenticated else set()
    return any(e.url_name == url_name and entry_allowed(e, user, roles) for e in MENU)


def menu_sections(items: list[MenuItem]) -> list[tuple[str, list[MenuItem]]]:
    sections: dict[str, list[MenuItem]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())
