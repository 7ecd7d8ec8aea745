"""What a report says: every section's figures gathered from the cycle apps, in the report's
language, as plain JSON (the snapshot a finalised report keeps).

`report_content(report)` is the one data function: the documents (PDF, DOCX, Excel) only lay
it out, so they show the same content, and a portfolio report can gather the same sections per
partnership. Each section is `{"kind", "title", "number", "paragraphs", "tables", "charts",
"notes"}`; a table is `{"title", "columns", "rows" (text as shown), "cells" (plain values for
Excel)}`.
"""

import base64
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from babel.dates import format_date
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from simitra.early_warning.models import Alert, Level, PartnershipWarning
from simitra.early_warning.warning import Signal
from simitra.governance.models import Decision, Meeting
from simitra.health.selectors import latest_results
from simitra.lib.money import format_money
from simitra.lib.numbers import format_number, format_percent, format_score
from simitra.planning.models import Activity, ActivityStatus, activity_is_overdue
from simitra.resources.models import Category, Pledge
from simitra.resources.selectors import partner_label, partnership_balance
from simitra.results import rollup
from simitra.results.models import BeneficiaryGroup, Indicator, IndicatorValue
from simitra.results.progress import PeriodPoint, indicator_progress
from simitra.results.selectors import (
    attach_progress,
    indicators_with_progress_data,
    progress_input,
)
from simitra.risks.models import Risk

from . import charts
from .models import SectionKind


def long_date(day: dt.date | None, lang: str) -> str:
    return format_date(day, "d MMMM yyyy", locale=lang) if day else "—"


def _table(title: str, columns: list[str], rows: list[list], shown: list[list[str]]) -> dict:
    return {"title": title, "columns": columns, "cells": rows, "rows": shown}


