import rules

from simitra.accounts.rules import can_manage_partnership, can_view_partnership, is_open

rules.add_perm("planning.view_plan", can_view_partnership)
rules.add_perm("planning.change_plan", can_manage_partnership & is_open)
