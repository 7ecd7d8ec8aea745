"""Demo agreements: the managing-phase partnership has its MoU signed by every partner and in
force, plus a PKS between the donor and the NGO it funds (in English, in review); the
sustaining one a signed MoU; the scoping one nothing signed."""

import datetime as dt

from simitra.lib.demo_time import shifted
from simitra.planning.models import PlanVersion

from .models import Agreement, AgreementKind, Language
from .services import (
    approve_for_party,
    create_agreement,
    enter_into_force,
    sign_for_party,
    submit_for_review,
)

D = dt.date

SIGNATORIES = {
    "pkpn": ("Dewi Lestari", "Manajer Kemitraan"),
    "bappeda-tts": ("Marthen Nope", "Kepala Bappeda"),
    "nusa-pangan": ("Hendra Wijaya", "Direktur"),
    "dkpa": ("Maria Soares", "Country Director"),
    "ygsn": ("Agustina Benu", "Ketua Yayasan"),
    "unflobamora": ("Yohanes Tefa", "Kepala Pusat Studi Gizi"),
    "posyandu-mawar": ("Yuliana Tse", "Ketua Kelompok"),
    "dinas-kukm-makassar": ("Andi Mappanyukki", "Kepala Dinas"),
    "makassar-digital": ("Nurhayati Rahman", "Koordinator Komunitas"),
}


def _signed_mou(world, code: str, *, title: str, number: str, place: str, signed_on, in_force):
    signed_on, in_force = shifted(signed_on), shifted(in_force)
    partnership = world.partnerships[code]
    coordinator = world.users["koordinator"]
    partners = [p for (c, _slug), p in world.partners.items() if c == code]
    confirmed = [p for p in partners if p.status == "confirmed"]
    mou = create_agreement(
        partnership=partnership,
        kind=AgreementKind.MOU,
        title=title,
        language=Language.INDONESIAN,
        parties=confirmed,
        number=number,
        place=place,
        created_by=coordinator,
    )
    submit_for_review(agreement=mou, submitted_by=coordinator)
    slugs = {p.pk: slug for (c, slug), p in world.partners.items() if c == code}
    for party in mou.parties.select_related("partner"):
        approve_for_party(party=party, approved_by=coordinator)
    for party in mou.parties.select_related("partner"):
        name, position = SIGNATORIES[slugs[party.partner_id]]
        sign_for_party(
            party=party,
            signatory_name=name,
            signatory_title=position,
            signed_on=signed_on,
            recorded_by=coordinator,
        )
    enter_into_force(agreement=mou, effective_date=in_force)
    # The demo tells a past story: approvals a week before signing, the plan a week before that.
    approved = dt.datetime.combine(signed_on - dt.timedelta(days=7), dt.time(10), tzinfo=dt.UTC)
    mou.parties.update(approved_at=approved)
    PlanVersion.objects.filter(pk=mou.plan_version_id).update(
        created_at=approved - dt.timedelta(days=7)
    )
    return mou


def load(world) -> None:
    ntt = world.partnerships["NTT-STUNTING-2025"]
    if not Agreement.objects.filter(partnership=ntt).exists():
        _signed_mou(
            world,
            "NTT-STUNTING-2025",
            title="Nota Kesepahaman Percepatan Penurunan Stunting di Kabupaten Timor Tengah Selatan",
            number="01/NK/PKPN-TTS/2025",
            place="Soe",
            signed_on=D(2025, 1, 20),
            in_force=D(2025, 2, 1),
        )
        donor, ngo = (
            world.partners[("NTT-STUNTING-2025", "dkpa")],
            world.partners[("NTT-STUNTING-2025", "ygsn")],
        )
        pks = create_agreement(
            partnership=ntt,
            kind=AgreementKind.PKS,
            title="Cooperation agreement on posyandu mentoring between DKPA and YGSN",
            language=Language.ENGLISH,
            parties=[donor, ngo],
            number="02/PKS/DKPA-YGSN/2025",
            place="Kupang",
            created_by=world.users["koordinator"],
        )
        submit_for_review(agreement=pks, submitted_by=world.users["koordinator"])
        approve_for_party(
            party=pks.parties.get(partner=donor), approved_by=world.users["koordinator"]
        )
    sulsel = world.partnerships["SULSEL-UMKM-2023"]
    if not Agreement.objects.filter(partnership=sulsel).exists():
        _signed_mou(
            world,
            "SULSEL-UMKM-2023",
            title="Nota Kesepahaman Literasi Digital untuk UMKM Perempuan di Kota Makassar",
            number="03/NK/PKPN-MKS/2023",
            place="Makassar",
            signed_on=D(2023, 3, 20),
            in_force=D(2023, 4, 1),
        )
