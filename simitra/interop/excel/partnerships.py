"""The partnerships list export (only the partnerships the user may see)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from simitra.partnerships.models import Partnership
from simitra.reference.models import CodelistItem

from .spec import Column, SheetSpec, register

COLUMNS = [
    Column("code", gettext_lazy("Code"), width=22),
    Column("title", gettext_lazy("Title"), width=50),
    Column("phase", gettext_lazy("Phase"), width=22),
    Column("status", gettext_lazy("Status"), width=14),
    Column("visibility", gettext_lazy("Visibility"), width=18),
    Column("start_date", gettext_lazy("Start date"), width=12),
    Column("end_date", gettext_lazy("End date"), width=12),
    Column("regions", gettext_lazy("Regions"), width=22),
    Column("sdg_targets", gettext_lazy("SDG targets"), width=16),
    Column("dac_sector", gettext_lazy("Sector (DAC)"), width=12),
    Column("dac_sector_name", gettext_lazy("Sector name"), width=40),
    Column("currency", gettext_lazy("Currency"), width=10),
    Column("partners", gettext_lazy("Confirmed partners"), width=12),
    Column("coordinators", gettext_lazy("Coordinators"), width=30),
]


def export_queryset(user):
    return (
        Partnership.objects.visible_to(user)
        .annotate(partner_count=Count("partners", filter=Q(partners__status="confirmed")))
        .prefetch_related("regions", "sdg_targets", "coordinators")
        .order_by("code")
    )


def export_rows(user):
    # The whole DAC codelist in one query (a few hundred short rows), names in the active language.
    sector_names = {
        item.code: item.localised_name
        for item in CodelistItem.objects.filter(codelist="Sector").only("code", "name", "name_id")
    }
    for partnership in export_queryset(user).iterator(chunk_size=500):
        yield {
            "code": partnership.code,
            "title": partnership.title,
            "phase": f"{partnership.phase}. {partnership.get_phase_display()}",
            "status": str(partnership.get_status_display()),
            "visibility": str(partnership.get_visibility_display()),
            "start_date": partnership.start_date,
            "end_date": partnership.end_date,
            "regions": ", ".join(sorted(r.code for r in partnership.regions.all())),
            "sdg_targets": ", ".join(t.code for t in partnership.sdg_targets.all()),
            "dac_sector": partnership.dac_sector,
            "dac_sector_name": sector_names.get(partnership.dac_sector, ""),
            "currency": partnership.currency,
            "partners": partnership.partner_count,
            "coordinators": ", ".join(
                sorted(u.display_name for u in partnership.coordinators.all())
            ),
        }


SPEC = register(
    SheetSpec(
        key="partnerships",
        order=20,
        title=gettext_lazy("Partnerships"),
        columns=COLUMNS,
        instructions=[],
        export_rows=export_rows,
        export_count=lambda user: Partnership.objects.visible_to(user).count(),
        importable=False,
    )
)
