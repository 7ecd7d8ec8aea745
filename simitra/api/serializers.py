"""The JSON of organisations, partnerships and partners. Writes go through the pages' forms
and services (see base.FormSerializer)."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from simitra.organisations import services as organisation_services
from simitra.organisations.forms import OrganisationForm
from simitra.organisations.models import Organisation
from simitra.partnerships import services as partnership_services
from simitra.partnerships.forms import PartnerForm, PartnershipForm
from simitra.partnerships.models import Partner, Partnership, Phase

from .base import (
    FormSerializer,
    RecordVersionField,
    RelatedCodesField,
    SlugField,
    VisiblePartnershipField,
)


class OrganisationSerializer(FormSerializer):
    form_class = OrganisationForm
    form_names = {"capabilities": "capability_names"}
    record_version = RecordVersionField()

    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    regions = RelatedCodesField(
        child=serializers.CharField(max_length=13),
        help_text="Kemendagri region codes, e.g. 53.02.",
    )
    sdg_goals = RelatedCodesField(
        child=serializers.IntegerField(min_value=1, max_value=17),
        help_text="SDG goal numbers, 1–17.",
    )
    capabilities = RelatedCodesField(
        child=serializers.CharField(max_length=80), attribute="name", help_text="Short tags."
    )
    website = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="https://…"
    )
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    effective_iati_type = serializers.CharField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "url",
            "slug",
            "name",
            "acronym",
            "sector",
            "iati_type",
            "effective_iati_type",
            "iati_identifier",
            "description",
            "expertise",
            "website",
            "email",
            "phone",
            "address",
            "regions",
            "sdg_goals",
            "capabilities",
            "created_at",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["slug", "created_at", "updated_at"]
        # The form checks uniqueness of the IATI identifier (with the page's message).
        extra_kwargs = {"iati_identifier": {"validators": []}}

    @transaction.atomic
    def save_form(self, form):
        if form.instance.pk is None:
            organisation = organisation_services.create_organisation(
                organisation=form.save(commit=False), created_by=self.context["request"].user
            )
        else:
            organisation = form.save()
        form.save_relations(organisation)
        return organisation


class PartnershipSerializer(FormSerializer):
    form_class = PartnershipForm
    record_version = RecordVersionField()

    url = serializers.HyperlinkedIdentityField(
        view_name="api:partnership-detail", lookup_field="code"
    )
    regions = RelatedCodesField(
        child=serializers.CharField(max_length=13), help_text="Kemendagri region codes."
    )
    sdg_targets = RelatedCodesField(
        child=serializers.CharField(max_length=8), help_text="SDG target codes, e.g. 2.2."
    )
    phase_label = serializers.SerializerMethodField()
    partner_count = serializers.SerializerMethodField(help_text="Confirmed partners.")
    lead_organisation = SlugField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="On create: one of your own organisations, which joins as the "
        "confirmed coordinating partner.",
    )

    class Meta:
        model = Partnership
        fields = [
            "url",
            "code",
            "title",
            "summary",
            "start_date",
            "end_date",
            "phase",
            "phase_label",
            "status",
            "visibility",
            "regions",
            "sdg_targets",
            "dac_sector",
            "currency",
            "separate_value_approval",
            "partner_count",
            "lead_organisation",
            "created_at",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["phase", "status", "created_at", "updated_at"]
        # The form checks the code's uniqueness (case-insensitive, with the page's message).
        extra_kwargs = {"code": {"validators": []}}

    @extend_schema_field(serializers.CharField())
    def get_phase_label(self, partnership) -> str:
        return str(Phase(partnership.phase).label)

    def get_partner_count(self, partnership) -> int:
        if hasattr(partnership, "partner_count"):  # annotated by the viewset's queryset
            return partnership.partner_count
        return partnership.partners.confirmed().count()

    def form_kwargs(self) -> dict:
        if self.instance is not None:
            return {}
        user = self.context["request"].user
        return {"lead_organisations": Organisation.objects.filter(pk__in=user.organisation_ids())}

    @transaction.atomic
    def save_form(self, form):
        if form.instance.pk is None:
            partnership = partnership_services.create_partnership(
                partnership=form.save(commit=False),
                created_by=self.context["request"].user,
                lead_organisation=form.cleaned_data.get("lead_organisation"),
            )
        else:
            partnership = form.save()
        form.save_relations(partnership)
        return partnership


class PartnerSerializer(FormSerializer):
    form_class = PartnerForm

    partnership = VisiblePartnershipField(help_text="The partnership's code.")
    organisation = SlugField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        help_text="The organisation's slug.",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    answered_by = serializers.CharField(
        source="answered_by.username",
        read_only=True,
        allow_null=True,
        help_text="Who answered the invitation for the organisation.",
    )

    class Meta:
        model = Partner
        fields = [
            "id",
            "partnership",
            "organisation",
            "organisation_name",
            "status",
            "iati_role",
            "local_role",
            "relationship",
            "joined_on",
            "left_on",
            "invited_at",
            "answered_at",
            "answered_by",
            "answer_reason",
        ]
        read_only_fields = ["invited_at", "answered_at", "answer_reason"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # Which partnership and which organisation are fixed once the partner exists.
            for name in ("partnership", "organisation"):
                fields[name].read_only = True
        return fields

    def form_kwargs(self) -> dict:
        if self.instance is not None:
            return {"partnership": self.instance.partnership}
        return {"partnership": self.initial_partnership}

    def validate(self, attrs):
        self.initial_partnership = attrs.get("partnership")
        return super().validate(attrs)

    @transaction.atomic
    def save_form(self, form):
        partner = form.save(commit=False)
        if partner.pk is None:
            partner.partnership = form.partnership
            return partnership_services.save_new_partner(
                partner=partner, added_by=self.context["request"].user
            )
        partner.save()
        return partner


class InviteSerializer(serializers.Serializer):
    addresses = serializers.ListField(
        child=serializers.EmailField(max_length=254),
        required=False,
        default=list,
        max_length=20,
        help_text="E-mail addresses of people without an account: each gets a link to join "
        "the organisation and answer.",
    )


class InvitationAnswerSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "decline"])
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required when declining; the coordinator reads it.",
    )

    def validate(self, attrs):
        if attrs["decision"] == "decline" and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": [_("Say why your organisation declines.")]}
            )
        return attrs


class AdvanceSerializer(serializers.Serializer):
    from_phase = serializers.ChoiceField(
        choices=Phase.choices,
        help_text="The phase you move the partnership from (its phase as you read it). When "
        "it has been moved meanwhile, the request is refused (409 `transition_refused`) "
        "instead of moving it a second step.",
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Needed only to move on past a failed gate; kept in the history.",
    )
