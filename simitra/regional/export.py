"""The region view as an Excel workbook: the same figures, one sheet each."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from simitra.organisations.models import Sector


def _sheet(workbook, title, headers, rows):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    return sheet


def region_workbook(figures) -> bytes:
    sectors = dict(Sector.choices)
    workbook = Workbook()
    workbook.remove(workbook.active)
    plan = figures.plan
    about = _sheet(workbook, _("Plan"), [_("Plan"), str(plan)], [])
    about.append([_("Source"), plan.source])
    about.append([_("Year"), figures.filters.year or _("All years")])
    about.append([_("Partner sector"), sectors.get(figures.filters.sector, _("All sectors"))])
    about.append([_("SDG"), figures.filters.sdg or _("All SDGs")])
    about.append([_("Partnerships in the region"), figures.partnerships_in_region])
    about.append([_("Aligned partnerships"), figures.aligned_partnerships])
    rows = []
    for support in figures.support:
        if not support.sector_rows:
            rows.append(
                [support.code, support.name, 0, "", "", 0, 0, float(support.aligned_amount)]
            )
        for sector, pledged, delivered in support.sector_rows:
            rows.append(
                [
                    support.code,
                    support.name,
                    len(support.partnerships),
                    ", ".join(p[1] for p in support.partnerships),
                    str(sectors.get(sector, sector)),
                    float(pledged),
                    float(delivered),
                    float(support.aligned_amount),
                ]
            )
    _sheet(
        workbook,
        _("Priorities"),
        [
            _("Code"),
            _("Priority"),
            _("Partnerships"),
            _("Partnership codes"),
            _("Partner sector"),
            _("Pledged"),
            _("Delivered"),
            _("Aligned amount"),
        ],
        rows,
    )
    _sheet(
        workbook,
        _("Gaps"),
        [_("Code"), _("Priority")],
        [[g.code, g.name] for g in figures.gaps],
    )
    _sheet(
        workbook,
        _("Overlaps"),
        [_("Code"), _("District"), _("Year"), _("Partnership"), _("Amount")],
        [
            [
                o.item_code,
                f"{o.district_code} {o.district_name}",
                o.year,
                e.partnership_code,
                float(e.amount),
            ]
            for o in figures.overlaps
            for e in o.entries
        ],
    )
    _sheet(
        workbook,
        _("Indicators"),
        [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Year"),
            _("Target"),
            _("Achieved"),
            _("Share (%)"),
        ],
        [
            [
                i.code,
                i.name,
                i.unit,
                i.year,
                float(i.target),
                float(i.achieved),
                round(i.share * 100, 1) if i.share is not None else None,
            ]
            for i in figures.indicators
        ],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
