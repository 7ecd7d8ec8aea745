from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from simitra.partnerships import views as partnership_views

# The admin's own log-in form would skip the two-factor step: it sends to ours instead.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", partnership_views.home, name="home"),
    path("akun/", include("simitra.accounts.urls")),
    path("akun/", include("simitra.accounts.sso_urls")),
    path("organisasi/", include("simitra.organisations.urls")),
    path("kemitraan/", include("simitra.partnerships.urls")),
    # Cycle apps serve their own parts of the partnership page (under kemitraan/<code>/…).
    path("", include("simitra.scoping.urls")),
    path("", include("simitra.resources.urls")),
    path("", include("simitra.planning.urls")),
    path("", include("simitra.agreements.urls")),
    path("", include("simitra.governance.urls")),
    path("", include("simitra.results.urls")),
    path("", include("simitra.risks.urls")),
    path("", include("simitra.health.urls")),
    path("", include("simitra.early_warning.urls")),
    path("", include("simitra.evaluations.urls")),
    path("", include("simitra.portfolio.urls")),
    path("", include("simitra.knowledge.urls")),
    path("", include("simitra.notifications.urls")),
    path("", include("simitra.reports.urls")),
    path("", include("simitra.regional.urls")),
    path("", include("simitra.field.urls")),
    path("", include("simitra.interop.urls")),
    path("", include("simitra.webhooks.urls")),
    path("api/v1/", include("simitra.api.urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]