def _plain(value):
    """A cell for Excel: numbers stay numbers, the rest text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _running_total_progress(indicator, today: dt.date):
    """The results app's path measure for an incremental indicator: its periods' targets and
    approved values as running totals, the levels the measure reads."""
    data = progress_input(indicator)
    target = actual = Decimal(0)
    points = []
    for point in sorted(data.periods, key=lambda p: p.end):
        target += point.target or 0
        if point.actual is not None:
            actual += point.actual
        points.append(
            PeriodPoint(
                point.start,
                point.end,
                target if point.target is not None else None,
                actual if point.actual is not None else None,
            )
        )
    return indicator_progress(replace(data, periods=points), today)


def _level(state: str) -> str:
    return str(Level(state).label) if state in Level.values else state


class Builder:
    def __init__(self, partnership, *, language: str, start: dt.date, end: dt.date, today):
        self.partnership = partnership
        self.lang = language
        self.start, self.end = start, end
        self.today = today
        self.currency = partnership.currency

    def num(self, value) -> str:
        return format_number(value, lang=self.lang)

    def money(self, value) -> str:
        return format_money(value, self.currency, self.lang)

    def table(self, title, columns, rows):
        return _table(
            title,
            [str(c) for c in columns],
            [[_plain(v) for v, _shown in row] for row in rows],
            [[shown for _v, shown in row] for row in rows],
        )

    # --- sections -------------------------------------------------------------------------

    def cover(self, section) -> dict:
        p = self.partnership
        partners = [partner_label(x) for x in p.confirmed_partners()]
        return {
            "paragraphs": [
                _("Partnership: %(title)s (%(code)s).") % {"title": p.title, "code": p.code},
                _("Reporting period: %(start)s – %(end)s.")
                % {
                    "start": long_date(self.start, self.lang),
                    "end": long_date(self.end, self.lang),
                },
                _("Partners: %(names)s.") % {"names": ", ".join(partners) or "—"},
                *([p.summary] if p.summary else []),
            ]
        }

    def activities(self, section) -> dict:
        rows, late = [], 0
        activities = (
            Activity.objects.filter(partnership=self.partnership)
            .current()
            .select_related("responsible__organisation")
            .order_by("start_date", "position", "pk")
        )
        for a in activities:
            overdue = activity_is_overdue(end=a.end_date, status=a.status, on=self.end)
            late += overdue
            rows.append(
                [
                    (a.title, a.title),
                    (
                        partner_label(a.responsible) if a.responsible else "",
                        partner_label(a.responsible) if a.responsible else "—",
                    ),
                    (a.start_date, long_date(a.start_date, self.lang)),
                    (a.end_date, long_date(a.end_date, self.lang)),
                    (a.progress, format_percent(Decimal(a.progress) / 100, lang=self.lang)),
                    (
                        str(ActivityStatus(a.status).label),
                        str(ActivityStatus(a.status).label)
                        + (" ⚠ " + _("late") if overdue else ""),
                    ),
                ]
            )
        columns = [
            _("Activity"),
            _("Responsible"),
            _("Start"),
            _("End"),
            _("Progress"),
            _("Status"),
        ]
        bars = [(r[0][1], r[4][0] or 0) for r in rows]
        return {
            "paragraphs": [
                _("%(count)d activities in the plan, %(late)d late at the end of the period.")
                % {"count": len(rows), "late": late}
            ],
            "tables": [self.table(_("Activities"), columns, rows)] if rows else [],
            "charts": [charts.progress_bars(_("Progress of the activities"), bars, self.lang)]
            if bars
            else [],
        }

    def results(self, section) -> dict:
        indicators = attach_progress(
            indicators_with_progress_data(self.partnership).prefetch_related(
                "dimensions__categories"
            ),
            today=self.end,
        )
        category_values = defaultdict(list)
        for value in (
            IndicatorValue.objects.approved()
            .filter(
                period__indicator__partnership=self.partnership,
                period__end__lte=self.end,
                category__isnull=False,
            )
            .select_related("period", "category")
        ):
            category_values[value.period.indicator_id].append(value)
        rows, tables, paths, bars, notes = [], [], [], [], []
        for ind in indicators:
            kind = rollup.kind_of(ind.measure, ind.accumulation)
            periods = [p for p in ind.periods.all() if p.end <= self.end]
            values = [
                rollup.PeriodValue(p.end, p.approved_totals[0].value)
                for p in periods
                if p.approved_totals and p.approved_totals[0].value is not None
            ]
            actual = rollup.over_periods(kind, values)
            targets = [p for p in periods if p.target is not None]
            if kind == rollup.INCREMENTAL:
                target = sum((p.target for p in targets), Decimal(0)) if targets else None
            else:
                target = max(targets, key=lambda p: p.end).target if targets else None
            share = None
            if actual.value is not None and target:
                lower = ind.direction == Indicator.Direction.LOWER
                # Lower is better (stunting): reaching the target means getting down to it.
                share = (
                    (target / actual.value if actual.value else None)
                    if lower
                    else actual.value / target
                )
            on_path = ind.progress.on_path
            if kind == rollup.INCREMENTAL:
                on_path = _running_total_progress(ind, self.end).on_path
            path_text = "—" if on_path is None else (_("on path") if on_path else _("behind"))
            rows.append(
                [
                    (ind.code or "", ind.code or "—"),
                    (ind.title, ind.title),
                    (ind.unit, ind.unit or "—"),
                    (ind.baseline_value, self.num(ind.baseline_value)),
                    (target, self.num(target)),
                    (actual.value, self.num(actual.value)),
                    (share, format_percent(share, lang=self.lang)),
                    (path_text, path_text),
                ]
            )
            if share is not None:
                bars.append((ind.title, float(min(share, Decimal(2)) * 100)))
            if kind != rollup.QUALITATIVE and len(ind.periods.all()) > 1:
                paths.append(
                    charts.indicator_path(
                        ind.title,
                        [(p.end, p.target) for p in ind.periods.all()],
                        [(v.end, v.value) for v in values],
                        self.lang,
                    )
                )
            tables.extend(self._breakdown(ind, kind, actual.value, category_values[ind.pk], notes))
        columns = [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Actual"),
            _("% of target"),
            pgettext("indicator against its planned path", "Path"),
        ]
        return {
            "paragraphs": [
                _(
                    "Values are approved values up to the end of the period, rolled up by the rule "
                    "of each indicator's kind (cumulative: the latest; incremental: the sum; "
                    "percentage: never added)."
                )
            ],
            "tables": ([self.table(_("Indicators"), columns, rows)] if rows else []) + tables,
            "charts": (
                [charts.progress_bars(_("Share of the target reached"), bars, self.lang)]
                if bars
                else []
            )
            + paths,
            "notes": notes,
        }

    def _breakdown(self, ind, kind, total, values, notes) -> list[dict]:
        tables = []
        for dimension in ind.dimensions.all():
            category_rows = []
            for category in dimension.categories.all():
                own = [
                    rollup.PeriodValue(v.period.end, v.value)
                    for v in values
                    if v.category_id == category.pk and v.value is not None
                ]
                figure = rollup.over_periods(kind, own).value
                if figure is not None:
                    category_rows.append(rollup.CategoryValue(category.name, figure))
            if not category_rows:
                continue
            combined = rollup.across_categories(kind, category_rows, total)
            rows = [[(c.name, c.name), (c.value, self.num(c.value))] for c in category_rows]
            rows.append([(_("All"), _("All")), (combined.value, self.num(combined.value))])
            tables.append(
                self.table(f"{ind.title} — {dimension.name}", [dimension.name, _("Actual")], rows)
            )
            for reason in combined.reasons if combined.adds_up is False or combined.flagged else []:
                notes.append(f"{ind.title} ({dimension.name}): {reason}")
        return tables

    def beneficiaries(self, section) -> dict:
        groups = BeneficiaryGroup.objects.filter(partnership=self.partnership).prefetch_related(
            "counts__category__dimension"
        )
        rows, breakdown = [], []
        for g in groups:
            share = Decimal(g.reached) / g.planned if g.planned else None
            rows.append(
                [
                    (g.name, g.name),
                    (g.planned, self.num(g.planned)),
                    (g.reached, self.num(g.reached)),
                    (share, format_percent(share, lang=self.lang)),
                ]
            )
            for c in g.counts.all():
                breakdown.append(
                    [
                        (g.name, g.name),
                        (str(c.category), str(c.category)),
                        (c.planned, self.num(c.planned)),
                        (c.reached, self.num(c.reached)),
                    ]
                )
        tables = []
        if rows:
            tables.append(
                self.table(
                    _("Beneficiaries"),
                    [_("Target group"), _("Planned"), _("Reached"), _("% of plan")],
                    rows,
                )
            )
        if breakdown:
            tables.append(
                self.table(
                    _("Beneficiaries by category"),
                    [_("Target group"), _("Category"), _("Planned"), _("Reached")],
                    breakdown,
                )
            )
        return {"tables": tables}

    def contributions(self, section) -> dict:
        balance = partnership_balance(self.partnership, today=self.end)
        pledges = (
            Pledge.objects.active()
            .filter(partnership=self.partnership)
            .with_delivered()
            .select_related("partner__organisation")
        )
        sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for pledge in pledges:
            key = (partner_label(pledge.partner), pledge.category)
            sums[key][0] += pledge.estimated_value * pledge.exchange_rate
            sums[key][1] += pledge.delivered_amount * pledge.exchange_rate
        rows = []
        for (partner, category), (pledged, delivered) in sorted(sums.items()):
            share = delivered / pledged if pledged else None
            label = str(Category(category).label)
            rows.append(
                [
                    (partner, partner),
                    (label, label),
                    (pledged, self.money(pledged)),
                    (delivered, self.money(delivered)),
                    (share, format_percent(share, lang=self.lang)),
                ]
            )
        partner_rows = [
            [
                (b.name, b.name),
                (b.pledged, self.money(b.pledged)),
                (b.delivered, self.money(b.delivered)),
                (b.score, format_score(b.score, lang=self.lang)),
            ]
            for b in balance.partners
        ]
        shares = [(b.name, float(b.pledged), float(b.delivered)) for b in balance.partners]
        return {
            "paragraphs": [
                _(
                    "Pledged in all: %(pledged)s; delivered: %(delivered)s. Balance index: %(index)s."
                )
                % {
                    "pledged": self.money(balance.total_pledged),
                    "delivered": self.money(balance.total_delivered),
                    "index": format_score(balance.index, lang=self.lang),
                },
                *balance.reasons,
            ],
            "tables": [
                self.table(
                    _("Contributions by partner and category"),
                    [_("Partner"), _("Category"), _("Pledged"), _("Delivered"), _("% delivered")],
                    rows,
                ),
                self.table(
                    _("Balance per partner"),
                    [_("Partner"), _("Pledged"), _("Delivered"), _("Score")],
                    partner_rows,
                ),
            ]
            if rows
            else [],
            "charts": [
                charts.contribution_shares(_("Contributions per partner"), shares, self.lang)
            ]
            if shares
            else [],
        }

    def risks(self, section) -> dict:
        risks = (
            Risk.objects.filter(partnership=self.partnership)
            .active()
            .select_related("category")
            .prefetch_related("shares__partner__organisation")
        )
        risks = sorted(risks, key=lambda r: -r.score)[:10]
        rows = []
        for r in risks:
            shares = ", ".join(
                f"{partner_label(s.partner)} {format_number(s.percent, lang=self.lang)}%"
                for s in r.shares.all()
            )
            rows.append(
                [
                    (r.title, r.title),
                    (str(r.category.label), str(r.category.label)),
                    (r.score, self.num(r.score)),
                    (shares, shares or "—"),
                    (r.mitigation, r.mitigation or "—"),
                ]
            )
        columns = [_("Risk"), _("Category"), _("Score"), _("Shares"), _("Mitigation")]
        return {"tables": [self.table(_("Top risks"), columns, rows)] if rows else []}

    def governance(self, section) -> dict:
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=timezone.get_current_timezone())
        end = dt.datetime.combine(self.end, dt.time.max, tzinfo=timezone.get_current_timezone())
        meetings = list(
            Meeting.objects.filter(
                partnership=self.partnership, starts_at__range=(start, end)
            ).order_by("starts_at")
        )
        decisions = list(
            Decision.objects.filter(partnership=self.partnership)
            .filter(Q(meeting__starts_at__range=(start, end)) | Q(due_date__lte=self.end))
            .select_related("owner__organisation")
            .order_by("due_date")
        )
        overdue = [d for d in decisions if d.is_overdue(self.end)]
        rows = [
            [
                (m.title, m.title),
                (
                    timezone.localdate(m.starts_at),
                    long_date(timezone.localdate(m.starts_at), self.lang),
                ),
                (m.place, m.place or "—"),
            ]
            for m in meetings
        ]
        decision_rows = [
            [
                (d.text, d.text),
                (d.due_date, long_date(d.due_date, self.lang)),
                (d.get_status_display(), d.get_status_display() + (" ⚠" if d in overdue else "")),
            ]
            for d in decisions
        ]
        tables = []
        if rows:
            tables.append(
                self.table(_("Meetings held"), [_("Meeting"), _("Date"), _("Place")], rows)
            )
        if decision_rows:
            tables.append(
                self.table(
                    _("Decisions"), [_("Decision"), _("Due date"), _("Status")], decision_rows
                )
            )
        return {
            "paragraphs": [
                _(
                    "%(meetings)d meetings held in the period; %(decisions)d decisions, %(overdue)d overdue."
                )
                % {"meetings": len(meetings), "decisions": len(decisions), "overdue": len(overdue)}
            ],
            "tables": tables,
        }

    def health(self, section) -> dict:
        latest = latest_results([self.partnership.pk]).get(self.partnership.pk)
        if latest is None or not latest.results.shown:
            return {"paragraphs": [_("No closed health-check round yet.")]}
        results = latest.results
        rows = [
            [
                (q.label, q.label),
                (q.mean, format_score(q.mean, lang=self.lang)),
                (q.previous_mean, format_score(q.previous_mean, lang=self.lang)),
                (q.trend, format_score(q.trend, lang=self.lang)),
            ]
            for q in results.questions
        ]
        radar = [(q.label, q.mean or 0, q.previous_mean) for q in results.questions]
        return {
            "paragraphs": [
                _("Latest round: %(title)s. Overall mean %(mean)s (before: %(previous)s).")
                % {
                    "title": latest.title,
                    "mean": format_score(results.overall_mean, lang=self.lang),
                    "previous": format_score(results.previous_overall_mean, lang=self.lang),
                }
            ],
            "tables": [
                self.table(
                    _("Health check"), [_("Question"), _("Mean"), _("Before"), _("Trend")], rows
                )
            ],
            "charts": [charts.radar(_("Health check"), radar)] if len(radar) >= 3 else [],
        }

    def warnings(self, section) -> dict:
        warning = PartnershipWarning.objects.filter(partnership=self.partnership).first()
        signals = [Signal.from_dict(s) for s in (warning.signals if warning else [])]
        rows = [
            [(s.label, s.label), (_level(s.state), _level(s.state)), (s.message, s.message)]
            for s in signals
            if s.raised
        ]
        alerts = Alert.objects.filter(
            partnership=self.partnership, raised_at__date__lte=self.end
        ).filter(Q(resolved_at__isnull=True) | Q(resolved_at__date__gte=self.start))
        done = [
            [
                (a.get_signal_display(), a.get_signal_display()),
                (
                    timezone.localdate(a.raised_at),
                    long_date(timezone.localdate(a.raised_at), self.lang),
                ),
                (
                    _("resolved")
                    if a.resolved_at
                    else (_("acknowledged") if a.acknowledged_at else _("open")),
                    _("resolved")
                    if a.resolved_at
                    else (_("acknowledged") if a.acknowledged_at else _("open")),
                ),
            ]
            for a in alerts
        ]
        tables = []
        if rows:
            tables.append(
                self.table(_("Signals raised"), [_("Signal"), _("Level"), _("What to do")], rows)
            )
        if done:
            tables.append(
                self.table(
                    _("Alerts and what was done"), [_("Signal"), _("Raised"), _("State")], done
                )
            )
        return {
            "paragraphs": [] if rows or done else [_("No early-warning signal raised.")],
            "tables": tables,
        }

    def narrative(self, section) -> dict:
        paragraphs = [line.strip() for line in section.text.splitlines() if line.strip()]
        author = partner_label(section.assigned_to) if section.assigned_to else ""
        return {
            "paragraphs": paragraphs or [_("(not written yet)")],
            "author": author,
        }

    def annex(self, section) -> dict:
        values = (
            IndicatorValue.objects.approved()
            .filter(period__indicator__partnership=self.partnership, period__end__lte=self.end)
            .exclude(evidence="")
            .select_related("period__indicator")
        )
        rows = [
            [
                (v.period.indicator.title, v.period.indicator.title),
                (v.period.end, long_date(v.period.end, self.lang)),
                (v.evidence.name.rsplit("/", 1)[-1], v.evidence.name.rsplit("/", 1)[-1]),
            ]
            for v in values
        ]
        if not rows:
            return {"paragraphs": [_("No evidence files recorded.")]}
        return {
            "tables": [
                self.table(_("Evidence"), [_("Indicator"), _("Period end"), _("File")], rows)
            ]
        }


@dataclass(frozen=True)
class SectionSpec:
    """What a section is, without a report: its kind, title and (narrative) text and author."""

    kind: str
    title: str = ""
    text: str = ""
    assigned_to: object = None


def partnership_sections(
    partnership,
    specs,
    *,
    language: str,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    progress=None,
) -> list[dict]:
    """The sections of `specs` (report sections or `SectionSpec`s) for one partnership and
    period, in `language`: the data function a report, and a portfolio report over several
    partnerships, are built from. `progress(number)` is told each section gathered."""
    today = today or timezone.localdate()
    builder = Builder(partnership, language=language, start=start, end=end, today=today)
    sections = []
    with translation.override(language):
        for number, section in enumerate(specs, 1):
            body = {"paragraphs": [], "tables": [], "charts": [], "notes": [], "author": ""}
            body.update(getattr(builder, section.kind)(section))
            sections.append(
                {
                    "kind": section.kind,
                    "title": section.title or str(SectionKind(section.kind).label),
                    "number": number,
                    **body,
                }
            )
            if progress is not None:
                progress(number)
    return sections


def partner_logos(partnership) -> list[dict]:
    """The confirmed partners' uploaded logos, as data (base64), so no document fetches a URL."""
    logos = []
    for partner in partnership.confirmed_partners():
        organisation = partner.organisation
        if not organisation or not organisation.logo:
            continue
        try:
            with organisation.logo.open("rb") as handle:
                data = handle.read()
        except (FileNotFoundError, ValueError):
            continue
        kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
        logos.append(
            {
                "name": organisation.name,
                "type": f"image/{kind}",
                "data": base64.b64encode(data).decode("ascii"),
            }
        )
    return logos


def report_content(report, today: dt.date | None = None, progress=None) -> dict:
    """Every section of `report` with its figures, in the report's language (plain JSON);
    `progress(number)` is told each section gathered."""
    today = today or timezone.localdate()
    lang = report.language
    return {
        "title": report.title,
        "language": lang,
        "partnership": report.partnership.title,
        "code": report.partnership.code,
        "period": f"{long_date(report.period_start, lang)} – {long_date(report.period_end, lang)}",
        "as_of": long_date(today, lang),
        "logos": partner_logos(report.partnership),
        "sections": partnership_sections(
            report.partnership,
            report.sections.select_related("assigned_to__organisation"),
            language=lang,
            start=report.period_start,
            end=report.period_end,
            today=today,
            progress=progress,
        ),
    }
