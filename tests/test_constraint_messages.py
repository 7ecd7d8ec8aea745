"""No error a user reads names a database constraint, a column or Django's default wording.

Every constraint of every Simitra model is in `CONSTRAINTS`, with how a user could break it:
`Through(form, …)` — input that breaks it through that form, and what the user is told;
`Repaired(form, …)` — input the form puts right before saving; `Beyond(form, why)` — the form
cannot set what the constraint is about (`form=None`: no ModelForm edits that model). A new
constraint, or a new form of a constrained model, fails `test_every_constraint_is_in_the_table`
or `test_every_form_of_a_constrained_model_is_in_the_table` until it has its entry.

Each `Through` case is submitted in both languages, to the form and, when the form backs an API
endpoint, to the API (which answers 400 with the form's message, or REST framework's own when
its field check answers first).
"""

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.forms import ModelForm as DjangoModelForm
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

import simitra
from simitra.agreements.forms import AgreementForm, SectionForm
from simitra.evaluations.forms import EvaluationForm, RevisionActionForm
from simitra.evaluations.models import ActionStatus, Evaluation, RevisionAction
from simitra.governance.forms import AttendanceForm, MeetingForm
from simitra.governance.models import Attendance, GovernanceBody, Meeting
from simitra.health.forms import RoundForm
from simitra.interop.forms import IatiProfileForm
from simitra.interop.models import IatiProfile
from simitra.lib.forms import ModelForm
from simitra.organisations.forms import OrganisationForm
from simitra.partnerships.forms import PartnerForm, PartnershipForm
from simitra.partnerships.testing import make_organisation, make_partnership
from simitra.planning.forms import ActivityForm
from simitra.reference.models import Region
from simitra.regional.forms import AlignmentForm, CsrCommitmentForm, CsrRealisationForm
from simitra.regional.models import CsrCommitment
from simitra.regional.tests.helpers import make_plan
from simitra.reports.builtin import load_builtin_templates
from simitra.reports.forms import ScheduleForm, TemplateForm
from simitra.reports.models import ReportTemplate, TemplateSection
from simitra.resources.forms import DeliveryForm, PledgeForm
from simitra.resources.testing import make_pledge
from simitra.results.forms import BeneficiaryGroupForm, ValueForm
from simitra.results.models import Dimension, DimensionCategory
from simitra.results.testing import make_indicator, make_value
from simitra.risks.forms import CategoryForm, LossForm, RiskForm
from simitra.risks.models import RiskCategory
from simitra.scoping.forms import (
    EvidenceForm,
    PersonRoleForm,
    RelationshipForm,
    SolutionOptionForm,
    StakeholderForm,
)
from simitra.webhooks.forms import SubscriptionForm


@dataclass(frozen=True)
class Submission:
    kwargs: dict
    data: dict
    files: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Through:
    """`submit(world)` breaks the constraint through `form`; the user reads `says % params`.
    `api(world)` → (method, path, JSON) sends the same input to the API."""

    form: type
    submit: Callable[[SimpleNamespace], Submission]
    says: str
    params: dict | None = None
    api: Callable[[SimpleNamespace], tuple[str, str, dict]] | None = None
    # When the API's own field check answers before the form does (REST framework's wording).
    api_says: str | None = None
    api_params: dict | None = None


@dataclass(frozen=True)
class Repaired:
    """`submit(world)` would break the constraint; the form puts it right before saving."""

    form: type
    submit: Callable[[SimpleNamespace], Submission]


@dataclass(frozen=True)
class Beyond:
    """The constraint is about what `form` does not set (or no ModelForm edits the model)."""

    form: type | None
    why: str


# Inputs ---------------------------------------------------------------------------------


def _partnership_form(world, **data):
    fields = {"title": "Kemitraan Uji", "code": world.partnership.code, "currency": "IDR"}
    return Submission({"instance": world.partnership}, {**fields, "visibility": "private", **data})


def _schedule_form(world, **data):
    load_builtin_templates(ReportTemplate, TemplateSection)
    fields = {
        "template": ReportTemplate.objects.get(key="triwulan").pk,
        "cadence": "quarter",
        "writer": world.partner_a.pk,
    }
    return Submission(
        {"user": world.coordinator, "partnership": world.partnership}, {**fields, **data}
    )


def _partner_form(world, **data):
    fields = {"status": "confirmed", "iati_role": "2", "relationship": ""}
    return Submission({"partnership": world.partnership}, {**fields, **data})


def _organisation_form(world, **data):
    return Submission({}, {"name": "Yayasan Baru", "sector": "ngo", **data})


