"""First drafts of each section, written from the partnership's data in the agreement's
language. The coordinator edits them section by section; what the data cannot say is left as
a placeholder in ``[…]``, which the completeness measure reports until it is filled in."""

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from django.utils import translation
from django.utils.translation import gettext as _

from simitra.lib.money import amount_in_words, format_money
from simitra.partnerships.models import Partner
from simitra.resources.models import Category

from .models import AgreementKind, SectionKey


def long_date(value: str | None, lang: str) -> str:
    if not value:
        return ""
    return format_date(dt.date.fromisoformat(value), "d MMMM yyyy", locale=lang)


def money_with_words(amount, currency: str, lang: str) -> str:
    return f"{format_money(Decimal(amount), currency, lang)} ({amount_in_words(Decimal(amount), currency, lang)})"


def party_role(party: dict) -> str:
    if party.get("local_role"):
        return str(Partner.LocalRole(party["local_role"]).label)
    if party.get("iati_role"):
        return str(Partner.IatiRole(party["iati_role"]).label)
    return ""


def _list(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _parties(content, agreement, lang):
    return "\n".join(
        [
            _(
                "This agreement is made between the parties listed below, each represented by "
                "its authorised official."
            ),
            _("Hereinafter called together “the Parties” and each “a Party”."),
        ]
    )


def _source(evidence: dict) -> str:
    """One evidence source as the background cites it: “title (publisher, year): figure”."""
    origin = ", ".join(
        str(part) for part in (evidence.get("publisher"), evidence.get("year")) if part
    )
    text = f"{evidence['title']} ({origin})" if origin else evidence["title"]
    return f"{text}: {evidence['figure']}" if evidence.get("figure") else text


def _background(content, agreement, lang):
    """The problem statement and the evidence behind it, then the partnership's summary."""
    problem = content.get("problem") or {}
    lines = []
    core = problem.get("core_problem", "").strip()
    if core:
        lines.append(
            _("The problem the Parties address: %(problem)s.") % {"problem": core.rstrip(".")}
        )
    lines += [line.strip() for line in problem.get("statement", "").splitlines() if line.strip()]
    sources = [_source(e) for e in problem.get("evidence", [])]
    if sources:
        lines.append(_("The evidence behind it: %(sources)s.") % {"sources": "; ".join(sources)})
    summary = content["partnership"]["summary"].strip()
    if summary:
        lines.append(summary)
    if not lines:
        lines.append(_("[… describe the problem the partnership addresses]"))
    lines.append(
        _(
            "The Parties share the view that this problem cannot be solved by one party "
            "alone, and agree to work together as partners who share the benefits and the "
            "risks of the initiative."
        )
    )
    return "\n".join(lines)


def _purpose(content, agreement, lang):
    p = content["partnership"]
    where = _(" in %(regions)s") % {"regions": _list(p["regions"])} if p["regions"] else ""
    sdgs = (
        _(", towards SDG targets %(targets)s") % {"targets": _list(p["sdg_targets"])}
        if p["sdg_targets"]
        else ""
    )
    return _(
        "The purpose of this agreement is to set out how the Parties work together in the "
        "partnership “%(title)s”%(where)s%(sdgs)s, each contributing in a balanced way, sharing "
        "the benefits and carrying the risks together."
    ) % {"title": p["title"], "where": where, "sdgs": sdgs}


def _plan_version(content) -> str:
    number = content["plan"]["version"]
    return _(" (version %(number)d)") % {"number": number} if number else ""


def _scope(content, agreement, lang):
    activities = [a["title"] for a in content["plan"]["activities"]]
    if not activities:
        return _("[… list the fields of cooperation; the action plan has no activities yet]")
    return _("The cooperation covers the activities of the action plan%(version)s: %(titles)s.") % {
        "version": _plan_version(content),
        "titles": "; ".join(activities),
    }


def _roles(content, agreement, lang):
    lines = []
    activities = content["plan"]["activities"]
    for party in content["parties"]:
        name = party["name"]
        leads = [a["title"] for a in activities if a["responsible"] == name]
        supports = [a["title"] for a in activities if name in a.get("supporting", [])]
        categories = sorted(
            {
                c["category"]
                for c in content["contributions"]
                if c["partner_id"] == party["partner_id"]
            }
        )
        parts = []
        if leads:
            parts.append(_("leads %(activities)s") % {"activities": "; ".join(leads)})
        if supports:
            parts.append(_("supports %(activities)s") % {"activities": "; ".join(supports)})
        if categories:
            parts.append(
                _("contributes %(categories)s")
                % {"categories": "; ".join(str(Category(c).label).lower() for c in categories)}
            )
        if parts:
            lines.append(f"{name}: " + "; ".join(parts) + ".")
        else:
            lines.append(f"{name}: " + _("[… describe its role]"))
    lines.append(
        _(
            "The contributions of each Party, with their value in figures and in words, are listed below."
        )
    )
    return "\n".join(lines)


def _governance(content, agreement, lang):
    coordinator = content.get("coordinator", "")
    if agreement.kind == AgreementKind.PKS:
        return "\n".join(
            [
                _(
                    "This agreement is carried out under the governance of the partnership "
                    "“%(title)s”: its steering committee oversees it%(secretariat)s."
                )
                % {
                    "title": content["partnership"]["title"],
                    "secretariat": _(", with %(name)s as secretariat") % {"name": coordinator}
                    if coordinator
                    else "",
                },
                _(
                    "The Parties meet at least once every three months to review the activities of "
                    "this agreement and decide together; every decision is minuted."
                ),
            ]
        )
    secretariat = (
        _("%(name)s acts as the secretariat and coordinates the partnership day to day.")
        % {"name": coordinator}
        if coordinator
        else _("[… name the Party that acts as the secretariat]")
    )
    return "\n".join(
        [
            _(
                "The Parties form a steering committee with one representative of each Party. It "
                "meets at least once every three months to review progress against the action "
                "plan and to take decisions."
            ),
            secretariat,
            _(
                "Decisions are taken by consensus (musyawarah untuk mufakat). Where no consensus "
                "is reached, the steering committee decides by a two-thirds majority of the "
                "Parties present; every decision is minuted and shared with all Parties."
            ),
        ]
    )


def _plan(content, agreement, lang):
    plan = content["plan"]
    if not plan["activities"]:
        return _("[… the action plan must be drawn up before the agreement is signed]")
    return "\n".join(
        [
            _(
                "The action plan%(version)s has %(n)d activities from %(start)s to %(end)s, with a "
                "total budget of %(total)s."
            )
            % {
                "version": _plan_version(content),
                "n": len(plan["activities"]),
                "start": long_date(plan["start"], lang) or "—",
                "end": long_date(plan["end"], lang) or "—",
                "total": money_with_words(
                    plan["total_budget"], content["partnership"]["currency"], lang
                ),
            },
            _(
                "Each activity has a responsible Party, dates, a budget and a deliverable, as "
                "summarised below. The full action plan is an inseparable part of this agreement."
            ),
        ]
    )


def _risk(content, agreement, lang):
    return "\n".join(
        [
            _(
                "The Parties share the risks of the initiative. When it fails or meets "
                "difficulties, every Party carries the moral and material losses together, in "
                "proportion to its role and contribution."
            ),
            _(
                "The risks identified, with their allocation across the Parties, are kept in the "
                "partnership's risk register and reviewed at every steering committee meeting."
            ),
        ]
    )


def _disputes(content, agreement, lang):
    return _(
        "Disputes arising from this agreement are settled first by deliberation to reach "
        "consensus (musyawarah untuk mufakat) within thirty (30) days. If deliberation fails, "
        "the Parties may ask a mediator they agree on to help. If mediation also fails, the "
        "dispute is settled according to the laws of the Republic of Indonesia."
    )


def _duration(content, agreement, lang):
    end = content["partnership"]["end"]
    if not end:
        return _("[… give the date until which this agreement remains in force]")
    return _(
        "This agreement comes into force on the date it has been signed by all Parties and "
        "remains in force until %(end)s, unless it is ended earlier under the section on "
        "termination. It may be extended by written agreement of all Parties."
    ) % {"end": long_date(end, lang)}


def _amendment(content, agreement, lang):
    return _(
        "Any change to this agreement is made in writing, as a new version agreed and signed by "
        "all Parties, and becomes an inseparable part of this agreement. A change to the action "
        "plan that alters a Party's role, contribution or budget is made the same way."
    )


def _termination(content, agreement, lang):
    return "\n".join(
        [
            _(
                "A Party may withdraw from the partnership by giving written notice to the other "
                "Parties at least ninety (90) days beforehand. A withdrawing Party completes the "
                "contributions due before its withdrawal and hands over the results, data and "
                "assets of the partnership in its care."
            ),
            _(
                "The Parties may end this agreement together in writing; ending it does not "
                "affect obligations that have already arisen. Before the partnership ends, the "
                "Parties agree how the benefits for the beneficiaries are sustained."
            ),
        ]
    )


def _confidentiality(content, agreement, lang):
    return _(
        "Each Party keeps confidential the information it receives from the other Parties as "
        "confidential, and uses it only for this partnership. Personal data of beneficiaries is "
        "processed only as far as the activities need it and is protected according to the laws "
        "on personal data protection. This duty continues for two (2) years after the agreement "
        "ends."
    )


DRAFTERS = {
    SectionKey.PARTIES: _parties,
    SectionKey.BACKGROUND: _background,
    SectionKey.PURPOSE: _purpose,
    SectionKey.SCOPE: _scope,
    SectionKey.ROLES: _roles,
    SectionKey.GOVERNANCE: _governance,
    SectionKey.PLAN: _plan,
    SectionKey.RISK_SHARING: _risk,
    SectionKey.DISPUTES: _disputes,
    SectionKey.DURATION: _duration,
    SectionKey.AMENDMENT: _amendment,
    SectionKey.TERMINATION: _termination,
    SectionKey.CONFIDENTIALITY: _confidentiality,
}


def draft_section(key: str, content: dict, agreement) -> str:
    with translation.override(agreement.language):
        return DRAFTERS[SectionKey(key)](content, agreement, agreement.language)


def default_title(kind: str, partnership_title: str, party_names: list[str], lang: str) -> str:
    with translation.override(lang):
        if kind == AgreementKind.MOU:
            return _("Memorandum of understanding on %(title)s") % {"title": partnership_title}
        return _("Cooperation agreement between %(parties)s") % {"parties": _list(party_names)}
