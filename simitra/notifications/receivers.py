"""A partnership's events turned into notifications: who hears of each, with what facts and
which link. Runs after the action's transaction commits (`partnership_event`, see
simitra/partnerships/events.py); a failure here is logged and never undoes the action."""

from django.urls import reverse

from simitra.agreements.models import Agreement
from simitra.health.models import HealthCheckRound
from simitra.partnerships.events import Event, EventType
from simitra.partnerships.models import Partner, Partnership
from simitra.resources.models import Delivery as ContributionDelivery
from simitra.resources.models import Pledge
from simitra.results.models import IndicatorValue
from simitra.risks.models import Risk

from . import services
from .models import Kind


def _value(event, partnership):
    value = (
        IndicatorValue.objects.select_related(
            "period__indicator__responsible_partner__organisation", "category"
        )
        .filter(pk=event.record_pk)
        .first()
    )
    if value is None:
        return None
    indicator = value.period.indicator
    responsible = indicator.responsible_partner
    params = {
        "indicator": indicator.title,
        "period": str(value.period) + (f" · {value.category.name}" if value.category else ""),
        "partner": responsible.organisation.name if responsible else "",
        "reason": value.return_reason,
    }
    url = reverse("results:indicator", args=[partnership.code, indicator.pk])
    if event.type == EventType.VALUE_SUBMITTED:
        return Kind.VALUE_SUBMITTED, services.coordinators_of(partnership), params, url
    # Returned or approved: the responsible partner's representatives and whoever submitted.
    users = services.representatives_of([responsible.organisation_id] if responsible else [])
    if value.submitted_by_id:
        users.append(value.submitted_by)
    kind = Kind.VALUE_RETURNED if event.type == EventType.VALUE_RETURNED else Kind.VALUE_APPROVED
    return kind, users, params, url


def _pledge(event, partnership):
    if event.type == EventType.CONTRIBUTION_DELIVERED:
        delivery = (
            ContributionDelivery.objects.select_related("pledge__partner__organisation")
            .filter(pk=event.record_pk)
            .first()
        )
        pledge = delivery.pledge if delivery else None
        kind = Kind.CONTRIBUTION_DELIVERED
    else:
        pledge = (
            Pledge.objects.select_related("partner__organisation")
            .filter(pk=event.record_pk)
            .first()
        )
        kind = Kind.CONTRIBUTION_PLEDGED
    if pledge is None:
        return None
    params = {
        "partner": pledge.partner.organisation.name,
        "what": " ".join(pledge.description.split())[:120],
    }
    url = reverse("resources:pledge", args=[partnership.code, pledge.pk])
    return kind, services.coordinators_of(partnership), params, url


def _agreement(event, partnership):
    agreement = Agreement.objects.filter(pk=event.record_pk).first()
    if agreement is None:
        return None
    url = reverse("agreements:detail", args=[partnership.code, agreement.pk])
    return (
        Kind.AGREEMENT_SIGNED,
        services.members_of(partnership),
        {"title": agreement.title},
        url,
    )


def _partner(event, partnership):
    partner = Partner.objects.select_related("organisation").filter(pk=event.record_pk).first()
    if partner is None:
        return None
    users = services.coordinators_of(partnership) + services.representatives_of(
        [partner.organisation_id]
    )
    return (
        Kind.PARTNER_CONFIRMED,
        users,
        {"partner": partner.organisation.name},
        partnership.get_absolute_url(),
    )


def _phase(event, partnership):
    return (
        Kind.PHASE_CHANGED,
        services.members_of(partnership),
        {key: event.data.get(key) for key in ("from_phase", "to_phase")},
        partnership.get_absolute_url(),
    )


def _risk(event, partnership):
    risk = Risk.objects.filter(pk=event.record_pk).first()
    if risk is None:
        return None
    url = reverse("risks:risk", args=[partnership.code, risk.pk])
    return Kind.RISK_RAISED, services.coordinators_of(partnership), {"title": risk.title}, url


def _warning(event, partnership):
    return (
        Kind.WARNING_LEVEL_CHANGED,
        services.coordinators_of(partnership),
        {key: event.data.get(key) for key in ("level", "previous_level")},
        reverse("early_warning:warning", args=[partnership.code]),
    )


BUILDERS = {
    EventType.VALUE_SUBMITTED: _value,
    EventType.VALUE_RETURNED: _value,
    EventType.VALUE_APPROVED: _value,
    EventType.CONTRIBUTION_PLEDGED: _pledge,
    EventType.CONTRIBUTION_DELIVERED: _pledge,
    EventType.AGREEMENT_SIGNED: _agreement,
    EventType.PARTNER_CONFIRMED: _partner,
    EventType.PHASE_CHANGED: _phase,
    EventType.RISK_RAISED: _risk,
    EventType.WARNING_LEVEL_CHANGED: _warning,
}


def on_partnership_event(sender, event: Event, **kwargs) -> int:
    builder = BUILDERS.get(event.type)
    if builder is None:
        return 0
    partnership = Partnership.objects.filter(pk=event.partnership_id).first()
    if partnership is None:
        return 0
    built = builder(event, partnership)
    if built is None:
        return 0
    kind, users, params, url = built
    made = services.notify(
        users=users,
        kind=kind,
        partnership=partnership,
        url=url,
        params=params,
        now=event.occurred_at,
    )
    return len(made)


def on_round_opened(sender, health_round: HealthCheckRound, **kwargs) -> int:
    """A health-check round is open: the confirmed partners' representatives are asked."""
    partnership = health_round.partnership
    organisations = partnership.partners.confirmed().values_list("organisation_id", flat=True)
    made = services.notify(
        users=services.representatives_of(organisations),
        kind=Kind.HEALTH_CHECK_OPENED,
        partnership=partnership,
        url=health_round.get_absolute_url(),
        params={
            "title": health_round.title,
            "due_date": health_round.due_date.isoformat() if health_round.due_date else "",
        },
    )
    return len(made)
