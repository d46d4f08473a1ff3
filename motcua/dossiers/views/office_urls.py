"""Back-office routes: the inboxes, the dossier page and one URL per workflow action."""

from django.urls import URLPattern, path

from motcua.dossiers.views import office
from motcua.dossiers.views.office_actions import ACTIONS, ActionView

urlpatterns: list[URLPattern] = [
    path("hop-viec/", office.inbox, name="inbox"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/tep/<int:attachment_pk>/", office.attachment, name="attachment"),
    *(
        path(f"<int:pk>/{action.slug}/", ActionView.as_view(action=action), name=action.name)
        for action in ACTIONS
    ),
]
