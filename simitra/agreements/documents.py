"""The agreement as documents: DOCX (from the Word template kept in `docx/`) and PDF (from an
HTML template through WeasyPrint). Both show every party, each contribution's amount in
figures and in words, the plan summary, page numbers and a signature block per party."""

import io
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from simitra.lib.money import amount_in_words, format_money
from simitra.organisations.models import Sector
from simitra.resources.models import Category, ValuationMethod

from .content import content_of
from .drafting import long_date, party_role
from .models import AgreementKind, SectionKey

TEMPLATE_PATH = Path(__file__).resolve().parent / "docx" / "agreement.docx"
STYLESHEET = Path(__file__).resolve().parent / "static" / "agreements" / "document.css"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def document_context(agreement) -> dict:
    """Everything both documents show, in the agreement's language."""
    lang = agreement.language
    content = content_of(agreement)
    with translation.override(lang):
        currency = content["partnership"]["currency"]
        bodies = {s.key: s.body for s in agreement.sections.all()}
        sections = []
        for key in SectionKey.values:
            paragraphs = _paragraphs(bodies.get(key, ""))
            if not paragraphs and key not in (SectionKey.PARTIES, SectionKey.ROLES):
                continue
            sections.append(
                {
                    "key": key,
                    "number": len(sections) + 1,
                    "title": str(SectionKey(key).label),
                    "paragraphs": paragraphs,
                    "parties_table": key == SectionKey.PARTIES,
                    "contributions_table": key == SectionKey.ROLES,
                    "plan_table": key == SectionKey.PLAN,
                }
            )
        contributions = []
        totals: dict[str, Decimal] = {}
        for c in content["contributions"]:
            amount = Decimal(c["amount"])
            quantity = ""
            if c["quantity"]:
                number = format_decimal(Decimal(c["quantity"]), format="#,##0.##", locale=lang)
                quantity = f"{number} {c['unit']}".strip()
            contributions.append(
                {
                    "party": c["party"],
                    "category": str(Category(c["category"]).label),
                    "description": c["description"],
                    "quantity": quantity,
                    "figures": format_money(amount, c["currency"], lang),
                    "words": amount_in_words(amount, c["currency"], lang),
                    "valuation": str(ValuationMethod(c["valuation"]).label),
                }
            )
            if c["currency"] == currency:
                totals[c["party"]] = totals.get(c["party"], Decimal(0)) + amount
        total = sum(totals.values(), Decimal(0))
        parties = [
            {
                "number": n,
                "name": p["name"],
                "sector": str(Sector(p["sector"]).label),
                "role": party_role(p),
                "address": p.get("address", ""),
            }
            for n, p in enumerate(content["parties"], 1)
        ]
        signatures = []
        for party in agreement.parties.select_related("partner__organisation"):
            signatures.append(
                {
                    "party": party.partner.organisation.name,
                    "name": party.signatory_name,
                    "title": party.signatory_title,
                    "date": format_date(party.signed_on, "d MMMM yyyy", locale=lang)
                    if party.signed_on
                    else "",
                    "signed": party.is_signed,
                }
            )
        plan = content["plan"]
        activities = [
            {
                "title": a["title"],
                "responsible": a["responsible"] or "—",
                "dates": f"{long_date(a['start'], lang) or '—'} – {long_date(a['end'], lang) or '—'}",
                "budget": format_money(Decimal(a["budget"]), currency, lang)
                if a.get("budget") is not None
                else "—",
                "deliverable": a["deliverable"] or "—",
            }
            for a in plan["activities"]
        ]
        heading = (
            _("MEMORANDUM OF UNDERSTANDING")
            if agreement.kind == AgreementKind.MOU
            else _("COOPERATION AGREEMENT")
        )
        return {
            "lang": lang,
            "heading": heading,
            "title": agreement.title,
            "number": agreement.number,
            "version_line": _("Version %(version)d") % {"version": agreement.version}
            + (
                " · " + _("plan version %(number)d") % {"number": plan["version"]}
                if plan["version"]
                else ""
            ),
            "partnership": content["partnership"]["title"],
            "sections": sections,
            "parties": parties,
            "contributions": contributions,
            "totals": [
                {
                    "party": name,
                    "figures": format_money(value, currency, lang),
                    "words": amount_in_words(value, currency, lang),
                }
                for name, value in totals.items()
            ],
            "total_figures": format_money(total, currency, lang),
            "total_words": amount_in_words(total, currency, lang),
            "activities": activities,
            "signatures": signatures,
            "closing": _(
                "In witness whereof, the Parties, through their authorised officials, sign this "
                "agreement%(place)s in as many originals as there are Parties, each with the same "
                "legal force."
            )
            % {"place": _(" in %(place)s") % {"place": agreement.place} if agreement.place else ""},
            "labels": {
                "number": pgettext("table column", "Number"),
                "party": _("Party"),
                "sector": _("Sector"),
                "role": _("Role"),
                "category": _("Category"),
                "contribution": _("Contribution"),
                "quantity": _("Quantity"),
                "value": _("Value"),
                "in_words": _("In words"),
                "valuation": _("Valuation"),
                "total": _("Total value of the contributions"),
                "total_of": _("Total"),
                "activity": _("Activity"),
                "responsible": _("Responsible"),
                "dates": _("Dates"),
                "budget": _("Budget"),
                "deliverable": _("Deliverable"),
                "signatures": _("Signatures"),
                "signature": _("Signature"),
                "name": _("Name"),
                "title": pgettext("signatory's position", "Title"),
                "date": _("Date"),
                "page": _("Page"),
                "no_contributions": _("No contributions recorded."),
                "not_signed": _("not signed yet"),
            },
        }


def render_docx(agreement) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(TEMPLATE_PATH))
    document.render(document_context(agreement), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(agreement) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(agreement.language):
        html = render_to_string("agreements/document.html", document_context(agreement))
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )


def file_name(agreement, extension: str) -> str:
    kind = "MoU" if agreement.kind == AgreementKind.MOU else "PKS"
    return (
        f"{kind}-{agreement.partnership.code}-v{agreement.version}-{agreement.language}.{extension}"
    )
