import rules

from simitra.accounts.rules import (
    can_manage_partnership,
    can_view_partnership,
    is_open,
    is_platform_admin,
)


@rules.predicate
def acts_for_invited_organisation(user, partner) -> bool:
    """The user works for this partner's organisation, which the partnership has invited (it
    may have answered since: answering twice is refused by the service, 409): a member answers
    for it (as a member signs for it), for this one organisation only."""
    return (
        partner is not None
        and user.is_authenticated
        and (partner.status == "invited" or partner.invited_at is not None)
        and partner.status in ("invited", "confirmed", "declined")
        and partner.organisation_id in user.organisation_ids()
    )


rules.add_perm("partnerships.view_partnership", can_view_partnership)
rules.add_perm("partnerships.add_partnership", rules.is_authenticated)
rules.add_perm("partnerships.change_partnership", can_manage_partnership)
rules.add_perm("partnerships.move_phase", can_manage_partnership & is_open)
rules.add_perm("partnerships.override_gate", can_manage_partnership & is_open)
rules.add_perm("partnerships.manage_partners", can_manage_partnership & is_open)
rules.add_perm("partnerships.invite_partner", can_manage_partnership & is_open)
# On a Partner: accept or decline the invitation for its organisation (never the coordinator:
# the organisation itself agrees to its role).
rules.add_perm("partnerships.answer_invitation", acts_for_invited_organisation & is_open)
rules.add_perm("partnerships.manage_coordinators", can_manage_partnership)
rules.add_perm("partnerships.grant_observer", is_platform_admin | can_manage_partnership)
