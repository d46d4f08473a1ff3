from django.contrib import admin

from motcua.payments.models import BankAccount, GatewayCallback


@admin.register(BankAccount)
class BankAccountAdmin(admin.ModelAdmin):
    list_display = ["unit", "bank_name", "bank_bin", "account_number", "account_name"]
    search_fields = ["unit__name", "account_number"]
    autocomplete_fields = ["unit"]


@admin.register(GatewayCallback)
class GatewayCallbackAdmin(admin.ModelAdmin):
    """The callback log is read, never written, from the administration pages."""

    list_display = ["received_at", "gateway", "order_id", "transaction_id", "outcome"]
    list_filter = ["outcome", "gateway"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
