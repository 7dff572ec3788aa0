from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dealers.views import health
from policies import urls as policies_urls
from servicing import urls as servicing_urls

admin.site.site_header = _("Dealer insurance – head office administration")
admin.site.site_title = _("Dealer insurance admin")

urlpatterns = [
    # First: dealer systems call the API at volume, and Django tries patterns in order.
    path("api/", include("policies.api.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("documents.urls")),  # /documents/<pk>/download/, /policies/<pk>/resend/
    # The policy's pages and the pages after its sale (servicing), one namespace.
    path(
        "policies/",
        include((policies_urls.urlpatterns + servicing_urls.urlpatterns, policies_urls.app_name)),
    ),  # fmt: skip
    path("claims/", include("claims.urls")),
    path("complaints/", include("complaints.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("audit/", include("audit.urls")),
    path("my/", include("portal.urls")),  # the customers' own pages
    path("", include("dealers.urls")),
]

# No route serves MEDIA_ROOT, not even under DEBUG: policy documents and claim files are
# personal data, served only by the logged-in, dealer-scoped download views
# (documents:document-download, claims:claim-file).
