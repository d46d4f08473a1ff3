from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    verbose_name = "Báo cáo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from motcua.lib import lookups
        from motcua.reports import signals  # noqa: F401  (connects the rating receiver)

        lookups.register()  # `any_of`, for the reports' lists of units
