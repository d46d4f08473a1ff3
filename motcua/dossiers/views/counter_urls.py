"""Routes of the one-stop counter: intake, the printed forms and the register (Mẫu 07)."""

from django.urls import URLPattern, path, register_converter

from motcua.lib.lazy_views import LazyViews

counter = LazyViews("motcua.dossiers.views.counter")
printing_views = LazyViews("motcua.dossiers.views.printing_views")


class FormNumberConverter:
    """ "01"–"06" ↔ 1–6: forms of one dossier keep their legal two-digit number in the URL."""

    regex = "0[1-6]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


register_converter(FormNumberConverter, "mau")

urlpatterns: list[URLPattern] = [
    path("tiep-nhan/", counter.intake, name="counter"),
    path(
        "tiep-nhan/<int:unit_pk>/thu-tuc/<int:procedure_pk>/",
        counter.intake_form,
        name="counter_form",
    ),
    path("<int:pk>/mau-<mau:number>/", printing_views.form_html, name="form"),
    path("<int:pk>/mau-<mau:number>.pdf", printing_views.form_pdf, name="form_pdf"),
    path("tu-choi/<int:pk>/mau-03/", printing_views.refusal_html, name="refusal_form"),
    path("tu-choi/<int:pk>/mau-03.pdf", printing_views.refusal_pdf, name="refusal_form_pdf"),
    path("so-theo-doi/", printing_views.register, name="register"),
    path("so-theo-doi.xlsx", printing_views.register_xlsx, name="register_xlsx"),
    path("so-theo-doi.pdf", printing_views.register_pdf, name="register_pdf"),
]
