"""Who may do what with health checks.

Health checks are the partnership's internal business: partners, coordinators and observers read
them, even when the partnership is published; the public never does. Coordinators (and platform
admins) manage the rounds; the representatives of confirmed partners answer them.
"""

import rules

from simitra.accounts.rules import can_manage_partnership, can_read_private, is_open, partnership_of


@rules.predicate
def represents_confirmed_partner(user, obj) -> bool:
    """The user works for an organisation that is a confirmed partner of this partnership."""
    partnership = partnership_of(obj)
    if partnership is None or not user.is_authenticated:
        return False
    return bool(user.organisation_ids() & partnership.active_partner_organisation_ids())


rules.add_perm("health.view_healthcheck", can_read_private)
rules.add_perm("health.manage_healthcheck", can_manage_partnership & is_open)
rules.add_perm("health.answer_healthcheck", represents_confirmed_partner & is_open)
