from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.accounts import login_throttle
from motcua.accounts.models import LoginLock, Membership, OrgUnit, PersonalDataAccess, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "electronic_id", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "electronic_id"]
    autocomplete_fields = ["parent", "predecessors"]
    list_select_related = ["parent"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "phone", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "phone"]
    inlines = [MembershipInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Thông tin cán bộ"), {"fields": ("full_name", "phone")}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "active"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__full_name", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """The audit trail is read, never written or edited, from the administration pages."""

    list_display = ["at", "user", "action", "subject", "records", "path"]
    list_filter = ["action", "at"]
    search_fields = ["user__username", "user__full_name", "subject"]
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    """Staff login locks (motcua/accounts/login_throttle.py): who was locked, until when, and
    who lifted the lock. Read-only but for the unlock action."""

    list_display = ["locked_at", "kind", "label", "failures", "until", "unlocked_at", "unlocked_by"]
    list_filter = ["kind"]
    search_fields = ["label"]
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Mở khóa đăng nhập"), permissions=["view"])
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginLock]) -> None:
        assert isinstance(request.user, User)
        for lock in queryset:
            login_throttle.unlock(lock, request.user)
        self.message_user(request, f"Đã mở khóa {queryset.count()} mục.", messages.SUCCESS)
