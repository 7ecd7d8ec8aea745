"""Factories for tests of every app: small, explicit, no magic.

`build_world()` makes the cast that every view test checks access against: a coordinator, two
partner representatives, an observer, an outsider and a private partnership.
"""

import itertools
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from simitra.accounts.models import Membership
from simitra.organisations.models import Organisation, Sector

from .models import ObserverGrant, Partner, Partnership, PartnerStatus, Phase

_counter = itertools.count(1)


def make_user(username: str | None = None, **fields):
    n = next(_counter)
    username = username or f"user{n}"
    fields.setdefault("email", f"{username}@example.test")
    return get_user_model().objects.create_user(username=username, password="pw-for-tests", **fields)


def make_organisation(name: str | None = None, sector: str = Sector.NGO, **fields) -> Organisation:
    n = next(_counter)
    name = name or f"Organisasi {n}"
    fields.setdefault("slug", f"org-{n}")
    return Organisation.objects.create(name=name, sector=sector, **fields)


def make_member(user, organisation, *, is_admin: bool = False) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, is_admin=is_admin)


def make_partnership(*, coordinators=(), phase: int = Phase.SCOPING, **fields) -> Partnership:
    n = next(_counter)
    fields.setdefault("title", f"Kemitraan {n}")
    fields.setdefault("code", f"TEST-{n}")
    partnership = Partnership.objects.create(phase=phase, **fields)
    if coordinators:
        partnership.coordinators.add(*coordinators)
    return partnership


def make_partner(partnership, organisation, status: str = PartnerStatus.CONFIRMED, **fields) -> Partner:
    return Partner.objects.create(partnership=partnership, organisation=organisation, status=status, **fields)


def build_world(phase: int = Phase.SCOPING) -> SimpleNamespace:
    coordinator = make_user("coord")
    partner_user = make_user("rep_a")
    partner_b_user = make_user("rep_b")
    observer = make_user("observer")
    outsider = make_user("outsider")
    admin = make_user("root", is_superuser=True, is_staff=True)

    broker = make_organisation("Sekretariat Kemitraan", Sector.NGO)
    org_a = make_organisation("PT Mitra Usaha", Sector.PRIVATE)
    org_b = make_organisation("Dinas Kesehatan", Sector.GOVERNMENT)
    outside_org = make_organisation("Koperasi Luar", Sector.COMMUNITY)
    make_member(coordinator, broker, is_admin=True)
    make_member(partner_user, org_a)
    make_member(partner_b_user, org_b)
    make_member(outsider, outside_org, is_admin=True)

    partnership = make_partnership(coordinators=[coordinator], phase=phase, title="Kemitraan Uji")
    make_partner(partnership, broker, local_role=Partner.LocalRole.COORDINATOR)
    partner_a = make_partner(partnership, org_a)
    partner_b = make_partner(partnership, org_b)
    ObserverGrant.objects.create(user=observer, partnership=partnership)
    return SimpleNamespace(
        coordinator=coordinator,
        partner_user=partner_user,
        partner_b_user=partner_b_user,
        observer=observer,
        outsider=outsider,
        admin=admin,
        broker=broker,
        org_a=org_a,
        org_b=org_b,
        outside_org=outside_org,
        partnership=partnership,
        partner_a=partner_a,
        partner_b=partner_b,
    )
