"""Turning a partnership's event into deliveries: one per active subscription of the
partnership that listens to the event's type, each sent by the task queue. Whether the owner
may read the record is asked when it is sent, not here."""

from simitra.partnerships.events import Event

from . import services
from .models import Delivery, Subscription


def queue_deliveries(sender, event: Event, **kwargs) -> int:
    subscriptions = [
        subscription
        for subscription in Subscription.objects.filter(
            partnership_id=event.partnership_id, status=Subscription.Status.ACTIVE
        ).only("pk", "event_types")
        if subscription.listens_to(event.type)
    ]
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            subscription=subscription,
            event_id=event.id,
            event_type=event.type,
            record_kind=event.record_kind,
            record_pk=event.record_pk,
            event_data=event.data,
            occurred_at=event.occurred_at,
        )
        for subscription in subscriptions
    )
    for delivery in deliveries:
        services.enqueue(delivery)
    return len(deliveries)
