"""The agreement's workflow: draft → in review → approved by each party → signed by each
party → in force; amendments as new versions; termination with a reason.

The seed's rule lives here, so pages and the API refuse the same way: an agreement cannot be
approved or signed while the action plan's readiness check fails (`AgreementRefused` lists
what is missing), nor while it is out of date (`AgreementOutOfDate` lists what changed).

The text follows the data until the parties approve it: while the agreement is a draft, the
sections not edited by hand are drafted again from the current data whenever it is shown
(`refresh_draft`), and again from the frozen content when it goes to review. Once it has gone
to review, a change of the data it was built from (the plan, the contributions, the parties,
the background) makes it out of date; it goes back to draft to be brought up to date.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.partnerships import events
from simitra.partnerships.models import Partner, Partnership
from simitra.planning.selectors import plan_readiness_for
from simitra.planning.services import latest_version, record_plan_version
from simitra.resources.models import Pledge

from .completeness import Completeness, agreement_completeness
from .content import changes_since, collect_content, content_of
from .drafting import draft_section
from .models import (
    SECTION_ORDER,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementSection,
    AgreementStatus,
    SectionKey,
)
from .relationship import RelationshipFacts


class AgreementRefused(Exception):
    """The step was refused; `reasons` says what is missing."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        self.message = message
        self.reasons = reasons or []
        super().__init__(message)


class AgreementOutOfDate(AgreementRefused):
    """The data the agreement was built from changed after it went to review; `reasons` says
    what changed."""


class WorkflowError(Exception):
    pass


# Statuses with a frozen content that the live data can leave behind.
FROZEN = (
    AgreementStatus.IN_REVIEW,
    AgreementStatus.APPROVED,
    AgreementStatus.SIGNED,
    AgreementStatus.IN_FORCE,
)


def out_of_date_changes(agreement: Agreement) -> list[str]:
    """What changed in the data since the agreement went to review (empty: it is up to date,
    or it is a draft, whose text follows the data anyway)."""
    if agreement.status not in FROZEN or not agreement.content_snapshot:
        return []
    # The plan as last recorded: every change of the plan records a version.
    now = collect_content(agreement, plan_version=latest_version(agreement.partnership))
    return changes_since(agreement.content_snapshot, now)


def completeness_of(agreement: Agreement, content: dict | None = None) -> Completeness:
    content = content or content_of(agreement)
    counts: dict[str, int] = {}
    for contribution in content["contributions"]:
        counts[contribution["party"]] = counts.get(contribution["party"], 0) + 1
    return agreement_completeness(
        sections={s.key: s.body for s in agreement.sections.all()},
        parties=[p["name"] for p in content["parties"]],
        contributions=counts,
        titles={key: str(label) for key, label in SectionKey.choices},
    )


def approval_blockers(agreement: Agreement) -> list[str]:
    """Everything that stops a party from approving or signing now: the plan's readiness
    problems and missing sections (a change of the data since review is `out_of_date_changes`)."""
    reasons = []
    readiness = plan_readiness_for(agreement.partnership)
    reasons += [_("Action plan: %(problem)s") % {"problem": p.message} for p in readiness.problems]
    completeness = completeness_of(agreement)
    reasons += [m.message for m in completeness.missing]
    return reasons


def ensure_can_approve_or_sign(agreement: Agreement) -> None:
    """Refuse while the agreement is out of date (what changed, then any other problem) or
    while anything else blocks it (`approval_blockers`)."""
    changes = out_of_date_changes(agreement)
    reasons = approval_blockers(agreement)
    if changes:
        raise AgreementOutOfDate(
            _(
                "This agreement is out of date: the data it was built from changed after it "
                "went to review. Return it to draft, where its text is drafted again from the "
                "current data, and send it for review again."
            ),
            changes + reasons,
        )
    if reasons:
        raise AgreementRefused(
            _(
                "This agreement cannot be approved or signed yet: the action plan must pass its "
                "readiness check and the agreement must be complete."
            ),
            reasons,
        )


@transaction.atomic
def create_agreement(
    *,
    partnership: Partnership,
    kind: str,
    title: str,
    language: str,
    parties: list[Partner],
    created_by: User,
    number: str = "",
    place: str = "",
) -> Agreement:
    """A new draft with every section drafted from the data."""
    agreement = Agreement.objects.create(
        partnership=partnership,
        kind=kind,
        title=title,
        language=language,
        number=number,
        place=place,
        created_by=created_by,
    )
    AgreementParty.objects.bulk_create(
        [AgreementParty(agreement=agreement, partner=partner) for partner in parties]
    )
    content = collect_content(agreement)
    AgreementSection.objects.bulk_create(
        [
            AgreementSection(
                agreement=agreement, key=key, body=draft_section(key, content, agreement)
            )
            for key in SECTION_ORDER
        ]
    )
    return agreement


