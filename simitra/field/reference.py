"""The reference lists a device keeps for working without a signal: the partnerships, pledges,
indicators, open periods and categories this user may record against, built through the rules
layer (only what the user may write, so only what they may read), and the forms' messages in
both languages, so the checks that need no server say what the server would say."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from simitra.governance.forms import DONE_ON_FUTURE, DONE_ON_MISSING
from simitra.governance.models import Attendance, Decision, Meeting
from simitra.governance.services import ALREADY_RECORDED
from simitra.health.models import HealthCheckRound
from simitra.lib.dates import local_date
from simitra.lib.forms import version_of
from simitra.partnerships.access import share_partnerships
from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.resources.models import Pledge, PledgeStatus
from simitra.results.models import DimensionCategory, Indicator, IndicatorValue, Period


def _number(value) -> str | None:
    return None if value is None else format(value, "f")


def logout_warning() -> str:
    return _(
        "%(count)s entries are still waiting to send. They are removed from this device "
        "when you log out. Export them first, or cancel and send them."
    )


def _messages() -> dict:
    """The texts of the server's own checks, taken from the same msgids the forms use."""
    decimal = forms.DecimalField()
    return {
        "required": str(forms.Field.default_error_messages["required"]),
        "number": str(decimal.error_messages["invalid"]),
        "min_zero": str(MinValueValidator.message) % {"limit_value": 0},
        "max_hundred": str(MaxValueValidator.message) % {"limit_value": 100},
        "future": _("A delivery cannot be dated in the future."),
        "evidence": _("Attach an evidence file or give a link to it."),
        "amount": _("Give the value delivered."),
        "taken": _("This period already has a value for this category; edit that one."),
        "saved_delivery": _("Delivery recorded."),
        "saved_value": _("Value saved as a draft. Submit it when it is final."),
        "score": _("Choose a score from 1 to 5."),
        "saved_health": _("Thank you: your answers are saved."),
        "done_on_missing": str(DONE_ON_MISSING),
        "done_on_future": str(DONE_ON_FUTURE),
        "saved_decision": _("Progress saved."),
        "already_recorded": str(ALREADY_RECORDED),
        # The day is the meeting's, put in on the device (`governance.forms.not_held_yet`).
        "not_held": _(
            "This meeting is on %(day)s: who was present can be recorded from that day on. "
            "Before it, record only apologies (excused)."
        ),
        "saved_attendance": _("Attendance recorded."),
        "waiting": _("Waiting to send"),
        "offline": _("No connection: the entry is kept on this device and sent later."),
        "login": _("Your session has ended: log in again, then send the entries."),
        "failed": _("The server did not answer; the entry stays waiting and is sent later."),
        "stored": _("Saved on this device: waiting to send."),
        "discard": _("Discard this entry? It is not sent and cannot be recovered."),
        "logout": logout_warning(),
        "imported": _("%(count)s entries imported into the outbox."),
        "bad_file": _("This file is not a Simitra outbox export."),
    }


def messages_in_both_languages() -> dict:
    out = {}
    for code in ("id", "en"):
        with translation.override(code):
            out[code] = _messages()
    return out


