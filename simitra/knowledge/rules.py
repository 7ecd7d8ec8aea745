"""Who may do what in the sustaining phase. The public reads only the portal (its own views
check publication, not these rules)."""

import rules

from simitra.accounts.rules import can_manage_partnership, can_read_private

rules.add_perm("knowledge.view_private_knowledge", can_read_private)
rules.add_perm("knowledge.manage_knowledge", can_manage_partnership)
rules.add_perm("knowledge.close_partnership", can_manage_partnership)
