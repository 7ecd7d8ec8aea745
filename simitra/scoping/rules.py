"""Who may do what in scoping and partner selection, built from the shared predicates."""

import rules

from simitra.accounts.rules import (
    can_manage_partnership,
    can_read_private,
    can_view_partnership,
    is_coordinator,
    is_observer,
    is_open,
    is_partner_member,
    is_platform_admin,
)

# The problem, needs, options, suitability and stakeholders: read like the partnership itself.
rules.add_perm("scoping.view_scoping", can_view_partnership)
rules.add_perm("scoping.change_scoping", can_manage_partnership & is_open)
# Candidates and their assessments stay inside the partnership, even when it is published.
rules.add_perm("scoping.view_candidates", can_read_private)
rules.add_perm("scoping.search_candidates", can_manage_partnership & is_open)
rules.add_perm("scoping.add_candidate", can_manage_partnership & is_open)
rules.add_perm("scoping.decide_candidate", can_manage_partnership & is_open)
# Coordinators and the representatives of partner organisations score candidates; observers
# only read.
rules.add_perm(
    "scoping.assess_candidate", (is_platform_admin | is_coordinator | is_partner_member) & is_open
)
# People's ties to organisations are personal data: the coordinator keeps the register and
# observers oversee it.
rules.add_perm("scoping.view_relationships", can_manage_partnership | is_observer)
rules.add_perm("scoping.change_relationships", can_manage_partnership & is_open)
