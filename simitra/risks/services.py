"""Writes of the risk register that carry its rule: shares add up to exactly 100 %."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number
from simitra.partnerships import events, recompute
from simitra.partnerships.models import Partner, Partnership

from .allocation import HUNDRED, shares_total
from .models import LossEvent, LossShare, Risk, RiskShare


def check_shares(shares: dict[Partner, Decimal]) -> dict[Partner, Decimal]:
    """The shares that are set, when they add up to exactly 100 %; a ValidationError that
    says the actual total otherwise."""
    set_shares = {partner: Decimal(p) for partner, p in shares.items() if p}
    if any(percent < 0 for percent in set_shares.values()):
        raise ValidationError(_("A share cannot be negative."))
    total = shares_total(set_shares.values())
    if total != HUNDRED:
        raise ValidationError(
            _("The shares add up to %(total)s%%; they must add up to exactly 100%%.")
            % {"total": format_number(total)}
        )
    return set_shares


@transaction.atomic
def save_risk(*, risk: Risk, partnership: Partnership) -> Risk:
    """Save a risk of this partnership; a new one is announced as raised."""
    new = risk.pk is None
    risk.partnership = partnership
    risk.save()
    recompute.inputs_changed(partnership.pk)
    if new:
        events.emit(
            events.EventType.RISK_RAISED,
            partnership_id=partnership.pk,
            record_kind="risk",
            record_pk=risk.pk,
        )
    return risk


@transaction.atomic
def set_risk_shares(*, risk: Risk, shares: dict[Partner, Decimal]) -> list[RiskShare]:
    """Replace the risk's allocation; refused, with nothing changed, unless it adds up to 100 %."""
    set_shares = check_shares(shares)
    for partner in set_shares:
        if partner.partnership_id != risk.partnership_id:
            raise ValidationError(_("Shares go only to partners of this partnership."))
    RiskShare.objects.filter(risk=risk).delete()
    return RiskShare.objects.bulk_create(
        RiskShare(risk=risk, partner=partner, percent=percent)
        for partner, percent in set_shares.items()
    )


@transaction.atomic
def record_loss(
    *, loss: LossEvent, shares: dict[Partner, Decimal], notes: dict[Partner, str]
) -> LossEvent:
    """Save a loss event with how it was shared (adding up to 100 %), and mark its risk as
    materialised."""
    set_shares = check_shares(shares)
    loss.save()
    LossShare.objects.bulk_create(
        LossShare(loss=loss, partner=partner, percent=percent, note=notes.get(partner, ""))
        for partner, percent in set_shares.items()
    )
    risk = loss.risk
    if risk.status != Risk.Status.MATERIALISED:
        risk.status = Risk.Status.MATERIALISED
        risk.save(update_fields=["status", "updated_at"])
    return loss