def _activity_form(world, **data):
    fields = {"title": "Pelatihan kader", "responsible": world.partner_a.pk, "status": "planned"}
    return Submission(
        {"partnership": world.partnership},
        {**fields, "progress": 0, "position": 0, **data},
    )


def _pledge_fields(world):
    return {
        "partner": world.partner_a.pk,
        "category": "support",
        "description": "Dana pelatihan",
        "estimated_value": "1000000",
        "currency": "IDR",
        "exchange_rate": "1",
        "valuation_method": "cash",
    }


def _pledge_form(world, **data):
    partners = world.partnership.confirmed_partners()
    form_kwargs = {"partnership": world.partnership, "partners": partners}
    return Submission(form_kwargs, _pledge_fields(world) | data)


def _pledge_api(world, **data):
    payload = {"partnership": world.partnership.code, **_pledge_fields(world), **data}
    return "post", "/api/v1/contributions/", payload


def _alignment_form(world, **data):
    world.partnership.regions.add(Region.objects.get(code="53.02"))
    plan = make_plan("53.02")
    item = plan.items.get(code="1.02.02.2.02.0004")
    fields = {"item": item.pk, "year": 2026, "amount": "1000"}
    return Submission({"partnership": world.partnership, "plans": [plan]}, fields | data)


def _alignment_api(world, **data):
    submission = _alignment_form(world, **data)
    return (
        "post",
        "/api/v1/plan-alignments/",
        {"partnership": world.partnership.code, **submission.data},
    )


def _csr_commitment_form(world, **data):
    fields = {"organisation": world.org_a.pk, "region": "53.02", "year": 2026, "amount": "1000"}
    companies = type(world.org_a).objects.filter(pk=world.org_a.pk)
    return Submission({"user": world.partner_user, "companies": companies}, fields | data)


def _csr_realisation_form(world, **data):
    commitment = CsrCommitment.objects.create(
        organisation=world.org_a, region=Region.objects.get(code="53.02"), year=2026, amount=1
    )
    fields = {"amount": "10", "programme": "Air bersih", "reported_on": "2027-01-10"}
    return Submission({"commitment": commitment}, fields | data)


def _delivery_fields(world):
    pledge = make_pledge(world.partner_a, value=5_000_000)
    return pledge, {"delivered_on": "2025-03-01", "evidence_url": "https://bukti.example/a.pdf"}


def _delivery_form(world, **data):
    pledge, fields = _delivery_fields(world)
    return Submission({"pledge": pledge}, fields | data)


def _delivery_api(world, **data):
    pledge, fields = _delivery_fields(world)
    return "post", "/api/v1/deliveries/", {"pledge": pledge.pk, **fields, **data}


def _evidence_form(world, **data):
    return Submission({"partnership": world.partnership}, {"title": "Survei 2024", **data})


def _solution_form(world, **data):
    return Submission({"partnership": world.partnership}, {"title": "Dapur sehat", **data})


def _relationship_form(world, **data):
    fields = {"person": world.partner_user.username, "organisation": world.org_b.slug}
    return Submission({"partnership": world.partnership}, {**fields, "kind": "family", **data})


def _stakeholder_form(world, **data):
    fields = {"interest": 3, "influence": 3, "approach": "Dilibatkan sejak awal"}
    return Submission({"partnership": world.partnership}, {**fields, **data})


def _risk_fields(world):
    RiskCategory.ensure_builtins()
    return {
        "category": RiskCategory.objects.get(code="reputation").pk,
        "title": "Mitra mundur",
        "likelihood": 3,
        "impact": 3,
        "owner": world.partner_a.pk,
        "status": "open",
    }


def _risk_form(world, **data):
    return Submission({"partnership": world.partnership}, _risk_fields(world) | data)


def _risk_api(world, **data):
    payload = {"partnership": world.partnership.code, **_risk_fields(world), **data}
    return "post", "/api/v1/risks/", payload


def _loss_form(world, **data):
    return Submission({}, {"occurred_on": "2025-02-01", "description": "Banjir", **data})


def _meeting_form(world, **data):
    body = GovernanceBody.objects.create(
        partnership=world.partnership, name="Komite", kind="steering"
    )
    fields = {"title": "Rapat komite", "body": body.pk, "starts_at": "2025-05-01T09:00"}
    return Submission({"partnership": world.partnership}, {**fields, **data})


