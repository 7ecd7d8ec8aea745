"""The QuerySet methods say what the rules say: for every kind of user and every partnership,
`p in Partnership.objects.visible_to(user)` is `user.has_perm(<view perm>, p)`, and so on for
reading private records and managing; the bulk role lookup finds what `roles_for` finds."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from simitra.knowledge.models import Lesson, Visibility
from simitra.partnerships.models import (
    ObserverGrant,
    Partner,
    Partnership,
    PartnerStatus,
    prime_roles,
    roles_by_partnership,
)
from simitra.partnerships.testing import (
    build_world,
    make_member,
    make_organisation,
    make_partner,
    make_partnership,
    make_user,
)
from simitra.reference.models import Region

# Each composite rule, the permission that asks it, and the QuerySet method that mirrors it.
MIRRORS = [
    ("visible_to", "partnerships.view_partnership"),  # can_view_partnership
    ("readable_by", "knowledge.view_private_knowledge"),  # can_read_private
    ("managed_by", "partnerships.change_partnership"),  # can_manage_partnership
]

USERS = [
    "admin",
    "coordinator",
    "partner_user",
    "partner_b_user",
    "invited_rep",
    "candidate_rep",
    "withdrawn_rep",
    "observer",
    "region_observer",
    "portfolio_observer",
    "outsider",
    "anonymous",
    "inactive_coordinator",
    "inactive_admin",
]


@pytest.fixture(scope="module")
def cast(django_db_setup, django_db_blocker):
    """The test world and demo-like cases around it: partnerships public and private, in and
    outside a region, with invited, candidate and withdrawn partners."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            world = build_world()
            province = Region.objects.filter(code__regex=r"^[0-9]{2}$").order_by("code").first()
            regency = Region.objects.filter(code__startswith=f"{province.code}.").first()
            elsewhere = (
                Region.objects.filter(code__regex=r"^[0-9]{2}$").exclude(code=province.code).first()
            )
            in_regency = make_partnership(title="Di kabupaten")
            in_regency.regions.set([regency])
            in_province = make_partnership(title="Di provinsi", visibility="public")
            in_province.regions.set([province])
            far = make_partnership(coordinators=[world.partner_user], title="Jauh")
            far.regions.set([elsewhere])
            published = make_partnership(
                coordinators=[world.coordinator], visibility="public", title="Terbit"
            )
            lonely = make_partnership(title="Sepi")

            users = {name: getattr(world, name, None) for name in USERS}
            for status, name in [
                (PartnerStatus.INVITED, "invited_rep"),
                (PartnerStatus.CANDIDATE, "candidate_rep"),
                (PartnerStatus.WITHDRAWN, "withdrawn_rep"),
            ]:
                organisation = make_organisation()
                users[name] = make_user(name)
                make_member(users[name], organisation)
                make_partner(in_regency, organisation, status=status)
            users["region_observer"] = make_user("region_observer")
            ObserverGrant.objects.create(user=users["region_observer"], region=province)
            users["portfolio_observer"] = make_user("portfolio_observer")
            ObserverGrant.objects.create(user=users["portfolio_observer"])
            users["inactive_coordinator"] = make_user("inactive_coordinator", is_active=False)
            world.partnership.coordinators.add(users["inactive_coordinator"])
            users["inactive_admin"] = make_user(
                "inactive_admin", is_active=False, is_superuser=True
            )
            users["anonymous"] = AnonymousUser()
            lessons = {}
            for p in Partnership.objects.all():
                for visibility in Visibility.values:
                    lessons[(p.pk, visibility)] = Lesson.objects.create(
                        partnership=p,
                        title=f"{p.code} {visibility}",
                        visibility=visibility,
                        phase=p.phase,
                        slug=f"{p.code.lower()}-{visibility}",
                    )
            partnerships = [world.partnership, in_regency, in_province, far, published, lonely]
            yield SimpleNamespace(users=users, partnerships=partnerships, lessons=lessons)
            transaction.set_rollback(True)


def _fresh(user):
    """The user as a new request would load it: no cached grants or organisations."""
    if not user.is_authenticated:
        return AnonymousUser()
    return type(user).objects.get(pk=user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("method, perm", MIRRORS)
def test_the_queryset_methods_say_what_the_rules_say(cast, who, method, perm):
    user = _fresh(cast.users[who])
    listed = set(getattr(Partnership.objects, method)(user).values_list("pk", flat=True))
    for partnership in cast.partnerships:
        fresh = Partnership.objects.get(pk=partnership.pk)
        assert (partnership.pk in listed) == user.has_perm(perm, fresh), (who, partnership)


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("method, perm", MIRRORS)
def test_records_follow_their_partnership(cast, who, method, perm):
    user = _fresh(cast.users[who])
    partners = getattr(Partner.objects, method)(user)
    expected = {
        partner.pk
        for partner in Partner.objects.select_related("partnership")
        if user.has_perm(perm, partner.partnership)
    }
    assert set(partners.values_list("pk", flat=True)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
def test_knowledge_items_are_the_readable_ones_and_the_public_ones(cast, who):
    user = _fresh(cast.users[who])
    listed = set(Lesson.objects.visible_to(user).values_list("pk", flat=True))
    for (partnership_pk, visibility), lesson in cast.lessons.items():
        partnership = Partnership.objects.get(pk=partnership_pk)
        expected = user.has_perm("knowledge.view_private_knowledge", partnership) or (
            visibility == Visibility.PUBLISHED and partnership.is_public
        )
        assert (lesson.pk in listed) == expected, (who, lesson)


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
def test_the_bulk_lookup_finds_the_roles_one_by_one_would(cast, who):
    user = _fresh(cast.users[who])
    partnerships = list(Partnership.objects.all())
    one_by_one = {p.pk: Partnership.objects.get(pk=p.pk).roles_for(user) for p in partnerships}
    assert roles_by_partnership(_fresh(user), partnerships) == one_by_one


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "partner_user", "region_observer", "outsider"])
def test_primed_partnerships_answer_the_rules_without_queries(cast, who):
    user = _fresh(cast.users[who])
    partnerships = list(Partnership.objects.all())
    with CaptureQueriesContext(connection) as bulk:
        prime_roles(user, partnerships)
    assert len(bulk) <= 4
    with CaptureQueriesContext(connection) as rows:
        answers = [user.has_perm("knowledge.view_private_knowledge", p) for p in partnerships]
    assert len(rows) == 0
    expected = [
        _fresh(user).has_perm("knowledge.view_private_knowledge", Partnership.objects.get(pk=p.pk))
        for p in partnerships
    ]
    assert answers == expected
