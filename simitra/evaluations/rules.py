"""Who may do what with evaluations.

Evaluations are the partnership's internal business: partners, coordinators and observers read
them, even when the partnership is published; the public never does. Coordinators (and platform
admins) manage them; a partner follows up the revision actions it owns.
"""

import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_read_private,
    is_open,
)

rules.add_perm("evaluations.view_evaluation", can_read_private)
rules.add_perm("evaluations.manage_evaluation", can_manage_partnership & is_open)
rules.add_perm("evaluations.follow_up_action", can_edit_own_record & is_open)
