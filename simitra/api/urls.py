"""/api/v1/: the router of every app's endpoints, the OpenAPI schema, the docs, the token page.

A cycle app's endpoints are added by registering its viewset on `router` below."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import errors, views
from .cycle import (
    agreements,
    csr,
    health,
    knowledge,
    planning,
    regional,
    reports,
    resources,
    results,
    risks,
    scoping,
)
from .schema import SchemaView

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("contributions", resources.PledgeViewSet, basename="contribution")
router.register("deliveries", resources.DeliveryViewSet, basename="delivery")
router.register("activities", planning.ActivityViewSet, basename="activity")
router.register("agreements", agreements.AgreementViewSet, basename="agreement")
router.register("agreement-parties", agreements.AgreementPartyViewSet, basename="agreement-party")
router.register("results", results.ResultViewSet, basename="result")
router.register("indicators", results.IndicatorViewSet, basename="indicator")
router.register("indicator-periods", results.PeriodViewSet, basename="indicator-period")
router.register("indicator-values", results.ValueViewSet, basename="indicator-value")
router.register("risks", risks.RiskViewSet, basename="risk")
router.register("reports", reports.ReportViewSet, basename="report")
router.register("lessons", knowledge.LessonViewSet, basename="lesson")
router.register("practices", knowledge.PracticeViewSet, basename="practice")
router.register("needs", scoping.NeedViewSet, basename="need")
router.register("candidates", scoping.CandidateViewSet, basename="candidate")
router.register("candidate-assessments", scoping.AssessmentViewSet, basename="candidate-assessment")
router.register("health-rounds", health.HealthRoundViewSet, basename="health-round")
router.register("health-responses", health.HealthResponseViewSet, basename="health-response")
router.register("regional-plans", regional.PlanViewSet, basename="regional-plan")
router.register("regional-plan-items", regional.PlanItemViewSet, basename="regional-plan-item")
router.register("plan-alignments", regional.AlignmentViewSet, basename="plan-alignment")
router.register("csr-commitments", csr.CsrCommitmentViewSet, basename="csr-commitment")
router.register("csr-realisations", csr.CsrRealisationViewSet, basename="csr-realisation")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
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
    # Anything else under /api/v1/ answers with the API's error body, not an HTML page (a path
    # with a line break in it too: `.` alone would not match it).
    re_path(r"^[\s\S]*$", errors.not_found, name="not_found"),
]
