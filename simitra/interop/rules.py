import rules

from simitra.accounts.rules import can_manage_partnership, can_view_partnership

# Exporting a partnership shows what its page shows, to whoever may read it.
rules.add_perm("interop.export_partnership", can_view_partnership)
rules.add_perm("interop.change_iatiprofile", can_manage_partnership)
# Imports and list exports are open to every signed-in user; each record they touch is then
# checked against its own rules (creating, changing a partnership or an organisation).
rules.add_perm("interop.start_job", rules.is_authenticated)
# A job, its report and its file are seen by the user who started it and nobody else, not
# even a platform admin: the views filter jobs by owner instead of asking a permission.
