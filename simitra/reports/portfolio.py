"""A portfolio report: the partnerships a reader may read, under filters, as one report.

It starts from `Partnership.objects.readable_by(user)` (the rules layer as a filter) and every
figure, total and annex row is computed from that one queryset, so no figure counts a
partnership the reader may not see. The content has the shape of `content.report_content`, so
the same documents (PDF, DOCX, Excel) lay it out. Every section is a fixed number of
aggregate queries: the query count does not grow with the number of partnerships.

Indicators are combined across partnerships only where they share an indicator code (national
SDG indicator codes such as `3.2.1` or `10.1.1.(f)`), by the rules of `results.rollup`: first
each partnership's figure over its periods (cumulative and percentage: the latest; incremental:
the sum), then across partnerships: numbers add up, percentages are never added (shown as their
range, with the number of partnerships), and indicators of one code with different kinds or
units are not combined at all.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Count, F, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simitra.early_warning.models import Level
from simitra.lib.money import format_money
from simitra.lib.numbers import format_number
from simitra.organisations.models import Sector
from simitra.partnerships.models import Partnership, Phase
from simitra.portfolio.forms import PortfolioFilterForm
from simitra.portfolio.mapdata import CLOSED, level_expression
from simitra.resources.models import Delivery, Pledge, PledgeStatus
from simitra.results import rollup
from simitra.results.models import Indicator, IndicatorValue

from .content import _plain, _table, long_date


class PortfolioReportForm(PortfolioFilterForm):
    """The portfolio's filters, a reporting period and the report's language."""

    start = forms.DateField(
        label=gettext_lazy("Period from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("Period to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Report language"),
        required=False,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period is before its start."))
        return data


def period_of(form: PortfolioReportForm, today: dt.date) -> tuple[dt.date, dt.date]:
    """The chosen period; by default the year so far."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    end = data.get("end") or today
    start = data.get("start") or end.replace(month=1, day=1)
    return start, end


def filtered(user, form: PortfolioReportForm, start: dt.date, end: dt.date):
    """The partnerships of the report: readable by `user`, under the form's filters, running
    at some time in the period (or without dates)."""
    partnerships = Partnership.objects.readable_by(user).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=end),
        Q(end_date__isnull=True) | Q(end_date__gte=start),
    )
    if not (form.is_bound and form.is_valid()):
        return partnerships
    data = form.cleaned_data
    for area in (data["province"], data["regency"]):
        if area:
            partnerships = partnerships.in_region(area.code)
    if data["sdg"]:
        partnerships = partnerships.with_sdg_goal(data["sdg"])
    if data["sector"]:
        partnerships = partnerships.with_confirmed_sector(data["sector"])
    if data["phase"]:
        partnerships = partnerships.filter(phase=data["phase"])
    if data["level"]:
        partnerships = partnerships.annotate(level_key=level_expression()).filter(
            level_key=data["level"]
        )
    return partnerships


def filter_summary(form: PortfolioReportForm) -> str:
    """The filters in words, for the cover ("Province: Nusa Tenggara Timur; SDG: 2")."""
    if not (form.is_bound and form.is_valid()):
        return _("No filter")
    data, parts = form.cleaned_data, []
    if data["province"]:
        parts.append(f"{_('Province')}: {data['province'].name}")
    if data["regency"]:
        parts.append(f"{_('Regency')}: {data['regency'].name}")
    if data["sdg"]:
        parts.append(f"{_('SDG')}: {data['sdg'].number}")
    if data["sector"]:
        parts.append(f"{_('Partner sector')}: {Sector(data['sector']).label}")
    if data["phase"]:
        parts.append(f"{_('Phase')}: {Phase(data['phase']).label}")
    if data["level"]:
        labels = {**dict(Level.choices), CLOSED: _("Ended")}
        parts.append(f"{_('Warning')}: {labels[data['level']]}")
    return "; ".join(parts) or _("No filter")


@dataclass
class CodeFigure:
    """One indicator code across the partnerships that use it."""

    code: str
    title: str
    unit: str
    kind: str | None  # None: the partnerships' indicators of this code differ in kind or unit
    partnerships: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    without_value: int = 0
    rule: str = ""


def _rule(kind: str | None) -> str:
    return {
        rollup.CUMULATIVE: _(
            "Cumulative: the latest value of each partnership, then added across partnerships."
        ),
        rollup.INCREMENTAL: _(
            "Incremental: each partnership's values added over its periods, then across "
            "partnerships."
        ),
        rollup.PERCENTAGE: _(
            "A percentage: the latest value of each partnership; never added across "
            "partnerships: the lowest and the highest are shown."
        ),
        rollup.QUALITATIVE: _("A qualitative indicator is not rolled up."),
        None: _("Not combined: the indicators of this code differ in kind or unit."),
    }[kind]