def _attendance_twice(world):
    meeting = Meeting.objects.create(
        partnership=world.partnership,
        title="Rapat",
        starts_at=timezone.now(),
        place="Kupang",
    )
    Attendance.objects.create(meeting=meeting, person="Ibu Maria", partner=world.partner_a)
    partners = world.partnership.confirmed_partners()
    data = {"person": "Ibu Maria", "partner": world.partner_a.pk, "status": "present"}
    return Submission({"meeting": meeting, "partners": partners}, data)


def _value_twice(world, *, with_category):
    indicator = make_indicator(world.partnership, world.partner_a)
    period = indicator.periods.order_by("start").first()
    category = None
    if with_category:
        dimension = Dimension.objects.create(partnership=world.partnership, name="Jenis kelamin")
        category = DimensionCategory.objects.create(dimension=dimension, name="Perempuan")
        DimensionCategory.objects.create(dimension=dimension, name="Laki-laki")
        indicator.dimensions.add(dimension)
    make_value(period, category=category)
    data = {"period": period.pk, "value": "7", **({"category": category.pk} if category else {})}
    return indicator, data


def _value_form(world, *, with_category=False):
    indicator, data = _value_twice(world, with_category=with_category)
    return Submission({"indicator": indicator}, data)


def _value_api(world, *, with_category=False):
    _indicator, data = _value_twice(world, with_category=with_category)
    return "post", "/api/v1/indicator-values/", data


def _revision_done_without_date(world):
    evaluation = Evaluation.objects.create(partnership=world.partnership, title="Evaluasi")
    data = {
        "recommendation": "Perbaiki jadwal",
        "owner": world.partner_a.pk,
        "due_date": "2025-09-30",
        "status": ActionStatus.DONE,
        "done_on": "",
    }
    instance = RevisionAction(evaluation=evaluation)
    return Submission({"partnership": world.partnership, "instance": instance}, data)


def _iati_profile_taken(world):
    IatiProfile.objects.create(partnership=make_partnership(), iati_identifier="ID-KMN-1-X")
    profile = IatiProfile(partnership=world.partnership)
    return Submission({"instance": profile}, {"iati_identifier": "ID-KMN-1-X"})


def _organisation_taken(world):
    make_organisation(iati_identifier="ID-INN-1")
    return _organisation_form(world, iati_identifier="ID-INN-1")


def _organisation_taken_api(world):
    make_organisation(iati_identifier="ID-INN-1")
    payload = {"name": "Yayasan Baru", "sector": "ngo", "iati_identifier": "ID-INN-1"}
    return "post", "/api/v1/organisations/", payload


# Django's own messages, as the user reads them.
AT_MOST = "Ensure this value is less than or equal to %(limit_value)s."
AT_LEAST = "Ensure this value is greater than or equal to %(limit_value)s."
REQUIRED = "This field is required."
NOT_A_CHOICE = "Select a valid choice. %(value)s is not one of the available choices."
API_AT_MOST = "Ensure this value is less than or equal to {max_value}."
API_AT_LEAST = "Ensure this value is greater than or equal to {min_value}."


# The table ------------------------------------------------------------------------------

