import rules

from simitra.accounts.rules import (
    can_manage_partnership,
    can_view_partnership,
    is_platform_admin,
)

rules.add_perm("partnerships.view_partnership", can_view_partnership)
rules.add_perm("partnerships.add_partnership", rules.is_authenticated)
rules.add_perm("partnerships.change_partnership", can_manage_partnership)
rules.add_perm("partnerships.move_phase", can_manage_partnership)
rules.add_perm("partnerships.override_gate", can_manage_partnership)
rules.add_perm("partnerships.manage_partners", can_manage_partnership)
rules.add_perm("partnerships.manage_coordinators", can_manage_partnership)
rules.add_perm("partnerships.grant_observer", is_platform_admin | can_manage_partnership)
