"""What an agreement is about, read from the partnership's data: parties, contributions and
the action plan. Stored as plain JSON when the agreement goes to review, so what the parties
approve and sign does not change under them."""

from decimal import Decimal

from simitra.partnerships.models import Partner
from simitra.planning.versions import snapshot
from simitra.resources.models import Pledge

from .models import AgreementKind


def _party(partner) -> dict:
    organisation = partner.organisation
    return {
        "partner_id": partner.pk,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "sector": organisation.sector,
        "address": organisation.address,
        "local_role": partner.local_role,
        "iati_role": partner.iati_role,
    }


def collect_content(agreement) -> dict:
    partnership = agreement.partnership
    parties = [
        party.partner
        for party in agreement.parties.select_related("partner__organisation").order_by(
            "partner__organisation__name"
        )
    ]
    party_ids = [p.pk for p in parties]
    pledges = (
        Pledge.objects.active()
        .filter(partnership=partnership, partner_id__in=party_ids)
        .select_related("partner__organisation")
        .order_by("partner__organisation__name", "category", "pk")
    )
    if agreement.plan_version_id:
        plan = agreement.plan_version.content
        plan_number = agreement.plan_version.number
    else:
        plan = snapshot(partnership)
        latest = partnership.plan_versions.order_by("-number").first()
        plan_number = latest.number if latest and latest.content == plan else None
    activities = plan.get("activities", [])
    if agreement.kind == AgreementKind.PKS:
        # A cooperation agreement covers the activities its parties lead or support.
        names = {p.organisation.name for p in parties}
        activities = [
            a
            for a in activities
            if a.get("responsible") in names or names & set(a.get("supporting", []))
        ]
    budgets = [Decimal(a["budget"]) for a in activities if a.get("budget") is not None]
    starts = [a["start"] for a in activities if a.get("start")]
    ends = [a["end"] for a in activities if a.get("end")]
    coordinating = (
        partnership.confirmed_partners().filter(local_role=Partner.LocalRole.COORDINATOR).first()
    )
    return {
        "coordinator": coordinating.organisation.name if coordinating else "",
        "partnership": {
            "title": partnership.title,
            "code": partnership.code,
            "summary": partnership.summary,
            "start": partnership.start_date.isoformat() if partnership.start_date else None,
            "end": partnership.end_date.isoformat() if partnership.end_date else None,
            "regions": [region.name for region in partnership.regions.all()],
            "sdg_targets": [target.code for target in partnership.sdg_targets.all()],
            "currency": partnership.currency,
        },
        "parties": [_party(partner) for partner in parties],
        "contributions": [
            {
                "partner_id": pledge.partner_id,
                "party": pledge.partner.organisation.name,
                "category": pledge.category,
                "description": pledge.description,
                "quantity": None if pledge.quantity is None else f"{pledge.quantity:f}",
                "unit": pledge.unit,
                "amount": f"{pledge.estimated_value:.2f}",
                "currency": pledge.currency,
                "valuation": pledge.valuation_method,
                "due": pledge.due_date.isoformat() if pledge.due_date else None,
            }
            for pledge in pledges
        ],
        "plan": {
            "version": plan_number,
            "activities": [
                {
                    "title": a["title"],
                    "responsible": a.get("responsible", ""),
                    "supporting": a.get("supporting", []),
                    "start": a.get("start"),
                    "end": a.get("end"),
                    "budget": a.get("budget"),
                    "deliverable": a.get("deliverable", ""),
                }
                for a in activities
            ],
            "total_budget": f"{sum(budgets, Decimal(0)):.2f}",
            "start": min(starts) if starts else None,
            "end": max(ends) if ends else None,
        },
    }


def content_of(agreement) -> dict:
    """The frozen content once the agreement has left draft; the live data while drafting."""
    if agreement.content_snapshot and not agreement.is_draft:
        return agreement.content_snapshot
    return collect_content(agreement)
