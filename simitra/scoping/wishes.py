"""Needs told apart from wishes (the seed: what is taken for a need is often a wish, shaped by
personal ambition, institutional interest or pressure from certain parties).

    verified  ⇔  evidence_count ≥ 1  ∧  no driver declared

A need without evidence is *unverified*; a need whose proposer declared a driver is *flagged as a
possible wish*. Both reasons may apply at once. Pure: no ORM inside.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DRIVER_LABELS = {
    "ambition": _("personal ambition"),
    "institution": _("institutional interest"),
    "pressure": _("outside pressure"),
}


@dataclass(frozen=True)
class NeedInput:
    evidence_count: int
    drivers: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedStatus:
    verified: bool
    unverified: bool  # no evidence behind it
    wish: bool  # a driver was declared
    reasons: list[str] = field(default_factory=list)


def need_status(need: NeedInput) -> NeedStatus:
    """Verified when backed by at least one evidence source and free of declared drivers."""
    reasons = []
    unverified = need.evidence_count < 1
    if unverified:
        reasons.append(str(_("No evidence source backs this need yet.")))
    unknown = [d for d in need.drivers if d not in DRIVER_LABELS]
    if unknown:
        raise ValueError(f"Unknown need drivers: {unknown}")
    wish = bool(need.drivers)
    if wish:
        drivers = ", ".join(str(DRIVER_LABELS[d]) for d in need.drivers)
        reasons.append(
            str(_("Its proposer declared it is driven by: %(drivers)s.")) % {"drivers": drivers}
        )
    return NeedStatus(
        verified=not unverified and not wish, unverified=unverified, wish=wish, reasons=reasons
    )
