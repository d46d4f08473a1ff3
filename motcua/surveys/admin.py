from django.contrib import admin

from motcua.surveys.models import Criterion, Element, Questionnaire, Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["dossier", "level", "channel", "at"]
    list_filter = ["level", "channel"]
    search_fields = ["dossier__code"]
    readonly_fields = ["dossier", "level", "comment", "channel", "at"]

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "order", "name"]
    list_filter = ["questionnaire"]
    inlines = [CriterionInline]


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    """Questionnaires are data: elements and their criteria are edited here."""

    inlines = [ElementInline]
