import rules

from simitra.accounts.rules import can_manage_partnership, can_view_partnership, is_open

rules.add_perm("risks.view_risks", can_view_partnership)
# The coordinator keeps the register and agrees the shares with the partners.
rules.add_perm("risks.manage_risks", can_manage_partnership & is_open)
