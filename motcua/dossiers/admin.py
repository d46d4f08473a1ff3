"""Read-only administration of dossiers: every change goes through the workflow functions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


EVENT_FIELDS = ("seq", "at", "actor_label", "action", "from_status", "to_status", "timing", "note")


class EventInline(ReadOnly, admin.TabularInline):
    model = DossierEvent
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    ordering = ["seq"]
    extra = 0


@admin.register(Dossier)
class DossierAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "status", "receiving_unit", "received_at", "due_at"]
    list_filter = ["status", "channel"]
    search_fields = ["code"]
    list_select_related = ["receiving_unit"]
    inlines = [EventInline]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["pk", "channel", "created_at", "sent_at", "attempts"]
    list_filter = ["channel"]
    # Recipient and body are personal data: not listed, not searchable.
    exclude = ["recipient", "body"]
