from django.contrib import admin

from motcua.surveys.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["dossier", "level", "channel", "at"]
    list_filter = ["level", "channel"]
    search_fields = ["dossier__code"]
    readonly_fields = ["dossier", "level", "comment", "channel", "at"]

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False
