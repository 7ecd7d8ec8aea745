"""Sections of an organisation's page that higher apps add without this app knowing them.

An app (the partnerships it takes part in, say) registers a template and a function that reads
the section's context for this request from its `AppConfig.ready()`; the page renders each
registered section in order. So `organisations` never imports a cycle app.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    template_name: str
    context: Callable  # (request, organisation) -> dict for the template
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    template_name: str
    context: dict


_SECTIONS: dict[str, Section] = {}


def register_section(*, key: str, template_name: str, context: Callable, order: int = 100) -> None:
    _SECTIONS[key] = Section(key=key, template_name=template_name, context=context, order=order)


def sections_for(request, organisation) -> list[RenderedSection]:
    """The registered sections with their context for this request, in order."""
    return [
        RenderedSection(section.template_name, section.context(request, organisation))
        for section in sorted(_SECTIONS.values(), key=lambda s: s.order)
    ]
