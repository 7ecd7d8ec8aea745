"""/api/v1/: the router of every app's endpoints, the OpenAPI schema, the docs, the token page.

A cycle app's endpoints are added by registering its viewset on `router` below."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import errors, views

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("partners", views.PartnerViewSet, basename="partner")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # The split view serves its script from a URL of its own (no inline script, CSP).
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("token/", views.token, name="token"),
    *router.urls,
    # Anything else under /api/v1/ answers with the API's error body, not an HTML page.
    re_path(r"^.*$", errors.not_found, name="not_found"),
]