def _require_draft(agreement: Agreement) -> None:
    if not agreement.is_draft:
        raise WorkflowError(_("Only a draft can be changed; return it to draft first."))


@transaction.atomic
def update_agreement(
    *, agreement: Agreement, parties: list[Partner], language_changed: bool
) -> int:
    """Save the agreement's details and parties (draft only). When the language changed, the
    sections not edited by hand are drafted again in the new language; returns how many.
    The state is checked under the row lock: a draft sent for review meanwhile is not
    changed."""
    _require_draft(_locked(agreement))
    agreement.save()
    current = set(agreement.parties.values_list("partner_id", flat=True))
    wanted = {p.pk for p in parties}
    agreement.parties.exclude(partner_id__in=wanted).delete()
    AgreementParty.objects.bulk_create(
        [AgreementParty(agreement=agreement, partner_id=pk) for pk in wanted - current]
    )
    redrafted = 0
    if language_changed or wanted != current:
        content = collect_content(agreement)
        for section in agreement.sections.filter(edited=False):
            section.body = draft_section(section.key, content, agreement)
            section.save(update_fields=["body", "updated_at"])
            redrafted += 1
    return redrafted


def _redraft(agreement: Agreement, content: dict) -> int:
    """Draft again, from `content`, the sections not edited by hand whose text differs;
    returns how many changed."""
    changed = 0
    for section in agreement.sections.filter(edited=False):
        body = draft_section(section.key, content, agreement)
        if body != section.body:
            section.body = body
            section.save(update_fields=["body", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def refresh_draft(*, agreement: Agreement) -> int:
    """A draft's text follows the data: the sections not edited by hand are drafted again
    from the current data (only those whose text changes are written). Nothing for an
    agreement that has left draft. Returns how many sections changed."""
    if not agreement.is_draft:
        return 0
    return _redraft(agreement, collect_content(agreement))


def hand_edited_sections(agreement: Agreement) -> list[str]:
    """The titles of the sections edited by hand, which are never drafted again by themselves."""
    edited = set(agreement.sections.filter(edited=True).values_list("key", flat=True))
    return [str(SectionKey(key).label) for key in SECTION_ORDER if key in edited]


@transaction.atomic
def save_section(*, section: AgreementSection, body: str) -> AgreementSection:
    _require_draft(_locked(section.agreement))
    section.body = body.strip()
    section.edited = True
    section.save(update_fields=["body", "edited", "updated_at"])
    return section


@transaction.atomic
def redraft_section(*, section: AgreementSection) -> AgreementSection:
    """Draft the section again from the current data (discarding hand edits)."""
    agreement = section.agreement
    _require_draft(agreement)
    section.body = draft_section(section.key, collect_content(agreement), agreement)
    section.edited = False
    section.save(update_fields=["body", "edited", "updated_at"])
    return section


@transaction.atomic
def submit_for_review(*, agreement: Agreement, submitted_by: User) -> Agreement:
    """Freeze what the parties review: the plan version, the parties and contributions."""
    _lock_in_place(agreement)
    _require_draft(agreement)
    if agreement.parties.count() < 2:
        raise WorkflowError(_("An agreement needs at least two parties."))
    version = record_plan_version(
        partnership=agreement.partnership,
        made_by=submitted_by,
        note=_("Sent for review with “%(title)s”") % {"title": agreement.title},
    )
    agreement.plan_version = version
    agreement.content_snapshot = collect_content(agreement)
    agreement.status = AgreementStatus.IN_REVIEW
    agreement.save(update_fields=["plan_version", "content_snapshot", "status", "updated_at"])
    _redraft(agreement, agreement.content_snapshot)
    # The parties review a text that says everything: a placeholder still to fill in (the
    # data it is drafted from is missing, or a hand-written section kept one) is refused
    # here, not first at approval.
    placeholders = [
        m.message for m in completeness_of(agreement).missing if m.code == "placeholder"
    ]
    if placeholders:
        raise WorkflowError(
            _("It cannot go to review with text still to fill in: %(sections)s")
            % {"sections": " ".join(placeholders)}
        )
    return agreement


@transaction.atomic
def return_to_draft(*, agreement: Agreement) -> Agreement:
    """Back to draft for changes: approvals are withdrawn. Not once anyone has signed."""
    _lock_in_place(agreement)
    if agreement.status not in (AgreementStatus.IN_REVIEW, AgreementStatus.APPROVED):
        raise WorkflowError(_("Only an agreement in review or approved can return to draft."))
    if agreement.parties.filter(signed_on__isnull=False).exists():
        raise WorkflowError(
            _("A party has already signed: make an amendment instead of returning to draft.")
        )
    agreement.parties.update(approved_at=None, approved_by=None)
    agreement.status = AgreementStatus.DRAFT
    agreement.plan_version = None
    agreement.content_snapshot = None
    agreement.save(update_fields=["status", "plan_version", "content_snapshot", "updated_at"])
    _redraft(agreement, collect_content(agreement))
    return agreement


def _locked(agreement: Agreement) -> Agreement:
    """The agreement's row, locked until the step's transaction ends, with its state as it is
    now: each workflow step checks the state under the lock, so two requests at once take the
    step once (the other is refused) instead of both."""
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def _lock_in_place(agreement: Agreement) -> None:
    """As `_locked`, for the steps whose callers go on with the agreement they passed: it is
    read again under the lock."""
    _locked(agreement)
    agreement.refresh_from_db()


def _locked_party(party: AgreementParty) -> tuple[Agreement, AgreementParty]:
    agreement = _locked(party.agreement)
    party = AgreementParty.objects.select_for_update().get(pk=party.pk)
    party.agreement = agreement
    return agreement, party


@transaction.atomic
def approve_for_party(*, party: AgreementParty, approved_by: User) -> AgreementParty:
    agreement, party = _locked_party(party)
    if agreement.status != AgreementStatus.IN_REVIEW:
        raise WorkflowError(_("Parties approve an agreement while it is in review."))
    if party.approved_at is not None:
        raise WorkflowError(_("This party has already approved."))
    ensure_can_approve_or_sign(agreement)
    party.approved_at = timezone.now()
    party.approved_by = approved_by
    party.save(update_fields=["approved_at", "approved_by"])
    if not agreement.parties.filter(approved_at__isnull=True).exists():
        agreement.status = AgreementStatus.APPROVED
        agreement.save(update_fields=["status", "updated_at"])
    return party


@transaction.atomic
def sign_for_party(
    *,
    party: AgreementParty,
    signatory_name: str,
    signatory_title: str,
    signed_on: dt.date,
    recorded_by: User,
    scan=None,
) -> AgreementParty:
    """Record a party's signature; the last signature makes the agreement signed."""
    agreement, party = _locked_party(party)
    if agreement.status != AgreementStatus.APPROVED:
        raise WorkflowError(_("An agreement is signed once every party has approved it."))
    if party.is_signed:
        raise WorkflowError(_("This party has already signed."))
    if not signatory_name.strip() or not signatory_title.strip():
        raise WorkflowError(_("Give the signatory's name and title."))
    ensure_can_approve_or_sign(agreement)
    party.signatory_name = signatory_name.strip()
    party.signatory_title = signatory_title.strip()
    party.signed_on = signed_on
    party.signed_recorded_by = recorded_by
    party.plan_version = agreement.plan_version
    fields = [
        "signatory_name",
        "signatory_title",
        "signed_on",
        "signed_recorded_by",
        "plan_version",
    ]
    if scan:
        party.scan_name = scan.name[:200]
        party.scan = scan
        fields += ["scan", "scan_name"]
    party.save(update_fields=fields)
    if not agreement.parties.filter(signed_on__isnull=True).exists():
        agreement.status = AgreementStatus.SIGNED
        agreement.save(update_fields=["status", "updated_at"])
        events.emit(
            events.EventType.AGREEMENT_SIGNED,
            partnership_id=agreement.partnership_id,
            record_kind="agreement",
            record_pk=agreement.pk,
        )
    return party


@transaction.atomic
def enter_into_force(*, agreement: Agreement, effective_date: dt.date) -> Agreement:
    """A signed agreement comes into force; the version it amends is replaced."""
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.SIGNED:
        raise WorkflowError(_("Only an agreement signed by every party can come into force."))
    last_signature = max(p.signed_on for p in agreement.parties.all())
    if effective_date < last_signature:
        raise WorkflowError(_("It cannot come into force before the last signature."))
    agreement.status = AgreementStatus.IN_FORCE
    agreement.effective_date = effective_date
    agreement.save(update_fields=["status", "effective_date", "updated_at"])
    if agreement.amends_id:
        Agreement.objects.filter(pk=agreement.amends_id).update(
            status=AgreementStatus.SUPERSEDED, updated_at=timezone.now()
        )
    return agreement


@transaction.atomic
def amend(*, agreement: Agreement, created_by: User) -> Agreement:
    """Start an amendment: a new draft version with the same sections and parties. The
    agreement amended is locked, so two requests at once start one amendment."""
    agreement = _locked(agreement)
    if agreement.status not in (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE):
        raise WorkflowError(_("Only a signed or in-force agreement is amended."))
    if agreement.amendments.exclude(
        status__in=[AgreementStatus.TERMINATED, AgreementStatus.SUPERSEDED]
    ).exists():
        raise WorkflowError(_("An amendment of this agreement is already under way."))
    amendment = Agreement.objects.create(
        partnership=agreement.partnership,
        kind=agreement.kind,
        title=agreement.title,
        number=agreement.number,
        language=agreement.language,
        place=agreement.place,
        version=agreement.version + 1,
        amends=agreement,
        created_by=created_by,
    )
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(agreement=amendment, partner_id=p.partner_id)
            for p in agreement.parties.all()
        ]
    )
    AgreementSection.objects.bulk_create(
        [
            AgreementSection(agreement=amendment, key=s.key, body=s.body, edited=s.edited)
            for s in agreement.sections.all()
        ]
    )
    return amendment