CONSTRAINTS: dict[str, list[Through | Repaired | Beyond]] = {
    "accounts.Membership.unique_membership": [
        Beyond(None, "members are added by organisations.services.add_member, which refuses one"),
    ],
    "reference.CodelistItem.unique_codelist_code": [
        Beyond(None, "code lists are loaded from IATI files by load_reference"),
    ],
    "organisations.Organisation.unique_iati_identifier": [
        Through(
            OrganisationForm,
            _organisation_taken,
            says="Another organisation already uses this IATI identifier.",
            api=_organisation_taken_api,
        ),
    ],
    "partnerships.Partnership.partnership_dates_in_order": [
        Through(
            PartnershipForm,
            lambda w: _partnership_form(w, start_date="2026-01-01", end_date="2025-01-01"),
            says="The end date cannot be before the start date.",
            api=lambda w: (
                "patch",
                f"/api/v1/partnerships/{w.partnership.code}/",
                {"start_date": "2026-01-01", "end_date": "2025-01-01"},
            ),
        ),
    ],
    "partnerships.Partnership.partnership_phase_in_cycle": [
        Beyond(PartnershipForm, "the phase moves only through partnerships.services"),
    ],
    "partnerships.Partner.unique_partner": [
        Through(
            PartnerForm,
            lambda w: _partner_form(w, organisation=w.org_a.slug),
            says="This organisation is already in the partnership.",
            api=lambda w: (
                "post",
                "/api/v1/partners/",
                {"partnership": w.partnership.code, "organisation": w.org_a.slug},
            ),
        ),
    ],
    "partnerships.Partner.partner_dates_in_order": [
        Through(
            PartnerForm,
            lambda w: _partner_form(
                w, organisation=w.outside_org.slug, joined_on="2025-06-01", left_on="2025-01-01"
            ),
            says="The leaving date cannot be before the joining date.",
            api=lambda w: (
                "patch",
                f"/api/v1/partners/{w.partner_a.pk}/",
                {"joined_on": "2025-06-01", "left_on": "2025-01-01"},
            ),
        ),
    ],
    "partnerships.ObserverGrant.observer_grant_one_scope": [
        Beyond(None, "observers are granted in the admin only"),
    ],
    "partnerships.PhaseTransition.override_needs_reason": [
        Beyond(None, "transitions are written by services.advance, which asks for the reason"),
    ],
    "partnerships.PhaseTransition.one_transition_per_step": [
        Beyond(None, "numbered on save, behind the partnership's row lock; no form sets it"),
    ],
    "governance.Meeting.meeting_ends_after_start": [
        Through(
            MeetingForm,
            lambda w: _meeting_form(
                w, place="Kupang", starts_at="2025-05-01T09:00", ends_at="2025-05-01T08:00"
            ),
            says="A meeting cannot end before it starts.",
        ),
    ],
    "governance.Meeting.meeting_has_place_or_link": [
        Through(
            MeetingForm,
            lambda w: _meeting_form(w, place="", online_link=""),
            says="Give a place, an online link, or both.",
        ),
    ],
    "governance.Attendance.unique_attendance_per_person": [
        Through(
            AttendanceForm, _attendance_twice, says="This person's attendance is already recorded."
        ),
    ],
    "partnerships.PersonRole.person_role_dates_in_order": [
        Beyond(
            PersonRoleForm, "a role ends through scoping.services.end_person_role, which checks"
        ),
    ],
    "scoping.Evidence.evidence_has_link_or_file": [
        Through(
            EvidenceForm,
            lambda w: _evidence_form(w, url="", file=""),
            says="Give a link to the source or upload its file.",
        ),
    ],
    "scoping.SolutionOption.chosen_option_has_reason": [
        Through(
            SolutionOptionForm,
            lambda w: _solution_form(w, chosen="on", choice_reason="  "),
            says="Say why this option is chosen.",
        ),
    ],
    "scoping.Candidacy.candidate_decision_has_reason": [
        Beyond(None, "decided by services.decide_candidate, which asks for the reason"),
    ],
    "scoping.Assessment.one_assessment_each": [
        Beyond(None, "written by services.declare_conflict, which refuses a second declaration"),
    ],
    "scoping.Assessment.declared_conflict_is_described": [
        Beyond(None, "written by services.declare_conflict, which asks for the description"),
    ],
    "scoping.Score.one_score_each": [Beyond(None, "written by services.save_scores")],
    "scoping.Score.score_from_1_to_5": [
        Beyond(None, "services.save_scores refuses a score outside 1–5"),
    ],
    "scoping.Score.score_has_evidence": [
        Beyond(None, "services.save_scores refuses a score without evidence"),
    ],
    "scoping.Relationship.relationship_dates_in_order": [
        Through(
            RelationshipForm,
            lambda w: _relationship_form(w, started_on="2025-06-01", ended_on="2025-01-01"),
            says="The end cannot come before the start.",
        ),
    ],
    "scoping.Relationship.other_relationship_is_described": [
        Through(
            RelationshipForm,
            lambda w: _relationship_form(w, kind="other", description=""),
            says="Describe the tie.",
        ),
    ],
    "scoping.Stakeholder.stakeholder_is_organisation_or_group": [
        Through(
            StakeholderForm,
            lambda w: _stakeholder_form(w, organisation=w.org_a.slug, group_name="Nelayan"),
            says="Choose an organisation or name a group, not both.",
        ),
        Through(
            StakeholderForm,
            lambda w: _stakeholder_form(w, organisation="", group_name=""),
            says="Choose an organisation or name a group.",
        ),
    ],
    "scoping.Stakeholder.stakeholder_levels_from_1_to_5": [
        Through(
            StakeholderForm,
            lambda w: _stakeholder_form(w, group_name="Nelayan", interest=6),
            says=AT_MOST,
            params={"limit_value": 5},
        ),
    ],
    "resources.Pledge.pledge_value_not_negative": [
        Through(
            PledgeForm,
            lambda w: _pledge_form(w, estimated_value="-5"),
            says="Give the estimated value, or choose “not valued in money” as the method.",
            api=lambda w: _pledge_api(w, estimated_value="-5"),
            api_says=API_AT_LEAST,
            api_params={"min_value": 0},
        ),
    ],
    "resources.Pledge.pledge_rate_positive": [
        Through(
            PledgeForm,
            lambda w: _pledge_form(w, currency="USD", exchange_rate="0"),
            says=AT_LEAST,
            params={"limit_value": Decimal("0.0001")},
            api=lambda w: _pledge_api(w, currency="USD", exchange_rate="0"),
            api_says=API_AT_LEAST,
            api_params={"min_value": Decimal("0.0001")},
        ),
    ],
    "regional.Plan.regional_plan_unique_period": [
        Beyond(None, "plans are made by importing.import_plan; its form refuses a second one"),
    ],
    "regional.Plan.regional_plan_years_in_order": [
        Beyond(None, "plans are made by importing.import_plan; its form checks the years"),
    ],
    "regional.PlanItem.regional_item_unique_code": [
        Beyond(None, "items come from the import, which refuses a duplicate by row and column"),
    ],
    "regional.PlanIndicator.regional_indicator_unique_code": [
        Beyond(None, "indicators come from the import, which refuses a duplicate"),
    ],
    "regional.PlanTarget.regional_target_unique_year": [
        Beyond(None, "targets come from the import: one column per year"),
    ],
    "regional.Alignment.regional_alignment_amount_not_negative": [
        Through(
            AlignmentForm,
            lambda w: _alignment_form(w, amount="-1"),
            says=AT_LEAST,
            params={"limit_value": Decimal("0")},
            api=lambda w: _alignment_api(w, amount="-1"),
            api_says=API_AT_LEAST,
            api_params={"min_value": Decimal("0")},
        ),
    ],
    "regional.CsrCommitment.regional_csr_amount_not_negative": [
        Through(
            CsrCommitmentForm,
            lambda w: _csr_commitment_form(w, amount="-1"),
            says=AT_LEAST,
            params={"limit_value": Decimal("0")},
        ),
    ],
    "regional.CsrRealisation.regional_realisation_amount_not_negative": [
        Through(
            CsrRealisationForm,
            lambda w: _csr_realisation_form(w, amount="-1"),
            says=AT_LEAST,
            params={"limit_value": Decimal("0")},
        ),
    ],
    "resources.Pledge.pledge_cancel_needs_reason": [
        Beyond(PledgeForm, "cancelled by services.cancel_pledge, which asks for the reason"),
    ],
    "resources.Pledge.pledge_category_known": [
        Through(
            PledgeForm,
            lambda w: _pledge_form(w, category="gift"),
            says=NOT_A_CHOICE,
            params={"value": "gift"},
        ),
    ],
    "resources.Delivery.delivery_amount_not_negative": [
        Through(
            DeliveryForm,
            lambda w: _delivery_form(w, amount="-1"),
            says=AT_LEAST,
            params={"limit_value": 0},
            api=lambda w: _delivery_api(w, amount="-1"),
            api_says=API_AT_LEAST,
            api_params={"min_value": 0},
        ),
    ],
    "planning.Activity.activity_progress_percent": [
        Through(
            ActivityForm,
            lambda w: _activity_form(w, progress=101),
            says=AT_MOST,
            params={"limit_value": 100},
        ),
    ],
    "planning.Activity.activity_dates_in_order": [
        Through(
            ActivityForm,
            lambda w: _activity_form(w, start_date="2025-06-01", end_date="2025-01-01"),
            says="The end date cannot be before the start date.",
        ),
    ],
    "planning.Activity.activity_budget_not_negative": [
        Through(
            ActivityForm,
            lambda w: _activity_form(w, budget="-1"),
            says=AT_LEAST,
            params={"limit_value": 0},
        ),
    ],
    "planning.PlanVersion.unique_plan_version_number": [
        Beyond(None, "versions are numbered by planning.services"),
    ],
    "agreements.Agreement.agreement_termination_needs_reason": [
        Beyond(AgreementForm, "terminated by services.terminate, which asks for the reason"),
    ],
    "agreements.Agreement.agreement_version_positive": [
        Beyond(AgreementForm, "versions are numbered by agreements.services"),
    ],
    "agreements.AgreementSection.unique_agreement_section": [
        Beyond(SectionForm, "sections are created with their agreement by agreements.services"),
    ],
    "agreements.AgreementParty.unique_agreement_party": [
        Beyond(None, "parties are set by agreements.services from the chosen partners"),
    ],
    "agreements.AgreementParty.signature_names_signatory": [
        Beyond(None, "signed by services.sign, which asks for the name and title"),
    ],
    "agreements.AgreementParty.signature_follows_approval": [
        Beyond(None, "services.sign_for_party signs only once every party has approved"),
    ],
    "results.Dimension.unique_dimension_name": [
        Beyond(None, "DimensionForm (a plain form) refuses a name the partnership has"),
    ],
    "results.DimensionCategory.unique_category_name": [
        Beyond(None, "DimensionForm (a plain form) drops repeated category names"),
    ],
    "results.FrameworkProposal.unique_framework_version": [
        Beyond(None, "proposals are numbered by results.services"),
    ],
    "results.FrameworkProposal.one_live_framework_proposal": [
        Beyond(None, "results.services supersedes the live proposal before proposing"),
    ],
    "results.FrameworkApproval.unique_framework_approval": [
        Beyond(None, "approvals are recorded by results.services, once per partner"),
    ],
    "results.BeneficiaryGroup.beneficiary_counts_not_negative": [
        Through(
            BeneficiaryGroupForm,
            lambda w: Submission(
                {"categories": []}, {"name": "Balita", "planned": "-1", "reached": "0"}
            ),
            says=AT_LEAST,
            params={"limit_value": 0},
        ),
    ],
    "results.BeneficiaryCount.unique_beneficiary_count": [
        Beyond(None, "counts are saved by results.services, one per category"),
    ],
    "results.BeneficiaryCount.beneficiary_category_counts_not_negative": [
        Beyond(None, "BeneficiaryGroupForm's count fields refuse a negative number"),
    ],
    "results.Period.period_dates_in_order": [Beyond(None, "periods are laid out by services")],
    "results.Period.unique_period_start": [Beyond(None, "periods are laid out by services")],
    "results.IndicatorValue.one_total_value_per_period": [
        Through(
            ValueForm,
            _value_form,
            says="This period already has a value for this category; edit that one.",
            api=_value_api,
        ),
    ],
    "results.IndicatorValue.one_value_per_period_category": [
        Through(
            ValueForm,
            lambda w: _value_form(w, with_category=True),
            says="This period already has a value for this category; edit that one.",
            api=lambda w: _value_api(w, with_category=True),
        ),
    ],
    "results.IndicatorValue.returned_value_has_reason": [
        Beyond(ValueForm, "returned by services.return_value, which asks for the reason"),
    ],
    "risks.RiskCategory.unique_builtin_risk_category": [
        Beyond(CategoryForm, "built-in categories come from RiskCategory.ensure_builtins"),
    ],
    "risks.RiskCategory.risk_category_builtin_or_custom": [
        Through(
            CategoryForm,
            lambda w: Submission({"partnership": w.partnership}, {"name": " "}),
            says=REQUIRED,
        ),
    ],
    "risks.Risk.risk_likelihood_1_to_5": [
        Through(
            RiskForm,
            lambda w: _risk_form(w, likelihood=6),
            says=AT_MOST,
            params={"limit_value": 5},
            api=lambda w: _risk_api(w, likelihood=6),
            api_says=API_AT_MOST,
            api_params={"max_value": 5},
        ),
    ],
    "risks.Risk.risk_impact_1_to_5": [
        Through(
            RiskForm,
            lambda w: _risk_form(w, impact=0),
            says=AT_LEAST,
            params={"limit_value": 1},
            api=lambda w: _risk_api(w, impact=0),
            api_says=API_AT_LEAST,
            api_params={"min_value": 1},
        ),
    ],
    "risks.RiskShare.unique_risk_share": [Beyond(None, "shares are set by risks.services")],
    "risks.RiskShare.risk_share_between_0_and_100": [
        Beyond(None, "SharesForm refuses a share outside 0–100; a share of 0 is not kept"),
    ],
    "risks.LossEvent.loss_value_not_negative": [
        Through(
            LossForm,
            lambda w: _loss_form(w, material_value="-1"),
            says=AT_LEAST,
            params={"limit_value": 0},
        ),
    ],
    "risks.LossShare.unique_loss_share": [Beyond(None, "shares are set by risks.services")],
    "risks.LossShare.loss_share_between_0_and_100": [
        Beyond(None, "SharesForm refuses a share outside 0–100; a share of 0 is not kept"),
    ],
    "evaluations.Evaluation.evaluation_completed_has_date": [
        Beyond(EvaluationForm, "completed by services.complete_evaluation, which dates it"),
    ],
    "evaluations.Evaluation.evaluation_completed_has_narrative_and_findings": [
        Beyond(EvaluationForm, "services.complete_evaluation asks for the narrative and findings"),
    ],
    "evaluations.RevisionAction.revision_action_done_has_date": [
        Repaired(RevisionActionForm, _revision_done_without_date),
    ],
    "health.HealthCheckRound.one_open_health_round_per_partnership": [
        Beyond(RoundForm, "services.open_round refuses a second open round"),
    ],
    "health.HealthCheckRound.health_round_completed_only_when_closed": [
        Beyond(RoundForm, "a round is completed by services.close_round"),
    ],
    "health.HealthQuestion.one_builtin_dimension_per_round": [
        Beyond(None, "built-in questions are added by services.open_round"),
    ],
    "health.HealthQuestion.health_question_has_text": [
        Beyond(None, "QuestionForm (a plain form) asks for the text"),
    ],
    "health.HealthResponse.one_response_per_person": [
        Beyond(None, "services.submit_answers updates the person's response"),
    ],
    "health.HealthAnswer.one_answer_per_question": [
        Beyond(None, "services.submit_answers keeps one answer per question"),
    ],
    "health.HealthAnswer.health_score_from_1_to_5": [
        Beyond(None, "AnswerForm offers 1–5; services.submit_answers refuses others"),
    ],
    "early_warning.Alert.one_open_alert_per_signal": [
        Beyond(None, "alerts are raised by the early-warning job"),
    ],
    "interop.IatiProfile.unique_iati_activity_identifier": [
        Through(
            IatiProfileForm,
            _iati_profile_taken,
            says="This identifier cannot be used; choose another.",
        ),
    ],
    "notifications.Preference.one_preference_per_kind": [
        Beyond(
            None, "preferences are saved by notifications.services, one update_or_create a kind"
        ),
    ],
    "notifications.Reminder.one_reminder_per_step": [
        Beyond(None, "reminders are written by the nightly ladder only (notifications.ladder)"),
    ],
    "notifications.Digest.one_digest_per_user_and_day": [
        Beyond(None, "digests are written by the nightly job only (notifications.services)"),
    ],
    "reports.ReportTemplate.unique_builtin_report_template": [
        Beyond(TemplateForm, "the key of a built-in template is set by its data migration only"),
    ],
    "reports.Report.report_period_in_order": [
        Beyond(None, "reports.forms.ReportForm (no ModelForm) checks the dates in words"),
    ],
    "reports.Report.final_report_has_snapshot": [
        Beyond(None, "only reports.services.finalise_report makes a report final"),
    ],
    "reports.ReportSection.returned_section_has_reason": [
        Beyond(None, "reports.services.review_narrative refuses a return without a reason"),
    ],
    "reports.NarrativeVersion.unique_narrative_version": [
        Beyond(None, "versions are numbered by reports.services.save_narrative under a row lock"),
    ],
    "field.Submission.field_submission_key_per_user": [
        Beyond(
            None,
            "field.services.submit_once inserts the key first and answers a repeat with "
            "the first answer",
        ),
    ],
    "reports.Report.one_report_per_schedule_period": [
        Beyond(None, "drafts of a schedule are made by the nightly job only (reports.schedules)"),
    ],
    "reports.RenderJob.one_render_job_at_a_time": [
        Beyond(
            None,
            "reports.rendering.start_render inserts the job and refuses a second with the "
            "constraint's message",
        ),
    ],
    "reports.ReportSchedule.schedule_reminder_before_due": [
        Through(
            ScheduleForm,
            lambda w: _schedule_form(w, due_days=5, remind_days=9),
            says="The reminder must come on or after the period's end, before the due date.",
        ),
    ],
    "webhooks.Subscription.webhook_subscription_status_known": [
        Beyond(SubscriptionForm, "the status moves only through webhooks.services (pause, resume)"),
    ],
}


