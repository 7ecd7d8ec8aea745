import rules

from simitra.accounts.rules import can_read_private


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


# Who hears about a partnership's events: those who may read its private records (members and
# observers), asked when the event happens; the list asks again when it is shown.
rules.add_perm("notifications.receive", can_read_private)
rules.add_perm("notifications.change_notification", is_recipient)
