"""Early warning: the signals that say a partnership is getting into trouble while it can still
be saved (a pure measure: plain data in, signals and their reasons out; no ORM).

Every signal has a value, an amber and a red threshold, a state — ok, amber, red, or absent when
the data it needs is not there (it then says so instead of guessing) — and a sentence saying
what is wrong and what to do next. Days are counted in whole calendar days up to `today`; an
item is *overdue* when its date is more than `grace_days` (G, 7) days past.

    signal               value v                                            amber      red
    activities_overdue   activities not done (nor cancelled) whose end       v ≥ 1      v ≥ 3
                         date is more than G days past
    indicators_behind    quantitative indicators behind their expected      v ≥ 1      v ≥ 3
                         path (results.progress: shortfall > 10 % of the
                         planned change by the last period ended)
    pledges_past_due     contributions pledged or partly delivered whose     v ≥ 1      v ≥ 3
                         due date is more than G days past
    health_low           overall mean of the latest closed health-check     v < 3.0    v < 2.5
                         round (built-in dimensions, 1–5)
    health_falling       previous round's overall mean − latest one         v ≥ 0.5    v ≥ 1.0
    health_divergent     widest disagreement (range of partner means) on    v ≥ 1.5    v ≥ 2.5
                         any question of the latest closed round
    risks_unmitigated    open high risks (likelihood × impact ≥ 10) with    v ≥ 1      v ≥ 2
                         no mitigation written
    risks_unreviewed     open high risks whose review date is more than     v ≥ 1      v ≥ 3
                         G days past, or that have none
    governance_quiet     days since the last meeting held                   v ≥ 120    v ≥ 180
    decisions_overdue    open decisions whose due date is more than G       v ≥ 1      v ≥ 3
                         days past
    partners_silent      confirmed partners with nothing recorded for at    v ≥ 1      v ≥ 3
                         least S (120) days: no delivery, indicator value
                         submitted, health-check answer or attendance
                         (counted from joining when nothing at all)

Which signals are watched depends on the phase: overdue activities, pledges past due and high
risks from Building & planning (3) on; indicators, health and decisions from Managing (5) on;
governance quiet and silent partners in Managing and Reviewing (5–6) only, because in
Sustaining the joint work has ended.

The overall level:

    red      when at least one signal is red;
    amber    otherwise, when at least one signal is amber;
    green    otherwise, when at least one watched signal had its data;
    unknown  when no signal is watched in this phase, or none had its data.

The reasons of a red or amber level are the sentences of the raised signals, red ones first.
Health values are compared exactly (as decimals), so a value at a threshold reads the same
everywhere. Every threshold is configurable per deployment (see `conf.warning_thresholds`).

Each signal is declared once, in `KINDS` at the end of this module: code, label, phases, its
thresholds, its check and its sentence; `SIGNALS`, `LABELS`, `WATCHED_IN`, `FALLING_BELOW` and
`CHECKS` are views of that table. A new signal is a check function, a sentence function and a
row there (plus its amber and red fields in `Thresholds`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from simitra.governance.models import decision_is_overdue
from simitra.lib.money import format_money
from simitra.lib.numbers import format_number, format_score
from simitra.planning.models import ActivityStatus, activity_is_overdue
from simitra.resources.models import OPEN_PLEDGE_STATUSES
from simitra.results.progress import IndicatorData, indicator_progress
from simitra.risks.allocation import HIGH_RISK_SCORE, is_high

OK, AMBER, RED, ABSENT = "ok", "amber", "red", "absent"
GREEN, UNKNOWN = "green", "unknown"
LEVELS = (RED, AMBER, UNKNOWN, GREEN)  # from the most to the least worrying
LEVEL_RANK = {RED: 3, AMBER: 2, UNKNOWN: 1, GREEN: 0}

ACTIVITIES_OVERDUE = "activities_overdue"
INDICATORS_BEHIND = "indicators_behind"
PLEDGES_PAST_DUE = "pledges_past_due"
HEALTH_LOW = "health_low"
HEALTH_FALLING = "health_falling"
HEALTH_DIVERGENT = "health_divergent"
RISKS_UNMITIGATED = "risks_unmitigated"
RISKS_UNREVIEWED = "risks_unreviewed"
GOVERNANCE_QUIET = "governance_quiet"
DECISIONS_OVERDUE = "decisions_overdue"
PARTNERS_SILENT = "partners_silent"

# The phases a signal is watched in (see the module docstring).
_FROM_BUILDING = (3, 4, 5, 6, 7)
_FROM_MANAGING = (5, 6, 7)
_WHILE_WORKING = (5, 6)
ITEMS_SHOWN = 3


@dataclass(frozen=True)
class Thresholds:
    grace_days: int = 7
    activities_amber: int = 1
    activities_red: int = 3
    indicators_amber: int = 1
    indicators_red: int = 3
    pledges_amber: int = 1
    pledges_red: int = 3
    health_low_amber: Decimal = Decimal("3.0")
    health_low_red: Decimal = Decimal("2.5")
    health_fall_amber: Decimal = Decimal("0.5")
    health_fall_red: Decimal = Decimal("1.0")
    health_divergence_amber: Decimal = Decimal("1.5")
    health_divergence_red: Decimal = Decimal("2.5")
    high_risk_score: int = HIGH_RISK_SCORE  # the risks app's (risks.conf.high_risk_score)
    risks_unmitigated_amber: int = 1
    risks_unmitigated_red: int = 2
    risks_unreviewed_amber: int = 1
    risks_unreviewed_red: int = 3
    quiet_days_amber: int = 120
    quiet_days_red: int = 180
    decisions_amber: int = 1
    decisions_red: int = 3
    silent_days: int = 120
    silent_amber: int = 1
    silent_red: int = 3

    def pair(self, code: str) -> tuple:
        """(amber, red) thresholds of a signal."""
        prefix = KINDS_BY_CODE[code].thresholds
        return getattr(self, f"{prefix}_amber"), getattr(self, f"{prefix}_red")


# --- the data a partnership gives (gathered by early_warning.selectors) ----------------------


@dataclass(frozen=True)
class ActivityFact:
    title: str
    end: dt.date | None
    status: str


@dataclass(frozen=True)
class PledgeFact:
    description: str
    partner: str
    due: dt.date | None
    status: str
    value: Decimal  # in the partnership's currency
    delivered: Decimal  # in the partnership's currency


@dataclass(frozen=True)
class IndicatorFact:
    title: str
    data: IndicatorData


@dataclass(frozen=True)
class HealthFact:
    """The latest closed health-check round with answers (see health.selectors.latest_results)."""

    round_title: str
    shown: bool
    overall: float | None = None
    previous: float | None = None
    lowest_label: str = ""
    lowest_mean: float | None = None
    widest_label: str = ""
    widest: float | None = None  # None when only one partner answered


@dataclass(frozen=True)
class RiskFact:
    title: str
    score: int
    mitigated: bool
    review: dt.date | None
    closed: bool = False


@dataclass(frozen=True)
class DecisionFact:
    text: str
    due: dt.date
    open: bool


@dataclass(frozen=True)
class PartnerFact:
    name: str
    since: dt.date | None  # joined the partnership (or the partnership started)
    last_active: dt.date | None


@dataclass(frozen=True)
class PartnershipFacts:
    phase: int
    currency: str = "IDR"
    activities: tuple[ActivityFact, ...] = ()
    pledges: tuple[PledgeFact, ...] = ()
    indicators: tuple[IndicatorFact, ...] = ()
    health: HealthFact | None = None
    health_round_open: bool = False
    risks: tuple[RiskFact, ...] = ()
    last_meeting: dt.date | None = None
    next_meeting: dt.date | None = None
    decisions: tuple[DecisionFact, ...] = ()
    partners: tuple[PartnerFact, ...] = ()


# --- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    code: str
    state: str  # OK, AMBER, RED or ABSENT
    value: int | float | None = None
    amber: int | float | None = None
    red: int | float | None = None
    params: dict = field(default_factory=dict)  # plain JSON values, for the sentence

    @property
    def label(self) -> str:
        return str(KINDS_BY_CODE[self.code].label)

    @property
    def raised(self) -> bool:
        return self.state in (AMBER, RED)

    @property
    def message(self) -> str:
        """What is wrong and what to do next, in the active language."""
        return describe(self)

    @property
    def value_text(self) -> str:
        return _shown(self.value)

    @property
    def amber_text(self) -> str:
        return _shown(self.amber)

    @property
    def red_text(self) -> str:
        return _shown(self.red)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "state": self.state,
            "value": self.value,
            "amber": self.amber,
            "red": self.red,
            "params": self.params,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Signal":
        return cls(
            code=data["code"],
            state=data["state"],
            value=data.get("value"),
            amber=data.get("amber"),
            red=data.get("red"),
            params=data.get("params") or {},
        )


@dataclass(frozen=True)
class Warning:
    level: str
    signals: tuple[Signal, ...] = ()

    @property
    def raised(self) -> list[Signal]:
        """Red signals first, then amber, each group in the order of SIGNALS."""
        return [s for s in self.signals if s.state == RED] + [
            s for s in self.signals if s.state == AMBER
        ]

    @property
    def absent(self) -> list[Signal]:
        return [s for s in self.signals if s.state == ABSENT]

    @property
    def red_count(self) -> int:
        return sum(1 for s in self.signals if s.state == RED)

    @property
    def amber_count(self) -> int:
        return sum(1 for s in self.signals if s.state == AMBER)

    @property
    def reasons(self) -> list[str]:
        return level_reasons(self.level, self.signals)


def level_of(signals: tuple[Signal, ...]) -> str:
    """The overall level (see the module docstring)."""
    states = {s.state for s in signals}
    if RED in states:
        return RED
    if AMBER in states:
        return AMBER
    if OK in states:
        return GREEN
    return UNKNOWN


def level_reasons(level: str, signals) -> list[str]:
    signals = tuple(signals)
    if level in (RED, AMBER):
        return [s.message for s in Warning(level, signals).raised]
    if not signals:
        return [_("Nothing is watched in this phase yet: early warning starts with the plan.")]
    absent = [s.label for s in signals if s.state == ABSENT]
    if level == UNKNOWN:
        return [_("Nothing could be assessed yet: the data the signals need is not there.")]
    reasons = [_("No signal has crossed its threshold.")]
    if absent:
        reasons.append(
            _("Not assessed for lack of data: %(signals)s.") % {"signals": ", ".join(absent)}
        )
    return reasons


# --- the signals -------------------------------------------------------------------------------


def _count_state(value: int, amber, red) -> str:
    if value >= red:
        return RED
    if value >= amber:
        return AMBER
    return OK


def _decimal(value) -> Decimal:
    return Decimal(str(value))


def _grace_cutoff(today: dt.date, grace: int) -> dt.date:
    """An item counts as overdue here once its date is before this day: more than `grace`
    days past (the apps' own overdue rules, asked `on` this day)."""
    return today - dt.timedelta(days=grace)


def _late(day: dt.date | None, today: dt.date, grace: int) -> int | None:
    """Days past `day` when more than `grace`, else None."""
    if day is None:
        return None
    days = (today - day).days
    return days if days > grace else None


def _count_signal(code, items, thresholds: Thresholds, **params) -> Signal:
    """A signal whose value is the number of `items` ([label, days or other number], …),
    most days first; the first ITEMS_SHOWN go into the sentence."""
    amber, red = thresholds.pair(code)
    items = sorted(items, key=lambda item: -(item[1] or 0))
    return Signal(
        code=code,
        state=_count_state(len(items), amber, red),
        value=len(items),
        amber=amber,
        red=red,
        params={
            "items": [list(item) for item in items[:ITEMS_SHOWN]],
            "more": max(0, len(items) - ITEMS_SHOWN),
            **params,
        },
    )


def _plain(value):
    """A threshold as a plain JSON number."""
    return float(value) if isinstance(value, Decimal) else value


def _absent(code, thresholds: Thresholds, **params) -> Signal:
    amber, red = thresholds.pair(code)
    return Signal(code=code, state=ABSENT, amber=_plain(amber), red=_plain(red), params=params)


def activities_overdue(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    current = [a for a in facts.activities if a.status != ActivityStatus.CANCELLED]
    if not current:
        return _absent(ACTIVITIES_OVERDUE, t)
    cutoff = _grace_cutoff(today, t.grace_days)
    items = [
        [activity.title, (today - activity.end).days]
        for activity in current
        if activity_is_overdue(end=activity.end, status=activity.status, on=cutoff)
    ]
    return _count_signal(ACTIVITIES_OVERDUE, items, t, grace=t.grace_days)


def indicators_behind(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    assessed, items = 0, []
    for indicator in facts.indicators:
        progress = indicator_progress(indicator.data, today)
        if progress.on_path is None:
            continue
        assessed += 1
        if not progress.on_path:
            items.append([indicator.title, None])
    if not assessed:
        return _absent(INDICATORS_BEHIND, t, indicators=len(facts.indicators))
    return _count_signal(INDICATORS_BEHIND, items, t, assessed=assessed)


def pledges_past_due(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    if not facts.pledges:
        return _absent(PLEDGES_PAST_DUE, t)
    items, outstanding = [], Decimal(0)
    for pledge in facts.pledges:
        days = _late(pledge.due, today, t.grace_days)
        if pledge.status in OPEN_PLEDGE_STATUSES and days is not None:
            items.append([f"{pledge.partner}: {_short(pledge.description)}", days])
            outstanding += max(pledge.value - pledge.delivered, Decimal(0))
    return _count_signal(
        PLEDGES_PAST_DUE,
        items,
        t,
        grace=t.grace_days,
        outstanding=f"{outstanding:.2f}",
        currency=facts.currency,
    )


def _health_absent(code, facts: PartnershipFacts, t: Thresholds) -> Signal | None:
    if facts.health is None:
        return _absent(code, t, open_round=facts.health_round_open)
    if not facts.health.shown:
        return _absent(code, t, withheld=True, round=facts.health.round_title)
    return None


def health_low(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    absent = _health_absent(HEALTH_LOW, facts, t)
    if absent:
        return absent
    health = facts.health
    if health.overall is None:
        return _absent(HEALTH_LOW, t, round=health.round_title)
    value = _decimal(health.overall)
    state = RED if value < t.health_low_red else AMBER if value < t.health_low_amber else OK
    return Signal(
        code=HEALTH_LOW,
        state=state,
        value=float(value),
        amber=float(t.health_low_amber),
        red=float(t.health_low_red),
        params={
            "round": health.round_title,
            "lowest": health.lowest_label,
            "lowest_mean": health.lowest_mean,
        },
    )


def health_falling(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    absent = _health_absent(HEALTH_FALLING, facts, t)
    if absent:
        return absent
    health = facts.health
    if health.overall is None or health.previous is None:
        return _absent(HEALTH_FALLING, t, single=True, round=health.round_title)
    drop = _decimal(health.previous) - _decimal(health.overall)
    state = RED if drop >= t.health_fall_red else AMBER if drop >= t.health_fall_amber else OK
    return Signal(
        code=HEALTH_FALLING,
        state=state,
        value=float(drop),
        amber=float(t.health_fall_amber),
        red=float(t.health_fall_red),
        params={"round": health.round_title, "now": health.overall, "before": health.previous},
    )


def health_divergent(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    absent = _health_absent(HEALTH_DIVERGENT, facts, t)
    if absent:
        return absent
    health = facts.health
    if health.widest is None:
        return _absent(HEALTH_DIVERGENT, t, one_partner=True, round=health.round_title)
    value = _decimal(health.widest)
    amber, red = t.health_divergence_amber, t.health_divergence_red
    state = RED if value >= red else AMBER if value >= amber else OK
    return Signal(
        code=HEALTH_DIVERGENT,
        state=state,
        value=float(value),
        amber=float(amber),
        red=float(red),
        params={"round": health.round_title, "dimension": health.widest_label},
    )


def _high_risks(facts: PartnershipFacts, t: Thresholds) -> list[RiskFact]:
    return [r for r in facts.risks if not r.closed and is_high(r.score, t.high_risk_score)]


def risks_unmitigated(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    if not facts.risks:
        return _absent(RISKS_UNMITIGATED, t)
    high = _high_risks(facts, t)
    items = [[r.title, r.score] for r in high if not r.mitigated]
    return _count_signal(RISKS_UNMITIGATED, items, t, high=len(high), score=t.high_risk_score)


def risks_unreviewed(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    if not facts.risks:
        return _absent(RISKS_UNREVIEWED, t)
    high = _high_risks(facts, t)
    items = []
    for risk in high:
        if risk.review is None:
            items.append([risk.title, None])
        elif (days := _late(risk.review, today, t.grace_days)) is not None:
            items.append([risk.title, days])
    return _count_signal(
        RISKS_UNREVIEWED, items, t, high=len(high), score=t.high_risk_score, grace=t.grace_days
    )


def governance_quiet(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    next_meeting = facts.next_meeting.isoformat() if facts.next_meeting else None
    if facts.last_meeting is None:
        return _absent(GOVERNANCE_QUIET, t, next=next_meeting)
    days = (today - facts.last_meeting).days
    return Signal(
        code=GOVERNANCE_QUIET,
        state=_count_state(days, t.quiet_days_amber, t.quiet_days_red),
        value=days,
        amber=t.quiet_days_amber,
        red=t.quiet_days_red,
        params={"last": facts.last_meeting.isoformat(), "next": next_meeting},
    )


def decisions_overdue(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    if not facts.decisions:
        return _absent(DECISIONS_OVERDUE, t)
    cutoff = _grace_cutoff(today, t.grace_days)
    items = [
        [_short(decision.text), (today - decision.due).days]
        for decision in facts.decisions
        if decision_is_overdue(due=decision.due, is_open=decision.open, on=cutoff)
    ]
    return _count_signal(DECISIONS_OVERDUE, items, t, grace=t.grace_days)


def partners_silent(facts: PartnershipFacts, today, t: Thresholds) -> Signal:
    if not facts.partners:
        return _absent(PARTNERS_SILENT, t)
    items, assessed = [], 0
    for partner in facts.partners:
        reference = partner.last_active or partner.since
        if reference is None:
            continue  # neither a record nor a joining date: silence cannot be told
        assessed += 1
        days = (today - reference).days
        if days >= t.silent_days:
            items.append([partner.name, days, partner.last_active is None])
    if not assessed:
        return _absent(PARTNERS_SILENT, t, undated=True)
    return _count_signal(PARTNERS_SILENT, items, t, days=t.silent_days)


def assess(
    facts: PartnershipFacts, today: dt.date, thresholds: Thresholds | None = None
) -> Warning:
    """The signals watched in the partnership's phase and the overall level."""
    thresholds = thresholds or Thresholds()
    signals = tuple(
        kind.check(facts, today, thresholds) for kind in KINDS if facts.phase in kind.phases
    )
    return Warning(level=level_of(signals), signals=signals)


# --- the sentences ---------------------------------------------------------------------------


def _short(text: str, length: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _days(days: int) -> str:
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def _date(iso: str | None) -> str:
    day = parse_date(iso) if iso else None
    return date_format(day) if day else ""


def _shown(value) -> str:
    """A value or threshold for people: counts as whole numbers, scores with one decimal (two
    when the second matters), in the active language's format."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return format_number(value)
    return format_score(value)


def _items(signal: Signal, late: bool = True) -> str:
    """`title (12 days late), title (…)` and how many more."""
    parts = []
    for item in signal.params.get("items", []):
        label, number = item[0], item[1]
        if late and number is not None:
            parts.append(
                _("%(item)s (%(days)s late)") % {"item": label, "days": _days(int(number))}
            )
        else:
            parts.append(str(label))
    text = "; ".join(parts)
    more = signal.params.get("more", 0)
    if more:
        text += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return text


def _explain_activities_overdue(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        return _("No activities in the plan yet: nothing to check.")
    if state == OK:
        return _("No activity is more than %(days)s past its end date.") % {
            "days": _days(p["grace"])
        }
    return ngettext(
        "%(count)d activity is overdue: %(items)s. Agree a new date with the responsible "
        "partner, or record the progress made.",
        "%(count)d activities are overdue: %(items)s. Agree new dates with the responsible "
        "partners, or record the progress made.",
        n,
    ) % {"count": n, "items": _items(signal)}


def _explain_indicators_behind(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        if p.get("indicators"):
            return _(
                "No indicator has an approved value for a period that has ended yet: "
                "nothing to compare with the expected path."
            )
        return _("No indicators yet: nothing to compare with an expected path.")
    if state == OK:
        return ngettext(
            "The %(count)d indicator with a period ended is on its expected path.",
            "All %(count)d indicators with a period ended are on their expected path.",
            p["assessed"],
        ) % {"count": p["assessed"]}
    return ngettext(
        "%(count)d indicator is behind its expected path: %(items)s. Look for the cause with "
        "the responsible partner, then adjust the activities or, with everyone's agreement, "
        "the targets.",
        "%(count)d indicators are behind their expected path: %(items)s. Look for the causes "
        "with the responsible partners, then adjust the activities or, with everyone's "
        "agreement, the targets.",
        n,
    ) % {"count": n, "items": _items(signal, late=False)}


def _explain_pledges_past_due(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        return _("No contributions pledged yet: nothing to check.")
    if state == OK:
        return _("No contribution is more than %(days)s past its due date.") % {
            "days": _days(p["grace"])
        }
    outstanding = format_money(Decimal(p["outstanding"]), p.get("currency") or "IDR")
    return ngettext(
        "%(count)d contribution is past its due date and not fully delivered (%(money)s "
        "outstanding): %(items)s. Ask the partner for a delivery date, or revise the pledge "
        "together.",
        "%(count)d contributions are past their due date and not fully delivered (%(money)s "
        "outstanding): %(items)s. Ask the partners for delivery dates, or revise the pledges "
        "together.",
        n,
    ) % {"count": n, "money": outstanding, "items": _items(signal)}


def _explain_risks_unmitigated(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        return _("The risk register is empty: record the risks the partners share.")
    if state == OK:
        if not p["high"]:
            return _("No open high risk (likelihood × impact of %(score)d or more).") % {
                "score": p["score"]
            }
        return _("Every open high risk has a mitigation.")
    return ngettext(
        "%(count)d high risk has no mitigation: %(items)s. Agree with the risk owner how to "
        "reduce it, and who does what.",
        "%(count)d high risks have no mitigation: %(items)s. Agree with the risk owners how "
        "to reduce them, and who does what.",
        n,
    ) % {"count": n, "items": _items(signal, late=False)}


def _explain_risks_unreviewed(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        return _("The risk register is empty: record the risks the partners share.")
    if state == OK:
        if not p["high"]:
            return _("No open high risk (likelihood × impact of %(score)d or more).") % {
                "score": p["score"]
            }
        return _("Every open high risk has a review date that has not passed.")
    return ngettext(
        "%(count)d high risk is past its review date or has none: %(items)s. Review it with "
        "its owner and set the next review date.",
        "%(count)d high risks are past their review date or have none: %(items)s. Review "
        "them with their owners and set the next review dates.",
        n,
    ) % {"count": n, "items": _items(signal)}


def _explain_governance_quiet(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    after = ""
    if p.get("next"):
        after = " " + _("The next meeting is planned for %(date)s.") % {"date": _date(p["next"])}
    if state == ABSENT:
        return _("No meeting held yet: record the governance meetings here.") + after
    if state == OK:
        return (
            _("The last meeting was %(days)s ago (%(date)s).")
            % {"days": _days(n), "date": _date(p["last"])}
            + after
        )
    return (
        _(
            "No governance meeting for %(days)s (the last on %(date)s). Call the steering "
            "committee together: a partnership that stops meeting stops deciding."
        )
        % {"days": _days(n), "date": _date(p["last"])}
        + after
    )


def _explain_decisions_overdue(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        return _("No decisions recorded yet: nothing to check.")
    if state == OK:
        return _("No open decision is more than %(days)s past its due date.") % {
            "days": _days(p["grace"])
        }
    return ngettext(
        "%(count)d decision is overdue: %(items)s. Ask its owner how it stands and agree a "
        "new date at the next meeting.",
        "%(count)d decisions are overdue: %(items)s. Ask their owners how they stand and "
        "agree new dates at the next meeting.",
        n,
    ) % {"count": n, "items": _items(signal)}


def _explain_partners_silent(signal: Signal) -> str:
    p = signal.params
    state = signal.state
    n = signal.value
    if state == ABSENT:
        if p.get("undated"):
            return _(
                "No partner has recorded anything yet and none has a joining date: silence "
                "cannot be told."
            )
        return _("No confirmed partners yet: nothing to check.")
    if state == OK:
        return _("Every confirmed partner has recorded something in the last %(days)s.") % {
            "days": _days(p["days"])
        }
    names = []
    for name, days, never in p.get("items", []):
        if never:
            names.append(
                _("%(name)s (nothing since joining, %(days)s ago)")
                % {"name": name, "days": _days(days)}
            )
        else:
            names.append(_("%(name)s (silent for %(days)s)") % {"name": name, "days": _days(days)})
    text = "; ".join(names)
    if p.get("more"):
        text += " " + ngettext("and %(n)d more", "and %(n)d more", p["more"]) % {"n": p["more"]}
    return ngettext(
        "%(count)d partner has recorded nothing — no delivery, indicator value, health-check "
        "answer or attendance — for %(days)s or more: %(items)s. Contact them: silence often "
        "comes before withdrawal.",
        "%(count)d partners have recorded nothing — no delivery, indicator value, "
        "health-check answer or attendance — for %(days)s or more: %(items)s. Contact them: "
        "silence often comes before withdrawal.",
        n,
    ) % {"count": n, "days": _days(p["days"]), "items": text}


def _describe_health(signal: Signal) -> str:
    p, code, state = signal.params, signal.code, signal.state
    if state == ABSENT:
        if p.get("withheld"):
            return _(
                "The results of the latest round (%(round)s) are withheld to keep the answers "
                "anonymous: health is not assessed."
            ) % {"round": p["round"]}
        if p.get("single"):
            return _("Only one health-check round so far: no trend yet.")
        if p.get("one_partner"):
            return _("Only one partner answered the latest round: no disagreement to measure.")
        if p.get("open_round"):
            return _(
                "No health-check round has been closed yet. A round is open: close it once every "
                "partner has answered."
            )
        if p.get("round"):
            return _("The latest round has no answers to the built-in questions.")
        return _(
            "No health-check round has been closed yet: open one so that every partner rates "
            "the partnership."
        )
    if code == HEALTH_LOW:
        values = {
            "mean": format_score(signal.value),
            "round": p["round"],
            "threshold": format_score(signal.amber),
        }
        if state == OK:
            return _("Overall health is %(mean)s out of 5 in %(round)s.") % values
        lowest = ""
        if p.get("lowest"):
            lowest = " " + _("Lowest: %(dimension)s (%(mean)s).") % {
                "dimension": p["lowest"],
                "mean": format_score(p["lowest_mean"]),
            }
        return (
            _("Partnership health is low: %(mean)s out of 5 in %(round)s, below %(threshold)s.")
            % values
            + lowest
            + " "
            + _("Discuss the results with all partners and agree what to change.")
        )
    if code == HEALTH_FALLING:
        values = {"now": format_score(p["now"]), "before": format_score(p["before"])}
        if state == OK:
            return _("Overall health %(now)s, against %(before)s in the previous round.") % values
        return (
            _(
                "Partnership health is falling: %(now)s now, %(before)s in the previous round. Ask "
                "the partners what changed, at the next meeting."
            )
            % values
        )
    if state == OK:
        return _("The partners' means differ by at most %(range)s points on any question.") % {
            "range": format_score(signal.value)
        }
    return _(
        "Partners disagree on %(dimension)s: their means are %(range)s points apart. Talk with "
        "the partners who rated it lowest, before the gap grows."
    ) % {"dimension": p["dimension"], "range": format_score(signal.value)}


# --- the signals, each declared once ---------------------------------------------------------


@dataclass(frozen=True)
class SignalKind:
    """One early-warning signal: its code, label, the phases it is watched in, the prefix of its
    amber and red fields in `Thresholds`, whether it is raised when the value falls BELOW them
    (every other one is raised when the value reaches them), its check and its sentence."""

    code: str
    label: str
    phases: tuple[int, ...]
    thresholds: str
    check: Callable[[PartnershipFacts, dt.date, Thresholds], Signal]
    explain: Callable[[Signal], str]
    falls_below: bool = False


KINDS = (
    SignalKind(
        ACTIVITIES_OVERDUE,
        gettext_lazy("Overdue activities"),
        _FROM_BUILDING,
        "activities",
        activities_overdue,
        _explain_activities_overdue,
    ),
    SignalKind(
        INDICATORS_BEHIND,
        gettext_lazy("Indicators behind their path"),
        _FROM_MANAGING,
        "indicators",
        indicators_behind,
        _explain_indicators_behind,
    ),
    SignalKind(
        PLEDGES_PAST_DUE,
        gettext_lazy("Contributions past due"),
        _FROM_BUILDING,
        "pledges",
        pledges_past_due,
        _explain_pledges_past_due,
    ),
    SignalKind(
        HEALTH_LOW,
        gettext_lazy("Low health"),
        _FROM_MANAGING,
        "health_low",
        health_low,
        _describe_health,
        falls_below=True,
    ),
    SignalKind(
        HEALTH_FALLING,
        gettext_lazy("Falling health"),
        _FROM_MANAGING,
        "health_fall",
        health_falling,
        _describe_health,
    ),
    SignalKind(
        HEALTH_DIVERGENT,
        gettext_lazy("Partners disagree"),
        _FROM_MANAGING,
        "health_divergence",
        health_divergent,
        _describe_health,
    ),
    SignalKind(
        RISKS_UNMITIGATED,
        gettext_lazy("High risks without mitigation"),
        _FROM_BUILDING,
        "risks_unmitigated",
        risks_unmitigated,
        _explain_risks_unmitigated,
    ),
    SignalKind(
        RISKS_UNREVIEWED,
        gettext_lazy("High risks not reviewed"),
        _FROM_BUILDING,
        "risks_unreviewed",
        risks_unreviewed,
        _explain_risks_unreviewed,
    ),
    SignalKind(
        GOVERNANCE_QUIET,
        gettext_lazy("Governance gone quiet"),
        _WHILE_WORKING,
        "quiet_days",
        governance_quiet,
        _explain_governance_quiet,
    ),
    SignalKind(
        DECISIONS_OVERDUE,
        gettext_lazy("Decisions overdue"),
        _FROM_MANAGING,
        "decisions",
        decisions_overdue,
        _explain_decisions_overdue,
    ),
    SignalKind(
        PARTNERS_SILENT,
        gettext_lazy("Silent partners"),
        _WHILE_WORKING,
        "silent",
        partners_silent,
        _explain_partners_silent,
    ),
)
KINDS_BY_CODE = {kind.code: kind for kind in KINDS}

# Views of the table for the callers that need one column (choices, configuration, tests).
SIGNALS = tuple(kind.code for kind in KINDS)
LABELS = {kind.code: kind.label for kind in KINDS}
WATCHED_IN = {kind.code: kind.phases for kind in KINDS}
FALLING_BELOW = frozenset(kind.code for kind in KINDS if kind.falls_below)
CHECKS = {kind.code: kind.check for kind in KINDS}


def describe(signal: Signal) -> str:
    """The sentence of a signal: what is wrong and what to do next (or why it is fine, or what
    data is missing), in the active language."""
    kind = KINDS_BY_CODE.get(signal.code)
    if kind is None:
        raise ValueError(f"Unknown signal {signal.code!r}")
    return kind.explain(signal)
