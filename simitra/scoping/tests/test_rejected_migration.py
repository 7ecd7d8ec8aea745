"""Scoping 0002: candidates rejected while a rejection still withdrew them become rejected."""

import importlib

import pytest
from django.apps import apps

from simitra.partnerships.models import PartnerStatus
from simitra.partnerships.testing import make_organisation, make_partner
from simitra.scoping.models import Candidacy

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "simitra.scoping.migrations.0002_rejected_candidates_are_not_partners"
)


def test_a_rejected_withdrawn_candidate_becomes_rejected_and_a_former_partner_stays(world):
    rejected = make_partner(world.partnership, make_organisation("Ditolak"), status="withdrawn")
    Candidacy.objects.create(
        partner=rejected, decision=Candidacy.Decision.REJECTED, decision_reason="x"
    )
    left = make_partner(world.partnership, make_organisation("Keluar"), status="withdrawn")
    Candidacy.objects.create(
        partner=left, decision=Candidacy.Decision.CONFIRMED, decision_reason="y"
    )
    migration.mark_rejected(apps, None)
    rejected.refresh_from_db()
    left.refresh_from_db()
    assert rejected.status == PartnerStatus.REJECTED
    assert left.status == PartnerStatus.WITHDRAWN
