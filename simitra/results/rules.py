import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_view_partnership,
    is_partner_member,
    is_platform_admin,
    partnership_of,
    represents_owner,
)


@rules.predicate
def represents_confirmed_partner(user, obj) -> bool:
    partnership = partnership_of(obj)
    return partnership is not None and bool(
        user.organisation_ids() & partnership.active_partner_organisation_ids()
    )


rules.add_perm("results.view_results", can_view_partnership)
# The coordinator keeps the framework: results, indicators, periods and targets, beneficiaries.
rules.add_perm("results.manage_results", can_manage_partnership)
# Values: the responsible partner (the record's `.partner`) enters and submits them;
# the coordinator may enter them too, but only the coordinator approves or returns.
rules.add_perm("results.enter_value", can_edit_own_record)
rules.add_perm("results.submit_value", is_platform_admin | (is_partner_member & represents_owner))
rules.add_perm("results.review_value", can_manage_partnership)
rules.add_perm("results.approve_framework", represents_confirmed_partner)
