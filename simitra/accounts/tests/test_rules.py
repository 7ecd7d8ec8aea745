import pytest

pytestmark = pytest.mark.django_db


def test_the_rules_give_each_role_its_rights(world):
    p = world.partnership
    assert world.coordinator.has_perm("partnerships.change_partnership", p)
    assert world.admin.has_perm("partnerships.change_partnership", p)
    for user in (world.partner_user, world.observer, world.outsider):
        assert not user.has_perm("partnerships.change_partnership", p)
    for user in (world.coordinator, world.partner_user, world.observer, world.admin):
        assert user.has_perm("partnerships.view_partnership", p)
    assert not world.outsider.has_perm("partnerships.view_partnership", p)


def test_a_partner_edits_only_its_own_records(world):
    from simitra.accounts.rules import can_edit_own_record

    class Record:
        def __init__(self, partnership, organisation_id):
            self.partnership = partnership
            self.organisation_id = organisation_id

    own = Record(world.partnership, world.org_a.pk)
    other = Record(world.partnership, world.org_b.pk)
    assert can_edit_own_record(world.partner_user, own)
    assert not can_edit_own_record(world.partner_user, other)
    assert can_edit_own_record(world.coordinator, other)
    assert not can_edit_own_record(world.observer, own)
    assert not can_edit_own_record(world.outsider, own)


def test_region_grants_let_an_observer_see_partnerships_below_the_region(world):
    from simitra.partnerships.models import ObserverGrant, Partnership
    from simitra.partnerships.testing import make_user
    from simitra.reference.models import Region

    world.partnership.regions.set([Region.objects.get(code="53.02.01")])
    bappeda = make_user("bappeda")
    ObserverGrant.objects.create(user=bappeda, region=Region.objects.get(code="53"))
    assert list(Partnership.objects.visible_to(bappeda)) == [world.partnership]
    assert "observer" in world.partnership.roles_for(bappeda)
    elsewhere = make_user("ntb")
    ObserverGrant.objects.create(user=elsewhere, region=Region.objects.get(code="52"))
    assert not Partnership.objects.visible_to(elsewhere).exists()
    assert "observer" not in world.partnership.roles_for(elsewhere)
