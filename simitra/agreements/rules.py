import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_read_private,
    can_view_partnership,
    is_open,
    is_published,
)

rules.add_perm("agreements.view_agreement", can_view_partnership)
rules.add_perm("agreements.change_agreement", can_manage_partnership & is_open)
# On an AgreementParty: the coordinator, or a representative of that party's organisation.
rules.add_perm("agreements.approve_for_party", can_edit_own_record & is_open)
rules.add_perm("agreements.sign_for_party", can_edit_own_record & is_open)
rules.add_perm("agreements.view_scan", can_read_private)
# The public copy of a published partnership's binding MoU: anyone, signed in or not.
rules.add_perm("agreements.view_published_mou", is_published)
rules.add_perm("agreements.mark_relationship", can_manage_partnership & is_open)