@transaction.atomic
def terminate(*, agreement: Agreement, reason: str, on: dt.date) -> Agreement:
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Say why the agreement is terminated."))
    agreement = _locked(agreement)
    if agreement.status not in (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE):
        raise WorkflowError(_("Only a signed or in-force agreement is terminated; delete a draft."))
    agreement.status = AgreementStatus.TERMINATED
    agreement.termination_reason = reason
    agreement.terminated_on = on
    agreement.save(update_fields=["status", "termination_reason", "terminated_on", "updated_at"])
    return agreement


@transaction.atomic
def delete_draft(*, agreement: Agreement) -> None:
    _lock_in_place(agreement)
    _require_draft(agreement)
    agreement.delete()


@transaction.atomic
def mark_relationship(*, partner: Partner, relationship: str) -> Partner:
    partner.relationship = relationship
    partner.save(update_fields=["relationship"])
    return partner


def relationship_facts(partnership: Partnership):
    """Per confirmed partner: its own pledges and the payments it receives (2 queries)."""
    value = ExpressionWrapper(
        F("estimated_value") * F("exchange_rate"),
        output_field=DecimalField(max_digits=24, decimal_places=6),
    )
    pledges = Pledge.objects.active().filter(partnership=partnership)
    own = {
        row["partner_id"]: row
        for row in pledges.values("partner_id").annotate(n=Count("pk"), value=Sum(value))
    }
    received = {
        row["paid_to_id"]: row["value"]
        for row in pledges.filter(paid_to__isnull=False)
        .values("paid_to_id")
        .annotate(value=Sum(value))
    }
    result = []
    for partner in partnership.confirmed_partners():
        mine = own.get(partner.pk, {})
        result.append(
            (
                partner,
                RelationshipFacts(
                    partner_id=partner.pk,
                    name=partner.organisation.name,
                    own_pledges=mine.get("n", 0),
                    own_value=mine.get("value") or Decimal(0),
                    payments_received=received.get(partner.pk) or Decimal(0),
                    currency=partnership.currency,
                ),
            )
        )
    return result


def published_mou(partnership: Partnership) -> Agreement | None:
    """The MoU the public may read: the newest signed or in-force version of a published
    partnership's MoU (None for a private partnership, or when no MoU binds yet)."""
    if not partnership.is_public:
        return None
    return Agreement.objects.filter(partnership=partnership).binding_mous().first()


def mou_signed_by_all(partnership: Partnership) -> tuple[bool, list[str]]:
    """Whether a binding MoU carries every confirmed partner's signature; who is missing."""
    confirmed = {p.pk: p.organisation.name for p in partnership.confirmed_partners()}
    mous = Agreement.objects.filter(
        partnership=partnership,
        kind=AgreementKind.MOU,
        status__in=[AgreementStatus.SIGNED, AgreementStatus.IN_FORCE],
    ).order_by("-version")
    best_missing = list(confirmed.values())
    for mou in mous:
        signed = set(
            mou.parties.filter(signed_on__isnull=False).values_list("partner_id", flat=True)
        )
        missing = [name for pk, name in confirmed.items() if pk not in signed]
        if not missing:
            return True, []
        if len(missing) < len(best_missing):
            best_missing = missing
    return False, best_missing
