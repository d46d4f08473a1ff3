from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.catalog import services
from motcua.catalog.models import (
    Procedure,
    ProcedureCase,
    ProcedureDocument,
    ProcedureFee,
    ProcedureOffering,
    ProcedureVersion,
    ProcessStep,
    Sector,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "name", "status", "valid_from", "valid_to"]
    readonly_fields = ["number", "name", "status", "valid_from", "valid_to"]
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sector", "level"]
    list_filter = ["level", "sector"]
    search_fields = ["code", "name", "search_text"]
    inlines = [VersionInline]
    actions = ["new_draft"]

    @admin.action(description=_("Tạo phiên bản mới (dự thảo)"))
    def new_draft(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        for procedure in queryset:
            try:
                draft = services.version_new_draft(procedure=procedure)
            except ValidationError as refusal:
                self.message_user(request, f"{procedure}: {refusal.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"Đã tạo {draft}.", messages.SUCCESS)


class _DraftOnlyInline(admin.TabularInline):
    """Rows of a published or retired version are shown but cannot change."""

    extra = 0

    def _editable(self, obj: ProcedureVersion | None) -> bool:
        return obj is None or obj.is_editable

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class CaseInline(_DraftOnlyInline):
    model = ProcedureCase


class DocumentInline(_DraftOnlyInline):
    model = ProcedureDocument


class FeeInline(_DraftOnlyInline):
    model = ProcedureFee


class StepInline(_DraftOnlyInline):
    model = ProcessStep
    autocomplete_fields = ["unit"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "procedure", "number", "status", "valid_from", "valid_to"]
    list_filter = ["status", "procedure__sector"]
    search_fields = ["name", "procedure__code"]
    readonly_fields = ["status", "valid_from", "valid_to", "published_at", "published_by"]
    autocomplete_fields = ["procedure"]
    inlines = [CaseInline, DocumentInline, FeeInline, StepInline]
    actions = ["publish"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and not obj.is_editable:
            return [f.name for f in self.model._meta.fields]
        return list(self.readonly_fields)

    def save_model(
        self, request: HttpRequest, obj: ProcedureVersion, form: ModelForm, change: bool
    ) -> None:
        if change:
            # The published state is checked against the database, not the submitted form.
            services.ensure_editable(ProcedureVersion.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        obj.procedure.refresh_index()

    @admin.action(description=_("Công bố"))
    def publish(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        actor = request.user if request.user.is_authenticated else None
        for version in queryset:
            try:
                services.version_publish(version=version, actor=actor)  # type: ignore[arg-type]
            except ValidationError as refusal:
                text = " ".join(refusal.messages)
                self.message_user(request, f"{version}: {text}", messages.ERROR)
            else:
                self.message_user(request, f"Đã công bố {version}.", messages.SUCCESS)


@admin.register(ProcedureOffering)
class ProcedureOfferingAdmin(admin.ModelAdmin):
    list_display = ["procedure", "unit"]
    list_filter = ["unit__kind"]
    search_fields = ["procedure__code", "procedure__name", "unit__name", "unit__code"]
    autocomplete_fields = ["procedure", "unit"]
    list_select_related = ["procedure", "unit"]
