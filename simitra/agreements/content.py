"""What an agreement is about, read from the partnership's data: parties, contributions, the
action plan, and the problem statement with its evidence. Stored as plain JSON when the
agreement goes to review, so what the parties approve and sign does not change under them;
`changes_since` says what the live data changed since (the agreement is then out of date)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from simitra.partnerships.models import Partner
from simitra.planning.versions import snapshot
from simitra.resources.models import Pledge
from simitra.scoping.models import Evidence, ProblemStatement

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


def _problem(partnership) -> dict:
    """The problem statement and the evidence that supports it (the MoU's background)."""
    problem = ProblemStatement.objects.filter(partnership=partnership).first()
    evidence = Evidence.objects.filter(partnership=partnership, supports_problem=True).order_by(
        "-year", "title", "pk"
    )
    return {
        "core_problem": problem.core_problem if problem else "",
        "statement": problem.statement if problem else "",
        "evidence": [
            {
                "title": source.title,
                "publisher": source.publisher,
                "year": source.year,
                "figure": source.figure,
            }
            for source in evidence
        ],
    }


def collect_content(agreement, *, plan_version=None) -> dict:
    """The agreement's content from the data. The plan is `plan_version` if given, else the
    version the agreement went to review with, else the plan as it is now."""
    partnership = agreement.partnership
    plan_version = plan_version or agreement.plan_version
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
    if plan_version is not None:
        plan = plan_version.content
        plan_number = plan_version.number
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
        "problem": _problem(partnership),
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


def _changed_names(then: list[dict], now: list[dict], key: str) -> list[str]:
    """The names (under `key`) whose entries differ between the two lists, in order."""

    def by_name(rows):
        grouped: dict[str, list] = {}
        for row in rows:
            grouped.setdefault(row.get(key, ""), []).append(row)
        return grouped

    old, new = by_name(then), by_name(now)
    return [name for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]


PARTNERSHIP_FIELDS = {
    "title": gettext_lazy("title"),
    "start": gettext_lazy("start date"),
    "end": gettext_lazy("end date"),
    "regions": gettext_lazy("regions"),
    "sdg_targets": pgettext_lazy("in a sentence", "SDG targets"),
    "currency": gettext_lazy("currency"),
}


def changes_since(then: dict, now: dict) -> list[str]:
    """What changed between the content an agreement was reviewed with (`then`) and the data
    as it is now (`now`), one sentence per part, in the active language. Pure. A part the
    frozen content does not have (an agreement frozen before the part existed) is not
    compared."""
    changes = []
    old_plan, new_plan = then.get("plan", {}), now.get("plan", {})
    if old_plan.get("version") != new_plan.get("version"):
        changes.append(
            _("The action plan: version %(then)s then, now %(now)s.")
            % {
                "then": old_plan.get("version") or "—",
                "now": new_plan.get("version") or "—",
            }
        )
    elif old_plan != new_plan:
        changes.append(_("The action plan's activities, dates or budgets."))
    old_partnership, new_partnership = then.get("partnership", {}), now.get("partnership", {})
    fields = [
        str(label)
        for key, label in PARTNERSHIP_FIELDS.items()
        if old_partnership.get(key) != new_partnership.get(key)
    ]
    if fields:
        changes.append(_("The partnership's %(fields)s.") % {"fields": ", ".join(fields)})
    background = []
    if old_partnership.get("summary") != new_partnership.get("summary"):
        background.append(_("the partnership's summary"))
    if "problem" in then:
        old_problem, new_problem = then["problem"], now.get("problem", {})
        if (old_problem.get("core_problem"), old_problem.get("statement")) != (
            new_problem.get("core_problem"),
            new_problem.get("statement"),
        ):
            background.append(_("the problem statement"))
        if old_problem.get("evidence") != new_problem.get("evidence"):
            background.append(_("the evidence behind the problem"))
    if background:
        changes.append(_("The background: %(parts)s.") % {"parts": ", ".join(background)})
    parties = _changed_names(then.get("parties", []), now.get("parties", []), "name")
    if parties:
        changes.append(
            _("The parties' details (name, role or address): %(names)s.")
            % {"names": ", ".join(parties)}
        )
    if then.get("coordinator", "") != now.get("coordinator", ""):
        changes.append(
            _("The coordinating party: %(then)s then, now %(now)s.")
            % {"then": then.get("coordinator") or "—", "now": now.get("coordinator") or "—"}
        )
    contributions = _changed_names(
        then.get("contributions", []), now.get("contributions", []), "party"
    )
    if contributions:
        changes.append(_("The contributions of %(names)s.") % {"names": ", ".join(contributions)})
    return changes
