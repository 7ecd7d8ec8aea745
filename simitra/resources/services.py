"""Writes to pledges and deliveries; a pledge's status always follows its deliveries."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.lib.money import format_money
from simitra.partnerships import events, recompute

from .models import Delivery, Pledge, PledgeStatus, delivered_totals


class PledgeError(Exception):
    pass


def refresh_status(pledge: Pledge) -> Pledge:
    """The pledge's status as its deliveries make it (every write of a pledge or a delivery
    ends here, so it also asks for the early warning's recompute)."""
    recompute.inputs_changed(pledge.partnership_id)
    amount, quantity, count = delivered_totals(pledge)
    status = pledge.status_for(amount, quantity, count)
    if status != pledge.status:
        pledge.status = status
        pledge.save(update_fields=["status", "updated_at"])
    return pledge


@transaction.atomic
def save_pledge(*, pledge: Pledge, saved_by: User) -> Pledge:
    """Create or update a pledge; its status is recomputed (a changed value may complete it)."""
    new = pledge.pk is None
    if new:
        pledge.created_by = saved_by
    pledge.save()
    if new:
        events.emit(
            events.EventType.CONTRIBUTION_PLEDGED,
            partnership_id=pledge.partnership_id,
            record_kind="contribution",
            record_pk=pledge.pk,
        )
    return refresh_status(pledge)


def _refuse_over_delivery(pledge: Pledge, delivery: Delivery) -> None:
    """A contribution valued in money is not delivered beyond its value: more given than
    pledged is recorded by raising the pledge first, so the balance measure and the fulfilment
    rate read what was agreed. Checked under the pledge's lock, so deliveries recorded at the
    same moment cannot pass it together."""
    if pledge.estimated_value <= 0:
        return
    others = pledge.deliveries.exclude(pk=delivery.pk).aggregate(total=Sum("amount"))["total"]
    total = (others or Decimal(0)) + (delivery.amount or Decimal(0))
    if total > pledge.estimated_value:
        room = max(pledge.estimated_value - (others or Decimal(0)), Decimal(0))
        raise PledgeError(
            _(
                "This would bring the value delivered to %(total)s, above the %(value)s pledged. "
                "Record at most %(room)s, or change the contribution's value first."
            )
            % {
                "total": format_money(total, pledge.currency),
                "value": format_money(pledge.estimated_value, pledge.currency),
                "room": format_money(room, pledge.currency),
            }
        )


@transaction.atomic
def record_delivery(*, delivery: Delivery, recorded_by: User) -> Delivery:
    pledge = Pledge.objects.select_for_update().get(pk=delivery.pledge_id)
    if pledge.is_cancelled:
        raise PledgeError(_("This contribution was cancelled; no delivery can be recorded."))
    _refuse_over_delivery(pledge, delivery)
    delivery.pledge = pledge
    delivery.recorded_by = recorded_by
    new = delivery.pk is None
    delivery.save()
    if new:
        events.emit(
            events.EventType.CONTRIBUTION_DELIVERED,
            partnership_id=pledge.partnership_id,
            record_kind="delivery",
            record_pk=delivery.pk,
        )
    refresh_status(pledge)
    return delivery


@transaction.atomic
def delete_delivery(*, delivery: Delivery) -> None:
    pledge = delivery.pledge
    if delivery.evidence_file:
        delivery.evidence_file.delete(save=False)
    delivery.delete()
    refresh_status(pledge)


@transaction.atomic
def cancel_pledge(*, pledge: Pledge, reason: str) -> Pledge:
    reason = reason.strip()
    if not reason:
        raise PledgeError(_("Say why the contribution is cancelled."))
    pledge.status = PledgeStatus.CANCELLED
    pledge.cancel_reason = reason
    pledge.save(update_fields=["status", "cancel_reason", "updated_at"])
    recompute.inputs_changed(pledge.partnership_id)
    return pledge


@transaction.atomic
def reopen_pledge(*, pledge: Pledge) -> Pledge:
    """Undo a cancellation: the status follows the deliveries again."""
    pledge.status = PledgeStatus.PLEDGED
    pledge.cancel_reason = ""
    pledge.save(update_fields=["status", "cancel_reason", "updated_at"])
    return refresh_status(pledge)


@transaction.atomic
def delete_pledge(*, pledge: Pledge) -> None:
    if pledge.deliveries.exists():
        raise PledgeError(
            _("Deliveries are recorded against this contribution: cancel it instead.")
        )
    recompute.inputs_changed(pledge.partnership_id)
    pledge.delete()
