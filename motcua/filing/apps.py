from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "motcua.filing"
    verbose_name = "Nộp hồ sơ trực tuyến"
