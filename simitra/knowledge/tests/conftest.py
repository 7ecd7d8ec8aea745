from types import SimpleNamespace

import pytest

from simitra.knowledge import services
from simitra.knowledge.models import Lesson, Practice, Visibility
from simitra.organisations.models import Sector
from simitra.partnerships.models import Partnership, Phase
from simitra.partnerships.testing import (
    build_world,
    make_organisation,
    make_partner,
    make_partnership,
)
from simitra.reference.models import Region, SdgTarget


@pytest.fixture
def sustaining(db):
    """The access cast, with the (private) partnership in Sustaining."""
    return build_world(phase=Phase.SUSTAINING)


def lesson(partnership, title="Pelajaran", visibility=Visibility.PUBLISHED, tags=(), **fields):
    fields.setdefault("phase", Phase.MANAGING)
    fields.setdefault("what_happened", "Kehadiran pelatihan menurun.")
    fields.setdefault("what_was_learned", "Peserta belajar dari sesama.")
    fields.setdefault("recommendation", "Siapkan pelatih sebaya.")
    return services.save_knowledge_item(
        item=Lesson(partnership=partnership, title=title, visibility=visibility, **fields),
        tag_names=list(tags),
        saved_by=None,
    )


def practice(partnership, title="Praktik", visibility=Visibility.PUBLISHED, tags=(), **fields):
    for name in ("summary", "context", "approach", "results", "replication_conditions"):
        fields.setdefault(name, f"Teks {name}.")
    fields.setdefault("contacts", "sekretariat@contoh.id")
    return services.save_knowledge_item(
        item=Practice(partnership=partnership, title=title, visibility=visibility, **fields),
        tag_names=list(tags),
        saved_by=None,
    )


@pytest.fixture
def portal_world(db, reference):
    """A published partnership (Makassar, SDG 8.3, theme 25010, a private-sector partner) with
    published and private knowledge, and a private partnership whose knowledge is 'published'
    but must stay hidden with it."""
    public = make_partnership(
        title="Literasi Digital UMKM Perempuan",
        code="PUB-UMKM",
        summary="Pelatihan pemasaran daring bagi usaha mikro.",
        visibility=Partnership.Visibility.PUBLIC,
        dac_sector="25010",
        phase=Phase.SUSTAINING,
    )
    public.regions.set(Region.objects.filter(code="73.71"))
    public.sdg_targets.set(SdgTarget.objects.filter(code="8.3"))
    make_partner(public, make_organisation("PT Pemasok", Sector.PRIVATE))
    hidden = make_partnership(
        title="Kemitraan Rahasia Air Bersih",
        code="PRIV-AIR",
        summary="Pelatihan pengelolaan air bagi desa.",
        dac_sector="14030",
    )
    hidden.regions.set(Region.objects.filter(code="52.03"))
    hidden.sdg_targets.set(SdgTarget.objects.filter(code="6.1"))
    return SimpleNamespace(
        public=public,
        hidden=hidden,
        public_practice=practice(
            public,
            "Kelas pemasaran oleh pelatih sebaya",
            summary="Anggota memasarkan produk secara daring.",
            tags=["UMKM"],
        ),
        private_practice=practice(
            public, "Draf praktik internal", Visibility.PRIVATE, summary="Pemasaran rahasia."
        ),
        public_lesson=lesson(public, "Pelatih sebaya lebih dipercaya"),
        private_lesson=lesson(
            public,
            "Pelajaran internal sensitif",
            Visibility.PRIVATE,
            what_happened="Pemasaran gagal.",
        ),
        hidden_practice=practice(
            hidden, "Praktik dari kemitraan rahasia", summary="Pemasaran air."
        ),
        hidden_lesson=lesson(hidden, "Pelajaran dari kemitraan rahasia"),
    )