# The walk -------------------------------------------------------------------------------

LANGUAGES = ["id", "en"]
DEFAULT_WORDING = re.compile(r"constraint|batasan|violated|dilanggar", re.IGNORECASE)
COLUMN_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|_id\b")


def _constraints():
    """{"app.Model.name": constraint} for every constraint of every Simitra model."""
    return {
        f"{model._meta.label}.{constraint.name}": constraint
        for model in apps.get_models()
        if model.__module__.startswith("simitra.")
        for constraint in model._meta.constraints
    }


def _model_forms():
    """Every ModelForm class of the project that names a model (every forms module loaded)."""
    for module in pkgutil.walk_packages(simitra.__path__, "simitra."):
        if module.name.rsplit(".", 1)[-1].endswith("forms") and ".tests" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {
        form
        for form in subclasses(DjangoModelForm)
        if form.__module__.startswith("simitra.")
        and ".tests" not in form.__module__
        and form._meta.model is not None
    }


def _entries(kind):
    return [
        pytest.param(label, entry, id=f"{label}-{n}")
        for label, entries in CONSTRAINTS.items()
        for n, entry in enumerate(entries)
        if isinstance(entry, kind)
    ]


def _referenced_fields(constraint) -> set[str]:
    fields = set(getattr(constraint, "fields", ()) or ())
    condition = getattr(constraint, "condition", None)
    if condition is not None:
        fields |= condition.referenced_base_fields
    return fields


