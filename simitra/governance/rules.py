import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_view_partnership,
    is_open,
)

rules.add_perm("governance.view_governance", can_view_partnership)
# The coordinator sets up the bodies, plans the meetings and records the decisions.
rules.add_perm("governance.manage_governance", can_manage_partnership & is_open)
# Attendance: the coordinator, or a confirmed partner for its own people (the record's `.partner`).
rules.add_perm("governance.record_attendance", can_edit_own_record & is_open)
