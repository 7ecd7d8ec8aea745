"""Writes that span organisations and memberships."""

from django.db import transaction
from django.utils.translation import gettext as _

from simitra.accounts.models import Membership, User
from simitra.lib.bulk import create_with_history

from .models import Organisation


class MembershipError(Exception):
    pass


@transaction.atomic
def create_organisation(*, organisation: Organisation, created_by: User) -> Organisation:
    """Save a new organisation; its creator becomes its first organisation admin."""
    organisation.created_by = created_by
    if not organisation.slug:
        organisation.assign_unique_slug()
    organisation.save()
    Membership.objects.create(user=created_by, organisation=organisation, is_admin=True)
    return organisation


@transaction.atomic
def create_organisations(
    *, organisations: list[Organisation], created_by: User, batch_size: int = 500
) -> list[Organisation]:
    """`create_organisation` for many new organisations at once (an import): the same slugs,
    admin memberships and history rows (naming `created_by`), written in bulk."""
    if not organisations:
        return []
    for organisation in organisations:
        organisation.created_by = created_by
    Organisation.assign_unique_slugs([o for o in organisations if not o.slug])
    created = create_with_history(
        organisations, Organisation, user=created_by, batch_size=batch_size
    )
    create_with_history(
        [Membership(user=created_by, organisation=o, is_admin=True) for o in created],
        Membership,
        user=created_by,
        batch_size=batch_size,
    )
    return created


def add_member(
    *, organisation: Organisation, user: User, is_admin: bool = False, position: str = ""
) -> Membership:
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise MembershipError(
            _("%(user)s is already a member of %(organisation)s.")
            % {
                "user": user.username,
                "organisation": organisation.name,
            }
        )
    return Membership.objects.create(
        organisation=organisation, user=user, is_admin=is_admin, position=position
    )


def remove_member(*, membership: Membership) -> None:
    """Remove a member; the last organisation admin cannot be removed."""
    if (
        membership.is_admin
        and not Membership.objects.filter(organisation_id=membership.organisation_id, is_admin=True)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(_("The last organisation admin cannot be removed."))
    membership.delete()