def indicator_figures(ids, end: dt.date) -> list[CodeFigure]:
    """Indicators with a code, combined per code across the partnerships of `ids` (a values
    queryset), from approved totals of the periods ending by `end`: two queries."""
    indicators = list(
        Indicator.objects.filter(partnership__in=ids)
        .exclude(code="")
        .order_by("code", "partnership_id", "pk")
        .values("pk", "code", "title", "unit", "measure", "accumulation", "partnership_id")
    )
    values = defaultdict(list)
    for indicator_id, end_date, value in (
        IndicatorValue.objects.approved()
        .totals()
        .filter(
            period__indicator__partnership__in=ids,
            period__end__lte=end,
            value__isnull=False,
        )
        .exclude(period__indicator__code="")
        .values_list("period__indicator_id", "period__end", "value")
    ):
        values[indicator_id].append(rollup.PeriodValue(end_date, value))
    by_code = defaultdict(list)
    for indicator in indicators:
        by_code[indicator["code"].strip()].append(indicator)
    figures = []
    for code, group in sorted(by_code.items()):
        kinds = {rollup.kind_of(i["measure"], i["accumulation"]) for i in group}
        units = {i["unit"].strip().lower() for i in group}
        kind = kinds.pop() if len(kinds) == 1 and len(units) == 1 else None
        # A partnership with two indicators of one code: its figures are added as one (numbers)
        # or each taken (percentages), as two districts of one partnership would be.
        per_partnership = defaultdict(list)
        for indicator in group:
            per_partnership[indicator["partnership_id"]].append(indicator)
        figure = CodeFigure(
            code=code,
            title=group[0]["title"],
            unit=group[0]["unit"],
            kind=kind,
            partnerships=len(per_partnership),
            value=None,
            rule=_rule(kind),
        )
        figures.append(figure)
        if kind is None or kind == rollup.QUALITATIVE:
            continue
        own = []
        for members in per_partnership.values():
            rolled = [rollup.over_periods(kind, values[i["pk"]]).value for i in members]
            rolled = [v for v in rolled if v is not None]
            if not rolled:
                figure.without_value += 1
            own.extend(rolled)
        if not own:
            continue
        if kind == rollup.PERCENTAGE:
            figure.low, figure.high = min(own), max(own)
        else:
            figure.value = sum(own, Decimal(0))
    return figures


