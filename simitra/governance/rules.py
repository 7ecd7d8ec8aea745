import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_view_partnership,
    is_open,
    is_partner_member,
    partnership_of,
)

rules.add_perm("governance.view_governance", can_view_partnership)
# The coordinator sets up the bodies, plans the meetings and records the decisions.
rules.add_perm("governance.manage_governance", can_manage_partnership & is_open)
# Attendance: the coordinator, or a confirmed partner for its own people (the record's `.partner`).
rules.add_perm("governance.record_attendance", can_edit_own_record & is_open)


@rules.predicate
def represents_decision_owner(user, decision) -> bool:
    """The user works for the partner responsible for this decision (its `owner`), and that
    partner is confirmed in the decision's partnership."""
    org_id = getattr(getattr(decision, "owner", None), "organisation_id", None)
    return (
        org_id is not None
        and org_id in user.organisation_ids()
        and org_id in partnership_of(decision).active_partner_organisation_ids()
    )


# A decision's progress (its status and the day it was done): the coordinator, or the
# representatives of the partner responsible for it.
rules.add_perm(
    "governance.progress_decision",
    (can_manage_partnership | (is_partner_member & represents_decision_owner)) & is_open,
)
