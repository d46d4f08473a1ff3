"""URLs of the one-stop desk and the back office, mounted at /ho-so/.

The counter (intake, attachments, printed forms) and the back office (inboxes, dossier page,
one URL per action) keep their routes in their own modules.
"""

from motcua.dossiers.views import counter_urls, office_urls

app_name = "dossiers"
urlpatterns = [*counter_urls.urlpatterns, *office_urls.urlpatterns]
