from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "motcua.demo"
    verbose_name = "Dữ liệu trình diễn"

    def ready(self) -> None:
        # The last of INSTALLED_APPS: Django has started (motcua/lib/startup.py).
        from motcua.lib.startup import resume_collector

        resume_collector()
