"""Back-office routes: the inboxes, the dossier page and one URL per workflow action."""

from django.urls import URLPattern, path

from motcua.lib.lazy_views import LazyViews

office = LazyViews("motcua.dossiers.views.office")
office_actions = LazyViews("motcua.dossiers.views.office_actions")

# The URL of each action of office_actions.ACTIONS, by its name (the URL's name too): the last
# segment of its address. Kept here so that the URL configuration imports no workflow module.
ACTION_SLUGS = {
    "accept_online": "tiep-nhan-truc-tuyen",
    "refuse": "tu-choi",
    "request_supplement": "yeu-cau-bo-sung",
    "supplement_received": "da-bo-sung",
    "forward": "chuyen-xu-ly",
    "assign": "phan-cong",
    "hand_over": "chuyen-buoc",
    "pause_for_fees": "tam-dung-nghia-vu-tai-chinh",
    "resume": "tiep-tuc",
    "stop": "dung-xu-ly",
    "withdraw": "rut-ho-so",
    "reschedule": "gia-han",
    "approve": "phe-duyet",
    "issue_result": "phat-hanh",
    "return_result": "tra-ket-qua",
    "transfer": "lien-thong",
}

urlpatterns: list[URLPattern] = [
    path("hop-viec/", office.inbox, name="inbox"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/tep/<int:attachment_pk>/", office.attachment, name="attachment"),
    *(
        path(f"<int:pk>/{slug}/", office_actions.ActionView.as_view(action_name=name), name=name)
        for name, slug in ACTION_SLUGS.items()
    ),
]