def _counts(partnerships) -> tuple[list, list]:
    phases = dict(partnerships.values("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    levels = dict(
        partnerships.annotate(level_key=level_expression())
        .values("level_key")
        .annotate(n=Count("pk"))
        .values_list("level_key", "n")
    )
    return (
        [(str(phase.label), phases.get(phase.value, 0)) for phase in Phase],
        [(str(label), levels.get(key, 0)) for key, label in [*Level.choices, (CLOSED, _("Ended"))]],
    )


def _contributions(ids, end: dt.date) -> list[dict]:
    """Pledged (active pledges) and delivered by `end`, by the contributing organisation's
    sector, one row per sector and currency (values in the partnership's currency)."""
    key = ("partner__organisation__sector", "partnership__currency")
    pledged = {
        (r[key[0]], r[key[1]]): r
        for r in Pledge.objects.active()
        .filter(partnership__in=ids)
        .values(*key)
        .annotate(total=Sum(F("estimated_value") * F("exchange_rate")), n=Count("pk"))
    }
    delivered = {
        (r["pledge__partner__organisation__sector"], r["pledge__partnership__currency"]): r["total"]
        for r in Delivery.objects.filter(pledge__partnership__in=ids, delivered_on__lte=end)
        .exclude(pledge__status=PledgeStatus.CANCELLED)
        .values("pledge__partner__organisation__sector", "pledge__partnership__currency")
        .annotate(total=Sum(F("amount") * F("pledge__exchange_rate")))
    }
    rows = []
    for (sector, currency), row in sorted(
        pledged.items(), key=lambda item: (item[0][1], -(item[1]["total"] or 0))
    ):
        rows.append(
            {
                "sector": sector,
                "currency": currency,
                "pledges": row["n"],
                "pledged": row["total"] or Decimal(0),
                "delivered": delivered.get((sector, currency)) or Decimal(0),
            }
        )
    return rows


def portfolio_content(
    partnerships, *, language: str, start: dt.date, end: dt.date, filters: str, today=None
) -> dict:
    """The portfolio report of `partnerships` (already narrowed to what the reader may read)
    in `language`: summary, counts, contributions, indicators by code, the partnerships."""
    today = today or timezone.localdate()
    ids = partnerships.values("pk")
    with translation.override(language):
        return _content(partnerships, ids, language, start, end, filters, today)


def _content(partnerships, ids, lang, start, end, filters, today) -> dict:
    def num(value):
        return format_number(value, lang=lang)

    def table(title, columns, rows):
        return _table(
            title,
            [str(c) for c in columns],
            [[_plain(v) for v, _shown in row] for row in rows],
            [[shown for _v, shown in row] for row in rows],
        )

    listed = list(
        partnerships.annotate(level_key=level_expression())
        .order_by("code")
        .values_list("code", "title", "phase", "level_key")
    )
    total = len(listed)
    phases, levels = _counts(partnerships)
    period = f"{long_date(start, lang)} – {long_date(end, lang)}"
    sections = []

    sections.append(
        {
            "kind": "cover",
            "title": _("Summary"),
            "paragraphs": [
                _("Partnerships in this report: %(count)s.") % {"count": num(total)},
                _("Filters: %(filters)s.") % {"filters": filters},
                _("Reporting period: %(period)s.") % {"period": period},
                _(
                    "Only the partnerships you may read are counted, in every figure, total "
                    "and annex."
                ),
            ],
        }
    )
    sections.append(
        {
            "kind": "counts",
            "title": _("Partnerships by phase and warning level"),
            "tables": [
                table(
                    _("By phase"),
                    [_("Phase"), _("Partnerships")],
                    [[(label, label), (n, num(n))] for label, n in phases]
                    + [[(_("All"), _("All")), (total, num(total))]],
                ),
                table(
                    _("By warning level"),
                    [_("Warning"), _("Partnerships")],
                    [[(label, label), (n, num(n))] for label, n in levels]
                    + [[(_("All"), _("All")), (total, num(total))]],
                ),
            ],
        }
    )
    sectors = dict(Sector.choices)
    contributions = _contributions(ids, end)
    sections.append(
        {
            "kind": "contributions",
            "title": _("Contributions by sector of partner"),
            "paragraphs": [
                _(
                    "Pledged: active pledges at their estimated value; delivered: deliveries "
                    "up to the end of the period. In each partnership's currency."
                )
            ],
            "tables": [
                table(
                    _("Contributions"),
                    [
                        _("Partner sector"),
                        _("Currency"),
                        _("Pledges"),
                        _("Pledged"),
                        _("Delivered"),
                    ],
                    [
                        [
                            (
                                str(sectors.get(r["sector"], "—")),
                                str(sectors.get(r["sector"], "—")),
                            ),
                            (r["currency"], r["currency"]),
                            (r["pledges"], num(r["pledges"])),
                            (r["pledged"], format_money(r["pledged"], r["currency"], lang)),
                            (r["delivered"], format_money(r["delivered"], r["currency"], lang)),
                        ]
                        for r in contributions
                    ],
                )
            ]
            if contributions
            else [],
        }
    )
    figures = indicator_figures(ids, end)
    rows = []
    for f in figures:
        if f.kind == rollup.PERCENTAGE and f.low is not None:
            shown = num(f.low) if f.low == f.high else f"{num(f.low)} – {num(f.high)}"
            plain = shown
        else:
            shown, plain = num(f.value), f.value
        rows.append(
            [
                (f.code, f.code),
                (f.title, f.title),
                (f.unit, f.unit or "—"),
                (f.partnerships, num(f.partnerships)),
                (plain, shown),
                (f.rule, f.rule),
            ]
        )
    sections.append(
        {
            "kind": "results",
            "title": _("Indicators by shared code"),
            "paragraphs": [
                _(
                    "Indicators are combined across partnerships only where they share an "
                    "indicator code (such as 3.2.1 or 10.1.1.(f)), from approved values up to "
                    "the end of the period. The rule of each row is shown beside it."
                )
            ],
            "tables": [
                table(
                    _("Indicators"),
                    [
                        _("Code"),
                        _("Indicator"),
                        _("Unit"),
                        _("Partnerships"),
                        _("Combined figure"),
                        _("Rule"),
                    ],
                    rows,
                )
            ]
            if rows
            else [],
            "notes": [
                _("%(code)s: %(count)s partnerships without an approved value yet.")
                % {"code": f.code, "count": num(f.without_value)}
                for f in figures
                if f.without_value
            ],
        }
    )
    phase_labels = dict(Phase.choices)
    level_labels = {**dict(Level.choices), CLOSED: _("Ended")}
    sections.append(
        {
            "kind": "annex",
            "title": _("Annex: the partnerships"),
            "tables": [
                table(
                    _("Partnerships"),
                    [_("Code"), _("Partnership"), _("Phase"), _("Warning")],
                    [
                        [
                            (code, code),
                            (title, title),
                            (str(phase_labels.get(phase, phase)),) * 2,
                            (str(level_labels.get(level, level)),) * 2,
                        ]
                        for code, title, phase, level in listed
                    ],
                )
            ]
            if listed
            else [],
        }
    )
    for number, section in enumerate(sections, 1):
        section.update(
            {
                "number": number,
                **{k: section.get(k, []) for k in ("paragraphs", "tables", "charts", "notes")},
                "author": "",
            }
        )
    return {
        "title": _("Portfolio report"),
        "language": lang,
        "partnership": _("Portfolio of %(count)s partnerships") % {"count": num(total)},
        "code": filters,
        "period": period,
        "as_of": long_date(today, lang),
        "sections": sections,
        "count": total,
        "figures": figures,
    }
