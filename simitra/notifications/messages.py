"""A notification in words: its kind and parameters written out in the active language (the
reader's: the page's, or `translation.override(user.language)` for an e-mail)."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simitra.early_warning.models import Level
from simitra.partnerships.models import Phase

from .models import Kind, Notification


def _date(iso) -> str:
    if not iso:
        return ""
    try:
        return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return str(iso)


def _phase(value) -> str:
    try:
        return str(Phase(int(value)).label)
    except (TypeError, ValueError):
        return str(value or "")


def _level(value) -> str:
    try:
        return str(Level(value).label)
    except ValueError:
        return str(value or "")


def _due(kind: str, p) -> str:
    """A reminder of the ladder: what is owed, by whom, and how late."""
    step, days = p.get("step"), int(p.get("days") or 0)
    values = {
        "what": p.get("what", ""),
        "partner": p.get("partner", ""),
        "due": _date(p.get("due_date")),
        "days": days,
    }
    if kind == Kind.PLEDGE_DUE:
        if step == "before":
            text = ngettext(
                "The contribution “%(what)s” of %(partner)s is due on %(due)s, in %(days)s day.",
                "The contribution “%(what)s” of %(partner)s is due on %(due)s, in %(days)s days.",
                days,
            )
        elif step == "due":
            text = _("The contribution “%(what)s” of %(partner)s is due today.")
        elif step == "escalated":
            text = ngettext(
                "The contribution “%(what)s” of %(partner)s is %(days)s day overdue (due on "
                "%(due)s); the partner has been reminded.",
                "The contribution “%(what)s” of %(partner)s is %(days)s days overdue (due on "
                "%(due)s); the partner has been reminded.",
                days,
            )
        else:
            text = _(
                "The contribution “%(what)s” of %(partner)s was due on %(due)s and has not "
                "been delivered in full."
            )
    else:
        if step == "before":
            text = ngettext(
                "The decision “%(what)s” (%(partner)s) is due on %(due)s, in %(days)s day.",
                "The decision “%(what)s” (%(partner)s) is due on %(due)s, in %(days)s days.",
                days,
            )
        elif step == "due":
            text = _("The decision “%(what)s” (%(partner)s) is due today.")
        elif step == "escalated":
            text = ngettext(
                "The decision “%(what)s” (%(partner)s) is %(days)s day overdue (due on "
                "%(due)s); the partner has been reminded.",
                "The decision “%(what)s” (%(partner)s) is %(days)s days overdue (due on "
                "%(due)s); the partner has been reminded.",
                days,
            )
        else:
            text = _("The decision “%(what)s” (%(partner)s) was due on %(due)s and is not done.")
    return text % values


def _csr_due(p) -> str:
    """The CSR (TJSL) realisation report of a company's commitment (`what`: its year and
    region)."""
    step, days = p.get("step"), int(p.get("days") or 0)
    values = {
        "what": p.get("what", ""),
        "partner": p.get("partner", ""),
        "due": _date(p.get("due_date")),
        "days": days,
    }
    if step == "before":
        text = ngettext(
            "The CSR realisation report of %(partner)s for %(what)s is due on %(due)s, in "
            "%(days)s day.",
            "The CSR realisation report of %(partner)s for %(what)s is due on %(due)s, in "
            "%(days)s days.",
            days,
        )
    elif step == "due":
        text = _("The CSR realisation report of %(partner)s for %(what)s is due today.")
    elif step == "escalated":
        text = ngettext(
            "The CSR realisation report of %(partner)s for %(what)s is %(days)s day overdue "
            "(due on %(due)s); the company has been reminded.",
            "The CSR realisation report of %(partner)s for %(what)s is %(days)s days overdue "
            "(due on %(due)s); the company has been reminded.",
            days,
        )
    else:
        text = _(
            "The CSR realisation report of %(partner)s for %(what)s was due on %(due)s and has "
            "not been sent."
        )
    return text % values


class _Params(dict):
    """Parameters with a blank for any missing one (a message never fails to show)."""

    def __missing__(self, key):
        return ""


def render(notification: Notification) -> str:
    kind, p = notification.kind, _Params(notification.params or {})
    if kind in (Kind.PLEDGE_DUE, Kind.DECISION_DUE):
        return _due(kind, p)
    if kind == Kind.CSR_REPORT_DUE:
        return _csr_due(p)
    if kind == Kind.VALUE_SUBMITTED:
        return _("%(partner)s submitted a value of “%(indicator)s” for %(period)s.") % p
    if kind == Kind.VALUE_RETURNED:
        return _("The value of “%(indicator)s” for %(period)s was returned: %(reason)s") % p
    if kind == Kind.VALUE_APPROVED:
        return _("The value of “%(indicator)s” for %(period)s was approved.") % p
    if kind == Kind.CONTRIBUTION_PLEDGED:
        return _("%(partner)s pledged a contribution: %(what)s.") % p
    if kind == Kind.CONTRIBUTION_DELIVERED:
        return _("%(partner)s recorded a delivery of “%(what)s”.") % p
    if kind == Kind.AGREEMENT_SIGNED:
        return _("The MoU “%(title)s” has been signed by every party.") % p
    if kind == Kind.PARTNER_CONFIRMED:
        return _("%(partner)s is now a confirmed partner.") % p
    if kind == Kind.PHASE_CHANGED:
        return _("The partnership moved from %(from)s to %(to)s.") % {
            "from": _phase(p.get("from_phase")),
            "to": _phase(p.get("to_phase")),
        }
    if kind == Kind.RISK_RAISED:
        return _("A risk was raised: %(title)s.") % p
    if kind == Kind.WARNING_LEVEL_CHANGED:
        return _("The early-warning level changed from %(previous)s to %(level)s.") % {
            "previous": _level(p.get("previous_level")),
            "level": _level(p.get("level")),
        }
    if kind == Kind.HEALTH_CHECK_OPENED:
        if p.get("due_date"):
            return _("The health check “%(title)s” is open; please answer by %(due)s.") % {
                "title": p.get("title", ""),
                "due": _date(p.get("due_date")),
            }
        return _("The health check “%(title)s” is open; please answer it.") % p
    if kind == Kind.NARRATIVE_REQUESTED and p.get("due_date"):
        # A scheduled report's reminder to its coordinators (simitra/reports/schedules.py).
        return ngettext(
            "The report “%(report)s” is due on %(due)s: %(open)s narrative section is not "
            "approved yet.",
            "The report “%(report)s” is due on %(due)s: %(open)s narrative sections are not "
            "approved yet.",
            int(p.get("open") or 0),
        ) % {"report": p.get("report", ""), "due": _date(p.get("due_date")), "open": p["open"]}
    if kind == Kind.NARRATIVE_REQUESTED:
        return _("Please write the section “%(section)s” of the report “%(report)s”.") % {
            "section": p.get("section", ""),
            "report": p.get("report", ""),
        }
    return notification.get_kind_display()
