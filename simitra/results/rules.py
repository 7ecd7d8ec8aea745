import rules
from django.utils.translation import gettext_lazy as _

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_view_partnership,
    is_open,
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


@rules.predicate
def is_not_own_submission(user, value) -> bool:
    """Objectivity: where the partnership asks for it (on by default), the person who submitted
    a value does not approve it (`value.period.indicator.partnership`)."""
    partnership = partnership_of(value)
    if partnership is None or not partnership.separate_value_approval:
        return True
    return value.submitted_by_id != user.pk


OWN_SUBMISSION_REFUSED = _(
    "You submitted this value yourself: another coordinator approves it (this partnership asks "
    "for a second person). Nothing was changed."
)


CHOOSE_ORGANISATION = _(
    "Choose the organisation you approve for: each organisation approves separately. Nothing "
    "was changed."
)
NOT_YOUR_ORGANISATION = _(
    "You do not act for this organisation here: approve only for an organisation you work for. "
    "Nothing was changed."
)


@rules.predicate
def represents_partner(user, partner) -> bool:
    """The user works for this confirmed partner's organisation: they may act for it, for
    this one organisation only (a user of two organisations acts for each separately)."""
    return (
        partner is not None
        and user.is_authenticated
        and partner.status == "confirmed"
        and partner.organisation_id in user.organisation_ids()
    )


rules.add_perm("results.view_results", can_view_partnership)
# The coordinator keeps the framework: results, indicators, periods and targets, beneficiaries.
rules.add_perm("results.manage_results", can_manage_partnership & is_open)
# Values: the responsible partner (the record's `.partner`) enters and submits them;
# the coordinator may enter them too, but only the coordinator approves or returns.
rules.add_perm("results.enter_value", can_edit_own_record & is_open)
rules.add_perm(
    "results.submit_value", (is_platform_admin | (is_partner_member & represents_owner)) & is_open
)
rules.add_perm("results.review_value", can_manage_partnership)
# On a value: approving it also needs someone other than its submitter (see above).
rules.add_perm("results.approve_value", (can_manage_partnership & is_not_own_submission) & is_open)
rules.add_perm("results.approve_framework", represents_confirmed_partner & is_open)
# On a Partner: approve the indicator set for this one organisation.
rules.add_perm("results.approve_framework_for", represents_partner & is_open)
