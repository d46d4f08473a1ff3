from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "motcua.surveys"
    verbose_name = "Đánh giá mức độ hài lòng"