def reference_lists(user) -> dict:
    """What the user's device needs to fill the field forms offline."""
    today = timezone.localdate()
    partnerships = list(Partnership.objects.visible_to(user).order_by("title"))
    pledges = list(
        Pledge.objects.filter(partnership__in=partnerships)
        # Cancelled, or delivered in full: nothing more can be recorded against it.
        .exclude(status__in=[PledgeStatus.CANCELLED, PledgeStatus.DELIVERED])
        .select_related("partnership", "partner__organisation")
        .order_by("partnership__title", "pk")
    )
    share_partnerships(user, pledges)
    pledges = [p for p in pledges if user.has_perm("resources.add_delivery", p)]

    indicators = list(
        Indicator.objects.filter(partnership__in=partnerships)
        .select_related("partnership", "responsible_partner__organisation")
        .prefetch_related("dimensions")
        .order_by("partnership__title", "pk")
    )
    share_partnerships(user, indicators)
    indicators = [i for i in indicators if user.has_perm("results.enter_value", i)]
    periods = Period.objects.filter(
        indicator__in=indicators, start__lte=today, closed_at__isnull=True
    ).order_by("-start")
    taken: dict[int, list] = {}
    for period_id, category_id in IndicatorValue.objects.filter(period__in=periods).values_list(
        "period_id", "category_id"
    ):
        taken.setdefault(period_id, []).append(category_id)
    categories = DimensionCategory.objects.filter(
        dimension__in={d for i in indicators for d in i.dimensions.all()}
    ).select_related("dimension")

    slots = {
        i.pk: {None, *(c.pk for c in categories if c.dimension in i.dimensions.all())}
        for i in indicators
    }
    # An open period: it has begun, is not closed, and has room for a value (the whole population's, or a
    # category's); the rest has its value already and is edited on its own page.
    periods = [p for p in periods if slots[p.indicator_id] - set(taken.get(p.pk, []))]
    rounds = _open_rounds(user, partnerships)
    own = _own_partners(user, partnerships)
    decisions = _open_decisions(user, partnerships)
    meetings = _meetings(user, partnerships, own)
    used = (
        {p.partnership_id for p in pledges}
        | {i.partnership_id for i in indicators}
        | {r.partnership_id for r in rounds}
        | {d.partnership_id for d in decisions}
        | {m.partnership_id for m in meetings}
    )
    codes = {p.pk: p.code for p in partnerships}
    return {
        "today": today.isoformat(),
        "partnerships": [{"code": p.code, "name": p.title} for p in partnerships if p.pk in used],
        "pledges": [
            {
                "id": p.pk,
                "partnership": p.partnership.code,
                "label": f"{p.partner.organisation.name}: {p.description[:80]}",
                "currency": p.currency,
                "unit": p.unit,
                "valued": p.estimated_value > 0,
            }
            for p in pledges
        ],
        "indicators": [
            {
                "id": i.pk,
                "partnership": i.partnership.code,
                "label": i.title,
                "measure": i.measure,
                "categories": [
                    {"id": c.pk, "label": f"{c.dimension.name}: {c.name}"}
                    for c in categories
                    if c.dimension in i.dimensions.all()
                ],
            }
            for i in indicators
        ],
        "periods": [
            {
                "id": p.pk,
                "indicator": p.indicator_id,
                "label": f"{date_format(p.start)} – {date_format(p.end)}",
                "target": _number(p.target),
                "taken": taken.get(p.pk, []),
            }
            for p in periods
        ],
        "health_rounds": [
            {
                "id": r.pk,
                "partnership": r.partnership.code,
                "label": r.title,
                "due": r.due_date.isoformat() if r.due_date else None,
                "questions": [{"id": q.pk, "label": q.statement} for q in r.questions.all()],
            }
            for r in rounds
        ],
        # The partners the user acts for, per partnership: a picker on the device where
        # there are several (attendance, health check).
        "partners": {
            codes[pk]: [{"id": p.pk, "label": p.organisation.name} for p in mine]
            for pk, mine in own.items()
            if pk in used
        },
        "decisions": [
            {
                "id": d.pk,
                "partnership": d.partnership.code,
                "label": d.text[:80],
                "owner": d.owner.organisation.name,
                "status": d.status,
                "status_label": d.get_status_display(),
                "due": d.due_date.isoformat(),
                "due_label": date_format(d.due_date),
                "version": version_of(d),
            }
            for d in decisions
        ],
        "meetings": [
            {
                "id": m.pk,
                "partnership": m.partnership.code,
                "label": f"{m.title} · {date_format(local_date(m.starts_at))}",
                "day": local_date(m.starts_at).isoformat(),
                "day_label": date_format(local_date(m.starts_at)),
                # Who of the user's partners is recorded already (a second entry is refused).
                "recorded": [
                    {"person": a.person.strip().lower(), "partner": a.partner_id}
                    for a in m.attendances.all()
                    if a.partner_id in {p.pk for p in own.get(m.partnership_id, [])}
                ],
            }
            for m in meetings
        ],
    }


