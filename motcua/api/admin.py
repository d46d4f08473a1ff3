from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from motcua.api.models import ApiKey, new_key


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """A new key is shown once, when created; only its hash is stored."""

    list_display = ["name", "prefix", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    fields = ["name", "active"]

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        key = None
        if not change:
            key = new_key()
            obj.set_key(key)
        super().save_model(request, obj, form, change)
        if key:
            messages.warning(
                request,
                f"Khóa API mới: {key} — hãy sao chép ngay, khóa sẽ không được hiển thị lại.",
            )
