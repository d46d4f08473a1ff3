from django.apps import AppConfig


class ParConfig(AppConfig):
    name = "motcua.par"
    verbose_name = "Chỉ số cải cách hành chính"
    default_auto_field = "django.db.models.BigAutoField"