def leaks(text: str) -> list[str]:
    """What in a message a user must never read: a constraint's name, a column-like name,
    Django's default constraint wording."""
    found = [name.rsplit(".", 1)[1] for name in _constraints() if name.rsplit(".", 1)[1] in text]
    found += DEFAULT_WORDING.findall(text) + COLUMN_LIKE.findall(text)
    return found


def _messages(form) -> list[str]:
    return [str(message) for messages in form.errors.values() for message in messages]


def _expected(entry: Through) -> str:
    text = gettext(entry.says)
    return text % entry.params if entry.params else text


def _expected_from_api(entry: Through) -> str:
    if entry.api_says is None:
        return _expected(entry)
    return gettext(entry.api_says).format(**(entry.api_params or {}))


def test_every_constraint_is_in_the_table():
    constraints = set(_constraints())
    assert constraints - set(CONSTRAINTS) == set(), "add these constraints to CONSTRAINTS"
    assert set(CONSTRAINTS) - constraints == set(), "these constraints no longer exist"


def test_every_form_of_a_constrained_model_is_in_the_table():
    missing = []
    for form in _model_forms():
        model = form._meta.model
        for constraint in model._meta.constraints:
            label = f"{model._meta.label}.{constraint.name}"
            if not any(e.form is form for e in CONSTRAINTS.get(label, [])):
                missing.append((form.__name__, label))
    assert not missing, "say how each form can break each constraint of its model"


