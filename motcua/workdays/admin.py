from django.contrib import admin

from motcua.workdays.models import CalendarOverride, OfficeHours


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = [
        "province",
        "valid_from",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
    ]
    list_filter = ["province"]
    autocomplete_fields = ["province"]
    readonly_fields = ["updated_at"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "province", "reason", "legal_reference"]
    list_filter = ["kind", "province"]
    search_fields = ["reason", "legal_reference"]
    date_hierarchy = "date"
    autocomplete_fields = ["province"]
    readonly_fields = ["updated_at"]
