from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.organisations.models import Organisation
from simitra.partnerships import services as partnership_services
from simitra.partnerships.models import Partner, Partnership

from . import filters, serializers
from .viewsets import PartnershipScopedViewSet, RulesViewSet


@extend_schema_view(
    list=extend_schema(summary="Organisations", tags=["organisations"]),
    retrieve=extend_schema(summary="One organisation", tags=["organisations"]),
    create=extend_schema(
        summary="Register an organisation (you become its admin)", tags=["organisations"]
    ),
    update=extend_schema(summary="Change an organisation (its admins)", tags=["organisations"]),
    partial_update=extend_schema(summary="Change some fields", tags=["organisations"]),
)
class OrganisationViewSet(RulesViewSet):
    """The directory of organisations, open to every signed-in user."""

    queryset = Organisation.objects.prefetch_related("regions", "sdg_goals", "capabilities")
    serializer_class = serializers.OrganisationSerializer
    lookup_field = "slug"
    view_perm = "organisations.view_organisation"
    add_perm = "organisations.add_organisation"
    change_perm = "organisations.change_organisation"
    filterset_class = filters.OrganisationFilter
    ordering_fields = ["name", "sector", "created_at", "updated_at"]
    ordering = ["name"]

    def add_perm_object(self, serializer):
        return None  # registering an organisation is not about any existing record


@extend_schema_view(
    list=extend_schema(summary="Partnerships you may see", tags=["partnerships"]),
    retrieve=extend_schema(summary="One partnership", tags=["partnerships"]),
    create=extend_schema(summary="Start a partnership (you coordinate it)", tags=["partnerships"]),
    update=extend_schema(summary="Change a partnership (its coordinators)", tags=["partnerships"]),
    partial_update=extend_schema(summary="Change some fields", tags=["partnerships"]),
)
class PartnershipViewSet(RulesViewSet):
    """Published partnerships and the private ones you take part in or observe."""

    serializer_class = serializers.PartnershipSerializer
    lookup_field = "code"
    view_perm = "partnerships.view_partnership"
    add_perm = "partnerships.add_partnership"
    change_perm = "partnerships.change_partnership"
    filterset_class = filters.PartnershipFilter
    ordering_fields = ["title", "code", "start_date", "end_date", "phase", "updated_at"]
    ordering = ["title"]

    def get_queryset(self):
        return (
            Partnership.objects.visible_to(self.request.user)
            .annotate(partner_count=Count("partners", filter=Q(partners__status="confirmed")))
            .prefetch_related("regions", "sdg_targets")
        )

    def add_perm_object(self, serializer):
        return None  # anyone signed in may start a partnership

    @extend_schema(
        summary="Move to the next phase (coordinators)",
        description="Runs the gate of the current phase. A failed gate is refused (409, "
        "`gate_refused`, the failed checks in `fields.gate`) unless `override_reason` is "
        "given, which is kept in the history. `from_phase` names the phase you move it from: "
        "when the partnership is no longer there (another request moved it first), the "
        "request is refused (409 `transition_refused`) and nothing changes.",
        request=serializers.AdvanceSerializer,
        responses=serializers.PartnershipSerializer,
        tags=["partnerships"],
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, code=None):
        partnership = self.get_object()
        self.require("partnerships.move_phase", partnership)
        serializer = serializers.AdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["override_reason"].strip()
        if reason:
            self.require("partnerships.override_gate", partnership)
        partnership_services.advance_phase(
            partnership=partnership,
            moved_by=request.user,
            override_reason=reason,
            expected_phase=serializer.validated_data["from_phase"],
        )
        fresh = self.get_queryset().get(pk=partnership.pk)
        return Response(self.get_serializer(fresh).data)


@extend_schema_view(
    list=extend_schema(summary="Partners of the partnerships you may see", tags=["partners"]),
    retrieve=extend_schema(summary="One partner", tags=["partners"]),
    create=extend_schema(summary="Add a partner (coordinators)", tags=["partners"]),
    update=extend_schema(summary="Change a partner (coordinators)", tags=["partners"]),
    partial_update=extend_schema(summary="Change some fields", tags=["partners"]),
)
class PartnerViewSet(PartnershipScopedViewSet):
    """An organisation's place in a partnership: its status and roles."""

    queryset = Partner.objects.select_related("partnership", "organisation")
    serializer_class = serializers.PartnerSerializer
    view_perm = "partnerships.view_partnership"
    add_perm = "partnerships.manage_partners"
    change_perm = "partnerships.manage_partners"
    filterset_class = filters.PartnerFilter
    ordering_fields = ["status", "iati_role", "joined_on"]
    ordering = ["partnership__code", "organisation__name"]

    def _answer(self, partner):
        return Response(self.get_serializer(self.get_queryset().get(pk=partner.pk)).data)

    @extend_schema(
        summary="Invite the organisation (coordinators); its members answer",
        request=serializers.InviteSerializer,
        responses=serializers.PartnerSerializer,
        tags=["partnerships"],
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        partner = self.get_object()
        self.require("partnerships.invite_partner", partner.partnership)
        body = serializers.InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        partnership_services.invite_partner(
            partner=partner, invited_by=request.user, addresses=body.validated_data["addresses"]
        )
        return self._answer(partner)

    @extend_schema(
        summary="Accept or decline the invitation (members of the invited organisation)",
        request=serializers.InvitationAnswerSerializer,
        responses=serializers.PartnerSerializer,
        tags=["partnerships"],
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        partner = self.get_object()
        self.require("partnerships.answer_invitation", partner)
        body = serializers.InvitationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        partnership_services.answer_invitation(
            partner=partner,
            accept=body.validated_data["decision"] == "accept",
            reason=body.validated_data["reason"],
            answered_by=request.user,
        )
        return self._answer(partner)


def token(request):
    """The old token page: tokens are managed on the profile page now."""
    return redirect(f"{reverse('accounts:profile')}#api-tokens", permanent=True)
