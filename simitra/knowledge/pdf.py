"""The printable case study of a published practice (PDF drawn by WeasyPrint from HTML)."""

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = Path(__file__).parent / "pdf" / "case_study.css"


class _NoFetching(URLFetcher):
    """The case study needs nothing from outside: no file, no network, whatever the text says."""

    def fetch(self, url, headers=None):
        raise ValueError(f"Refused to fetch {url!r} while drawing a PDF.")


@functools.cache
def _stylesheet() -> CSS:
    return CSS(string=STYLESHEET.read_text(encoding="utf-8"))


@functools.cache
def _logo_svg() -> str:
    """Our own logo, inlined (a static file of the project, never user input)."""
    path = finders.find("img/simitra.svg")
    return mark_safe(Path(path).read_text(encoding="utf-8")) if path else ""  # noqa: S308


def case_study_pdf(practice, context: dict) -> bytes:
    html = render_to_string(
        "knowledge/case_study_pdf.html", {**context, "practice": practice, "logo": _logo_svg()}
    )
    return HTML(string=html, url_fetcher=_NoFetching()).write_pdf(stylesheets=[_stylesheet()])
