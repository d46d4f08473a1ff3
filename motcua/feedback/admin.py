from django.contrib import admin

from motcua.feedback.models import Pakn, PaknEvent


class EventInline(admin.TabularInline):
    model = PaknEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "seq",
        "at",
        "actor_label",
        "action",
        "from_status",
        "to_status",
        "unit",
        "deadline",
        "on_time",
        "note",
    ]
    exclude = ["actor"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False


@admin.register(Pakn)
class PaknAdmin(admin.ModelAdmin):
    """Read-only: every change goes through motcua.feedback.workflow (the officer pages)."""

    list_display = ["code", "title", "kind", "channel", "unit", "status", "due_at"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["code", "title"]
    inlines = [EventInline]

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False
