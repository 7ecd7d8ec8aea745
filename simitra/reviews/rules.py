"""Who may do what in the reviews app.

Health checks, evaluations and early warnings are the partnership's internal business:
partners, coordinators and observers read them, even when the partnership is published; the
public never does. Coordinators (and platform admins) manage them; a partner follows up the
revision actions it owns.
"""

import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_read_private,
    partnership_of,
)


@rules.predicate
def represents_confirmed_partner(user, obj) -> bool:
    """The user works for an organisation that is a confirmed partner of this partnership."""
    partnership = partnership_of(obj)
    if partnership is None or not user.is_authenticated:
        return False
    return bool(user.organisation_ids() & partnership.active_partner_organisation_ids())


rules.add_perm("reviews.view_healthcheck", can_read_private)
rules.add_perm("reviews.manage_healthcheck", can_manage_partnership)
rules.add_perm("reviews.answer_healthcheck", represents_confirmed_partner)

rules.add_perm("reviews.view_evaluation", can_read_private)
rules.add_perm("reviews.manage_evaluation", can_manage_partnership)
rules.add_perm("reviews.follow_up_action", can_edit_own_record)

rules.add_perm("reviews.view_warning", can_read_private)
rules.add_perm("reviews.acknowledge_alert", can_manage_partnership)
