"""Read-mostly admin: changes go through the pages, which keep the history; the admin is for
looking things up and for correcting a typo in a name or a title."""

from django.contrib import admin

from motcua.reform.models import (
    Finding,
    Inspection,
    InspectionPlan,
    Meeting,
    Person,
    PlanTask,
    ReformPlan,
)


@admin.register(ReformPlan)
class ReformPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "decision_number"]
    list_filter = ["year"]
    search_fields = ["title", "unit__name"]


@admin.register(PlanTask)
class PlanTaskAdmin(admin.ModelAdmin):
    list_display = ["content", "plan", "area", "due_on", "status"]
    list_filter = ["area", "status"]
    readonly_fields = ["status", "reported_on", "done_on", "cancel_reason"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "home_unit"]
    search_fields = ["full_name"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["theme", "inspected_unit", "surprise", "held_on"]
    list_filter = ["surprise"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["description", "inspection", "severity", "due_on", "status"]
    readonly_fields = ["status", "reported_on", "done_on", "cancel_reason"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "held_on", "residents"]