@pytest.mark.parametrize(("label", "entry"), _entries(Beyond))
def test_a_form_beyond_a_constraint_cannot_set_what_it_is_about(label, entry):
    constraint = _constraints()[label]
    model = apps.get_model(label.rsplit(".", 1)[0])
    if entry.form is None:
        assert not [f for f in _model_forms() if f._meta.model is model], (
            f"a ModelForm edits {model.__name__}: give it a Through entry"
        )
    else:
        assert _referenced_fields(constraint) - set(entry.form.base_fields), (
            f"{entry.form.__name__} sets every field of {label}: give it a Through entry"
        )


def test_every_model_form_is_guarded():
    unguarded = [f.__name__ for f in _model_forms() if not issubclass(f, ModelForm)]
    assert not unguarded, "derive these from simitra.lib.forms.ModelForm"


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "entry"), _entries(Through))
def test_the_form_says_what_is_wrong_in_words(label, entry, world):
    submission = entry.submit(world)
    for lang in LANGUAGES:
        with translation.override(lang):
            form = entry.form(data=submission.data, files=submission.files, **submission.kwargs)
            assert not form.is_valid(), f"{label} reached the database"
            messages = _messages(form)
            assert _expected(entry) in messages, messages
            if lang == "id":
                assert gettext(entry.says) != entry.says, f"not translated: {entry.says}"
            assert not [leak for message in messages for leak in leaks(message)], messages


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "entry"), _entries(Repaired))
def test_the_form_puts_it_right(label, entry, world):
    submission = entry.submit(world)
    form = entry.form(data=submission.data, files=submission.files, **submission.kwargs)
    assert form.is_valid(), form.errors
    constraint = _constraints()[label]
    constraint.validate(type(form.instance), form.instance)


def _api_cases():
    return [
        pytest.param(label, entry, id=param.id)
        for param in _entries(Through)
        for label, entry in [param.values]
        if entry.api is not None
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "entry"), _api_cases())
def test_the_api_refuses_it_in_words(label, entry, world):
    method, path, payload = entry.api(world)
    client = APIClient()
    client.force_login(world.coordinator)
    for lang in LANGUAGES:
        response = getattr(client, method)(path, payload, format="json", HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 400, response.content
        body = response.json()
        messages = [m for ms in body["fields"].values() for m in ms]
        with translation.override(lang):
            assert _expected_from_api(entry) in messages, body
        assert not leaks(body["detail"]), body
        assert not [leak for message in messages for leak in leaks(message)], body
