"""Agreements: the MoU (Nota Kesepahaman) and specific cooperation agreements (PKS), their
sections, and each party's approval and signature."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage, unguessable_name


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding (Nota Kesepahaman)")
    PKS = "pks", _("Cooperation agreement (Perjanjian Kerja Sama)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved by every party")
    SIGNED = "signed", _("Signed by every party")
    IN_FORCE = "in_force", _("In force")
    TERMINATED = "terminated", _("Terminated")
    SUPERSEDED = "superseded", _("Replaced by an amendment")


class Language(models.TextChoices):
    INDONESIAN = "id", _("Bahasa Indonesia")
    ENGLISH = "en", _("English")


class SectionKey(models.TextChoices):
    PARTIES = "parties", _("Parties")
    BACKGROUND = "background", _("Background")
    PURPOSE = "purpose", _("Purpose")
    SCOPE = "scope", _("Scope")
    ROLES = "roles", _("Roles and contributions of each party")
    GOVERNANCE = "governance", _("Governance and decision-making")
    PLAN = "plan", _("Action plan summary")
    RISK_SHARING = "risk", _("Risk sharing")
    DISPUTES = "disputes", _("Dispute resolution")
    DURATION = "duration", _("Duration")
    AMENDMENT = "amendment", _("Amendment")
    TERMINATION = "termination", _("Termination and exit")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality")


SECTION_ORDER = list(SectionKey.values)

# Statuses in which the agreement binds its parties.
BINDING = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE)


class AgreementQuerySet(models.QuerySet):
    def binding_mous(self) -> "AgreementQuerySet":
        """MoUs signed by every party or in force, the newest version first."""
        return self.filter(kind=AgreementKind.MOU, status__in=BINDING).order_by("-version", "-pk")


class Agreement(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=3, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=250)
    number = models.CharField(
        _("reference number"), max_length=100, blank=True, help_text=_("e.g. 01/MoU/PKPN/2025")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.INDONESIAN
    )
    place = models.CharField(
        _("place of signing"), max_length=100, blank=True, help_text=_("e.g. Kupang")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    plan_version = models.ForeignKey(
        "planning.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("plan version"),
    )
    # The parties, contributions and plan as they stood when the agreement went to review:
    # what the parties approve and sign does not change under them.
    content_snapshot = models.JSONField(null=True, blank=True, editable=False)
    effective_date = models.DateField(_("in force from"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "content_snapshot"])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["kind", "-version", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="terminated", termination_reason=""),
                name="agreement_termination_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="agreement_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.partnership.code, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == AgreementStatus.DRAFT

    @property
    def is_binding(self) -> bool:
        return self.status in BINDING

    @property
    def is_mou(self) -> bool:
        return self.kind == AgreementKind.MOU


class AgreementSection(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="sections", verbose_name=_("agreement")
    )
    key = models.CharField(_("section"), max_length=16, choices=SectionKey.choices)
    body = models.TextField(_("text"), blank=True)
    edited = models.BooleanField(_("edited by hand"), default=False)
    # The version the section's edit form carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement section")
        verbose_name_plural = _("agreement sections")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "key"], name="unique_agreement_section")
        ]

    def __str__(self) -> str:
        return self.get_key_display()

    @property
    def position(self) -> int:
        return SECTION_ORDER.index(self.key)

    @property
    def partnership(self):
        return self.agreement.partnership


def scan_path(instance, filename: str) -> str:
    return unguessable_name(f"agreements/{instance.agreement_id}", filename)


class AgreementParty(models.Model):
    """One party to an agreement: its approval and its signature."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("partner"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_version = models.ForeignKey(
        "planning.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan version signed"),
    )
    scan = models.FileField(
        _("signed scan"), upload_to=scan_path, storage=private_storage, blank=True, max_length=200
    )
    scan_name = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["partner__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partner"], name="unique_agreement_party"),
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True)
                | (~models.Q(signatory_name="") & ~models.Q(signatory_title="")),
                name="signature_names_signatory",
            ),
            # One signature per party and agreement version is the row itself (one row per
            # party of each version, `unique_agreement_party`; the services sign it under the
            # row lock, once). A signature stands only on an approval.
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True) | models.Q(approved_at__isnull=False),
                name="signature_follows_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner.organisation} — {self.agreement}"

    # The access rules find the partnership and the owning organisation through these.
    @property
    def partnership(self):
        return self.agreement.partnership

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None
