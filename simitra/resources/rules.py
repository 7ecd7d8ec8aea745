import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_read_private,
    can_view_partnership,
    is_open,
    partnership_of,
)


@rules.predicate
def represents_a_confirmed_partner(user, obj) -> bool:
    """The user works for one of the partnership's confirmed partner organisations."""
    partnership = partnership_of(obj)
    if partnership is None or not user.is_authenticated:
        return False
    return bool(user.organisation_ids() & partnership.active_partner_organisation_ids())


rules.add_perm("resources.view_pledges", can_view_partnership)
# On the partnership: may this user record a contribution (for some partner)?
rules.add_perm(
    "resources.add_pledge", (can_manage_partnership | represents_a_confirmed_partner) & is_open
)
# On a pledge: the coordinator, or a representative of the pledging organisation.
rules.add_perm("resources.change_pledge", can_edit_own_record & is_open)
rules.add_perm("resources.add_delivery", can_edit_own_record & is_open)
rules.add_perm("resources.change_delivery", can_edit_own_record & is_open)
rules.add_perm("resources.view_evidence", can_read_private)