def _open_rounds(user, partnerships) -> list:
    """The open health-check rounds this user may answer: the rules layer's permission on the
    partnership, and a confirmed partner of it the user works for."""
    mine = set(user.organisation_ids())
    rounds = list(
        HealthCheckRound.objects.open()
        .filter(partnership__in=partnerships)
        .select_related("partnership")
        .prefetch_related("questions", "partnership__partners")
        .order_by("partnership__title", "pk")
    )
    share_partnerships(user, rounds)
    for r in rounds:  # what the rule asks of each partnership, from the prefetched partners
        r.partnership._confirmed_org_ids = frozenset(
            p.organisation_id
            for p in r.partnership.partners.all()
            if p.status == PartnerStatus.CONFIRMED
        )
    return [
        r
        for r in rounds
        if user.has_perm("health.answer_healthcheck", r.partnership)
        and r.partnership._confirmed_org_ids & mine
    ]


def _prime_confirmed(partnerships) -> None:
    """Each partnership instance's confirmed partner organisations (what the rules ask of
    it) from one query, so asking the rules row by row queries nothing more."""
    instances = [p for p in partnerships if not hasattr(p, "_confirmed_org_ids")]
    if not instances:
        return
    found: dict[int, set] = {p.pk: set() for p in instances}
    for partnership_id, organisation_id in Partner.objects.filter(
        partnership__in=found, status=PartnerStatus.CONFIRMED
    ).values_list("partnership_id", "organisation_id"):
        found[partnership_id].add(organisation_id)
    for p in instances:
        p._confirmed_org_ids = frozenset(found[p.pk])


def _own_partners(user, partnerships) -> dict[int, list]:
    """Partnership id → the confirmed partners of it that the user works for."""
    own: dict[int, list] = {}
    for partner in (
        Partner.objects.filter(
            partnership__in=partnerships,
            status=PartnerStatus.CONFIRMED,
            organisation_id__in=user.organisation_ids(),
        )
        .select_related("organisation")
        .order_by("organisation__name")
    ):
        own.setdefault(partner.partnership_id, []).append(partner)
    return own


def _open_decisions(user, partnerships) -> list:
    """The open decisions whose progress this user may record (the rules layer's
    `governance.progress_decision`, asked of each)."""
    decisions = list(
        Decision.objects.open()
        .filter(partnership__in=partnerships)
        .select_related("partnership", "owner__organisation")
        .order_by("partnership__title", "due_date", "pk")
    )
    share_partnerships(user, decisions)
    _prime_confirmed({d.partnership for d in decisions})
    return [d for d in decisions if user.has_perm("governance.progress_decision", d)]


# Meetings offered for attendance: from two months back to a month ahead (apologies first).
MEETINGS_BACK = dt.timedelta(days=62)
MEETINGS_AHEAD = dt.timedelta(days=31)


def _meetings(user, partnerships, own) -> list:
    """The meetings at which this user may record the attendance of their own partner's
    people (the rules layer's `governance.record_attendance`, asked for each own partner)."""
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(
            partnership__in=[p for p in partnerships if p.pk in own],
            starts_at__gte=now - MEETINGS_BACK,
            starts_at__lt=now + MEETINGS_AHEAD,
        )
        .select_related("partnership")
        .prefetch_related("attendances")
        .order_by("partnership__title", "-starts_at", "pk")
    )
    share_partnerships(user, meetings)
    _prime_confirmed({m.partnership for m in meetings})
    return [
        m
        for m in meetings
        if any(
            user.has_perm("governance.record_attendance", Attendance(meeting=m, partner=partner))
            for partner in own[m.partnership_id]
        )
    ]
