"""Who may do what with the early warning.

The early warning and its alerts are the partnership's internal business: partners,
coordinators and observers read them, even when the partnership is published; the public never
does. Coordinators (and platform admins) acknowledge the alerts.
"""

import rules

from simitra.accounts.rules import can_manage_partnership, can_read_private

rules.add_perm("early_warning.view_warning", can_read_private)
rules.add_perm("early_warning.acknowledge_alert", can_manage_partnership)
