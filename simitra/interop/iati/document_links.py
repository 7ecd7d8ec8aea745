"""IATI `document-link`s of an activity, both ways.

Export: a published partnership's signed MoU (category A09, served by its public page) and its
finalised reports (category A07, their stored PDF), then the links the last imported file gave (kept on the IATI profile), each URL once. Import: the
activity's own links (not those inside results), kept as the file said them, so the next
export writes them again.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_LANGUAGE = "id"
CATEGORY_MOU = "A09"  # DocumentCategory: Memorandum of understanding (if agreed by all parties)
# DocumentCategory A07, "Review of project performance and evaluation": a finalised periodic
# report reviews the activity's progress against its plan and targets.
CATEGORY_REPORT = "A07"
PDF = "application/pdf"


@dataclass
class DocumentLink:
    url: str
    format: str
    # (text, language); a language of None is the activity's own.
    titles: list[tuple[str, str | None]] = field(default_factory=list)
    descriptions: list[tuple[str, str | None]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    date: str = ""  # ISO date, or empty

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentLink":
        return cls(
            url=data["url"],
            format=data["format"],
            titles=[(text, language) for text, language in data.get("titles", [])],
            descriptions=[(text, language) for text, language in data.get("descriptions", [])],
            categories=list(data.get("categories", [])),
            languages=list(data.get("languages", [])),
            date=data.get("date", ""),
        )

    @property
    def title(self) -> str:
        return next((text for text, _language in self.titles if text), self.url)

    @property
    def is_web_link(self) -> bool:
        """Whether the URL may be shown as a link (only http and https: a file may say
        anything, `javascript:` included)."""
        return urlsplit(self.url).scheme.lower() in ("http", "https")


def public_mou_url(partnership) -> str:
    path = reverse("agreements:public_mou", args=[partnership.code])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def mou_link(partnership, agreement) -> DocumentLink:
    """The link to the public copy of a published partnership's binding MoU."""
    language = agreement.language
    return DocumentLink(
        url=public_mou_url(partnership),
        format=PDF,
        titles=[(agreement.title, None if language == DEFAULT_LANGUAGE else language)],
        categories=[CATEGORY_MOU],
        languages=[language],
        date=str(agreement.effective_date) if agreement.effective_date else "",
    )


def public_report_url(partnership, report) -> str:
    path = reverse("reports:published", args=[partnership.code, report.pk])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def report_link(partnership, report) -> DocumentLink:
    """The link to a published partnership's finalised report (its stored PDF)."""
    language = report.language
    return DocumentLink(
        url=public_report_url(partnership, report),
        format=PDF,
        titles=[(report.title, None if language == DEFAULT_LANGUAGE else language)],
        categories=[CATEGORY_REPORT],
        languages=[language],
        date=str(report.period_end),
    )


def _narratives(parent, texts) -> None:
    for text, language in texts:
        narrative = etree.SubElement(parent, "narrative")
        if language and language != DEFAULT_LANGUAGE:
            narrative.set(XML_LANG, language)
        narrative.text = text


def element(link: DocumentLink) -> etree._Element:
    """The `document-link` element, children in the schema's order."""
    node = etree.Element("document-link", {"url": link.url, "format": link.format})
    _narratives(etree.SubElement(node, "title"), link.titles)
    if link.descriptions:
        _narratives(etree.SubElement(node, "description"), link.descriptions)
    for code in link.categories:
        etree.SubElement(node, "category", {"code": code})
    for code in link.languages:
        etree.SubElement(node, "language", {"code": code})
    if link.date:
        etree.SubElement(node, "document-date", {"iso-date": link.date})
    return node


def _texts(parent, default_language: str | None) -> list[tuple[str, str | None]]:
    if parent is None:
        return []
    texts = []
    for narrative in parent.findall("narrative"):
        # Empty narratives are kept too: a title needs one, and the export writes them back.
        language = narrative.get(XML_LANG) or default_language
        language = language.lower()[:2] if language else None
        texts.append(
            ((narrative.text or "").strip(), None if language == DEFAULT_LANGUAGE else language)
        )
    return texts


def parse(activity, default_language: str | None) -> list[DocumentLink]:
    """The activity's own `document-link`s (the file is already valid against the schema)."""
    links = []
    for node in activity.iterfind("document-link"):
        date = node.find("document-date")
        iso_date = (date.get("iso-date") or "")[:10] if date is not None else ""
        try:
            iso_date = str(dt.date.fromisoformat(iso_date)) if iso_date else ""
        except ValueError:
            iso_date = ""
        links.append(
            DocumentLink(
                url=(node.get("url") or "").strip(),
                format=(node.get("format") or "").strip(),
                titles=_texts(node.find("title"), default_language),
                descriptions=_texts(node.find("description"), default_language),
                categories=[
                    (c.get("code") or "").strip()
                    for c in node.iterfind("category")
                    if (c.get("code") or "").strip()
                ],
                languages=[
                    (c.get("code") or "").strip()
                    for c in node.iterfind("language")
                    if (c.get("code") or "").strip()
                ],
                date=iso_date,
            )
        )
    return links


def links_of(partnership, stored: list[dict], mou, reports=()) -> list[DocumentLink]:
    """What an export writes: the published MoU first, its finalised reports (newest first),
    then the stored links whose URL is not already written."""
    links = [mou_link(partnership, mou)] if mou is not None else []
    links += [report_link(partnership, report) for report in reports]
    seen = {link.url for link in links}
    for data in stored:
        link = DocumentLink.from_dict(data)
        if link.url not in seen:
            seen.add(link.url)
            links.append(link)
    return links
