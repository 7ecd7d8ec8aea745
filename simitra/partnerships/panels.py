"""The tabs of the partnership page: each phase tab shows the panels cycle apps register, and
the overview shows the cards they register beside it.

A panel names a URL (taking the partnership code) that returns an HTML fragment; the page
loads it with htmx and links to it for browsers without JavaScript.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    phase: int
    key: str
    title: str
    url_name: str
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register_panel(*, phase: int, key: str, title: str, url_name: str, order: int = 100) -> None:
    _PANELS[key] = Panel(phase=int(phase), key=key, title=title, url_name=url_name, order=order)


def panels_for(phase: int) -> list[Panel]:
    return sorted((p for p in _PANELS.values() if p.phase == int(phase)), key=lambda p: p.order)


@dataclass(frozen=True)
class OverviewCard:
    key: str
    url_name: str
    order: int = 100


_OVERVIEW: dict[str, OverviewCard] = {}


def register_overview(*, key: str, url_name: str, order: int = 100) -> None:
    """Add a card beside the partnership's overview (the early warning's level, say): the URL
    takes the partnership code and answers `?overview=1` with a short fragment, loaded by htmx."""
    _OVERVIEW[key] = OverviewCard(key=key, url_name=url_name, order=order)


def overview_cards() -> list[OverviewCard]:
    return sorted(_OVERVIEW.values(), key=lambda card: card.order)


@dataclass(frozen=True)
class NavItem:
    key: str
    title: str
    url_name: str
    order: int = 100
    public: bool = False
    perm: str = ""  # shown only to users who have this permission
    under: str = ""  # the key of the entry whose menu it sits in


_NAV: dict[str, NavItem] = {}


def register_nav(
    *,
    key: str,
    title: str,
    url_name: str,
    order: int = 100,
    public: bool = False,
    perm: str = "",
    under: str = "",
) -> None:
    """Add an entry to the main navigation (cycle apps call this from `AppConfig.ready`).

    `perm`: only for users who have it. `under`: in the menu of another entry rather than
    beside it (the bar has room for few entries): an entry with entries under it shows as a
    menu of its own title holding itself first, then them in their order; alone, as a link."""
    _NAV[key] = NavItem(
        key=key,
        title=title,
        url_name=url_name,
        order=order,
        public=public,
        perm=perm,
        under=under,
    )


def nav_items(authenticated: bool) -> list[NavItem]:
    return sorted((n for n in _NAV.values() if authenticated or n.public), key=lambda n: n.order)


@dataclass(frozen=True)
class NavEntry:
    """One place on the bar: an item, with the items of its menu (`children`, itself first)
    when others sit under it."""

    item: NavItem
    children: tuple[NavItem, ...] = ()

    @property
    def url_names(self) -> tuple[str, ...]:
        """The URL names of the menu's items (the menu is marked where one is open)."""
        return tuple(child.url_name for child in self.children)


def nav_for(user) -> list[NavEntry]:
    """The bar's entries this user sees, in order."""
    authenticated = bool(user is not None and user.is_authenticated)
    shown = [
        item
        for item in nav_items(authenticated)
        if not item.perm or (authenticated and user.has_perm(item.perm))
    ]
    keys = {item.key for item in shown}
    under: dict[str, list[NavItem]] = {}
    for item in shown:
        if item.under and item.under in keys:
            under.setdefault(item.under, []).append(item)
    entries = []
    for item in shown:
        if item.under and item.under in keys:
            continue
        children = under.get(item.key, [])
        entries.append(NavEntry(item, (item, *children) if children else ()))
    return entries


@dataclass(frozen=True)
class PublicDocument:
    title: str
    url: str
    date: object = None
    kind: str = ""


_PUBLIC_DOCUMENTS: dict[str, object] = {}


def register_public_documents(*, key: str, documents) -> None:
    """Add documents to a published partnership's page in the knowledge portal (an app above
    the portal, its final reports say): `documents(partnership)` returns `PublicDocument`s, each
    already public (its URL answers anyone)."""
    _PUBLIC_DOCUMENTS[key] = documents


def public_documents(partnership) -> list[PublicDocument]:
    found = []
    for key in sorted(_PUBLIC_DOCUMENTS):
        found.extend(_PUBLIC_DOCUMENTS[key](partnership))
    return found
