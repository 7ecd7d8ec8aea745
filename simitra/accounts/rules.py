"""The access predicates: the one place that says who may do what.

Views, the API and templates all ask these (through `rules` permissions), never their own
checks. Predicates take the user and an object: a partnership, or anything with a
`.partnership` (and, for records owned by a partner, an `.organisation_id` or `.partner`).
"""

import rules


def partnership_of(obj):
    if obj is None:
        return None
    if getattr(obj, "is_partnership", False):
        return obj
    return getattr(obj, "partnership", None)


def owner_organisation_id(obj) -> int | None:
    """The organisation a partner-owned record belongs to (a contribution, a value, …)."""
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    partner = getattr(obj, "partner", None)
    return getattr(partner, "organisation_id", None)


def _roles(user, obj) -> frozenset[str]:
    partnership = partnership_of(obj)
    if partnership is None or not user.is_authenticated:
        return frozenset()
    return partnership.roles_for(user)


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_coordinator(user, obj) -> bool:
    return "coordinator" in _roles(user, obj)


@rules.predicate
def is_partner_member(user, obj) -> bool:
    return "partner" in _roles(user, obj)


@rules.predicate
def is_observer(user, obj) -> bool:
    return "observer" in _roles(user, obj)


@rules.predicate
def is_published(user, obj) -> bool:
    partnership = partnership_of(obj)
    return partnership is not None and partnership.is_public


@rules.predicate
def represents_owner(user, obj) -> bool:
    """The user works for the partner organisation that owns this record, and that
    organisation takes part in the record's partnership."""
    org_id = owner_organisation_id(obj)
    return (
        org_id is not None
        and org_id in user.organisation_ids()
        and org_id in (partnership_of(obj).active_partner_organisation_ids())
    )


@rules.predicate
def is_org_admin(user, organisation) -> bool:
    return (
        organisation is not None
        and user.is_authenticated
        and organisation.pk in user.admin_organisation_ids()
    )


@rules.predicate
def is_org_member(user, organisation) -> bool:
    return (
        organisation is not None
        and user.is_authenticated
        and organisation.pk in user.organisation_ids()
    )


@rules.predicate
def is_open(user, obj) -> bool:
    """The partnership is still running. Once it has ended (completed or terminated) its
    records stay as they were: the cycle apps' writes ask this too; only its knowledge
    (lessons, practices, the sustainability plan) and its own details (publishing it) are
    still written. True where no partnership is in question."""
    partnership = partnership_of(obj)
    return partnership is None or not partnership.is_closed


# Composite rules that every cycle app reuses.
can_view_partnership = (
    is_platform_admin | is_published | is_coordinator | is_partner_member | is_observer
)
can_read_private = is_platform_admin | is_coordinator | is_partner_member | is_observer
can_manage_partnership = is_platform_admin | is_coordinator
can_edit_own_record = is_platform_admin | is_coordinator | (is_partner_member & represents_owner)

rules.add_perm("accounts.change_user", is_platform_admin)


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


# A personal API token: its owner revokes it, and the platform admin any.
rules.add_perm("accounts.revoke_apitoken", owns_token | is_platform_admin)
