import rules

from simitra.accounts.rules import can_manage_partnership, is_partner_member, partnership_of


@rules.predicate
def administers_a_partner(user, obj) -> bool:
    """The user is an admin of an organisation that is a confirmed partner here."""
    partnership = partnership_of(obj)
    return bool(
        partnership is not None
        and user.is_authenticated
        and user.admin_organisation_ids() & partnership.active_partner_organisation_ids()
    )


@rules.predicate
def owns_subscription(user, subscription) -> bool:
    return subscription is not None and subscription.owner_id == user.pk


# Who subscribes a URL to a partnership's events: its coordinators (and platform admins) and
# the admins of its confirmed partner organisations. Asked again before every send.
can_subscribe = can_manage_partnership | (is_partner_member & administers_a_partner)

rules.add_perm("webhooks.view_subscriptions", can_subscribe)
rules.add_perm("webhooks.add_subscription", can_subscribe)
# On a subscription: the partnership's managers, or its owner while they may still subscribe.
rules.add_perm(
    "webhooks.change_subscription", can_manage_partnership | (owns_subscription & can_subscribe)
)
