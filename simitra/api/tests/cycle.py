"""Records of every cycle endpoint in the test world's partnership, for the access matrix,
the query counts and the fuzzer."""

import datetime as dt
from types import SimpleNamespace

from simitra.agreements.testing import make_mou
from simitra.health.models import HealthAnswer, HealthResponse
from simitra.health.services import open_round
from simitra.knowledge.models import Lesson, Practice
from simitra.knowledge.services import save_knowledge_item
from simitra.partnerships.testing import make_organisation
from simitra.planning.testing import make_activity
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.testing import make_indicator, make_value
from simitra.risks.models import Risk, RiskCategory
from simitra.scoping import services as scoping_services
from simitra.scoping.assessment import CRITERIA
from simitra.scoping.models import Evidence, Need


def add_cycle_records(world) -> SimpleNamespace:
    """One of each record; the pledge, indicator and value belong to partner A, and a second
    pledge to partner B (partner A's representative may not change it)."""
    partnership = world.partnership
    pledge_a = make_pledge(world.partner_a, value=10_000_000, description="Dana A")
    pledge_b = make_pledge(world.partner_b, value=5_000_000, description="Dana B")
    delivery = make_delivery(pledge_a, amount=1_000_000)
    activity = make_activity(partnership, responsible=world.partner_a, funded_by=[pledge_a])
    mou = make_mou(world)
    indicator = make_indicator(partnership, world.partner_a)
    indicator_b = make_indicator(partnership, world.partner_b, title="Indikator B")
    periods = list(indicator.periods.order_by("start"))
    value = make_value(periods[0])
    RiskCategory.ensure_builtins()
    risk = Risk.objects.create(
        partnership=partnership,
        category=RiskCategory.objects.get(code="reputation"),
        title="Risiko uji",
        likelihood=3,
        impact=4,
        owner=world.partner_a,
    )
    lesson = save_knowledge_item(
        item=Lesson(
            partnership=partnership,
            title="Pelajaran uji",
            phase=1,
            what_happened="Rapat jarang.",
            what_was_learned="Jadwal tetap membantu.",
            recommendation="Tetapkan jadwal rapat.",
        ),
        tag_names=["tata kelola"],
        saved_by=world.coordinator,
    )
    evidence = Evidence.objects.create(
        partnership=partnership, title="Survei Gizi 2024", url="https://example.org/survei"
    )
    need = Need.objects.create(
        partnership=partnership,
        description="Makanan tambahan bergizi",
        affected_group="Balita",
        proposed_by=world.partner_a.organisation,
    )
    need.evidence.add(evidence)
    health_round = open_round(
        partnership=partnership, opened_by=world.coordinator, title="Cek kesehatan", anonymous=True
    )
    health_response = HealthResponse.objects.create(
        round=health_round,
        partner=world.partner_a,
        respondent=getattr(world, "partner_user", None),
    )
    HealthAnswer.objects.bulk_create(
        HealthAnswer(response=health_response, question=q, score=4, comment="Catatan A")
        for q in health_round.questions.all()
    )
    candidate = scoping_services.add_candidate(
        partnership=partnership,
        organisation=make_organisation(),
        rationale="Berpengalaman di desa.",
        added_by=world.coordinator,
    )
    assessment = scoping_services.declare_conflict(
        partner=candidate, assessor=world.coordinator, conflicted=False
    )
    scoping_services.save_scores(
        assessment=assessment,
        scores={c: (4, f"Bukti {c} koordinator") for c in CRITERIA},
        submit=True,
    )
    practice = save_knowledge_item(
        item=Practice(
            partnership=partnership,
            title="Posyandu keliling",
            summary="Kader berkeliling desa.",
            context="Desa terpencil.",
            approach="Jadwal bergilir.",
            results="Kunjungan naik.",
            replication_conditions="Kader terlatih.",
            contacts="sekretariat@example.org",
        ),
        tag_names=["kesehatan"],
        saved_by=world.coordinator,
    )
    return SimpleNamespace(
        result=indicator.result,
        period=periods[0],
        practice=practice,
        candidate=candidate,
        assessment=assessment,
        health_round=health_round,
        health_response=health_response,
        evidence=evidence,
        need=need,
        lesson=lesson,
        pledge=pledge_a,
        pledge_b=pledge_b,
        delivery=delivery,
        activity=activity,
        agreement=mou,
        party=mou.parties.get(partner=world.partner_a),
        indicator=indicator,
        indicator_b=indicator_b,
        periods=periods,
        value=value,
        risk=risk,
        today=dt.date.today(),
    )
