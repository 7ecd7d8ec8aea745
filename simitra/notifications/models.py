"""The notification centre's records: what each user was told (a kind and its parameters, put
into words in the reader's language when shown), how each user wants each kind delivered, the
digests sent, and the reminder steps sent for what partners owe."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simitra.partnerships.models.core import Partnership, PartnershipRecordQuerySet


class Kind(models.TextChoices):
    VALUE_SUBMITTED = "value_submitted", _("Indicator value submitted")
    VALUE_RETURNED = "value_returned", _("Indicator value returned")
    VALUE_APPROVED = "value_approved", _("Indicator value approved")
    CONTRIBUTION_PLEDGED = "contribution_pledged", _("Contribution pledged")
    CONTRIBUTION_DELIVERED = "contribution_delivered", _("Contribution delivered")
    AGREEMENT_SIGNED = "agreement_signed", _("MoU signed")
    PARTNER_CONFIRMED = "partner_confirmed", _("Partner confirmed")
    PHASE_CHANGED = "phase_changed", _("Partnership phase changed")
    RISK_RAISED = "risk_raised", _("Risk raised")
    WARNING_LEVEL_CHANGED = "warning_level_changed", _("Early-warning level changed")
    HEALTH_CHECK_OPENED = "health_check_opened", _("Health check opened")
    PLEDGE_DUE = "pledge_due", _("Contribution due")
    DECISION_DUE = "decision_due", _("Decision due")
    NARRATIVE_REQUESTED = "narrative_requested", _("Report narrative requested")
    # A company's CSR (TJSL) realisation report (the regional app's reminder source).
    CSR_REPORT_DUE = "csr_report_due", _("CSR report due")


class Delivery(models.TextChoices):
    """How a user wants one kind: every choice but "off" shows it in the app."""

    IN_APP = "in_app", _("In the app only")
    IMMEDIATE = "immediate", _("In the app and by e-mail at once")
    DAILY = "daily", _("In the app and in the daily digest")
    WEEKLY = "weekly", _("In the app and in the weekly digest")
    OFF = "off", _("Off")


DEFAULT_DELIVERY = Delivery.DAILY
DIGEST_FREQUENCIES = (Delivery.DAILY, Delivery.WEEKLY)


class NotificationQuerySet(PartnershipRecordQuerySet):
    def shown_to(self, user) -> "NotificationQuerySet":
        """The user's own notifications of partnerships they may still read, and those about
        an organisation (no partnership) while the user still works for it."""
        readable = Partnership.objects.readable_by(user).values("pk")
        return self.filter(recipient=user).filter(
            Q(partnership__in=readable)
            | Q(partnership__isnull=True, organisation_id__in=list(user.organisation_ids()))
        )

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partnership"),
    )
    # What a notification without a partnership is about (a company's CSR report): shown to its
    # recipient while they work for the organisation.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    url = models.CharField(_("link"), max_length=300, blank=True)
    # The facts the message is written from (names, dates, the step of a reminder); the words
    # are the reader's language's, chosen when the message is shown.
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The e-mail way chosen by the recipient's preference when it was made.
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=DEFAULT_DELIVERY)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def subject(self) -> str:
        """What it is about: the partnership's title, or the organisation's name."""
        if self.partnership_id:
            return self.partnership.title
        return self.organisation.name if self.organisation_id else ""

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def message(self) -> str:
        from .messages import render

        return render(self)


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class Digest(models.Model):
    """One digest e-mail of one user for one day (daily) or week (weekly, dated by the day it
    was sent): at most one per user, frequency and day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=10, choices=Delivery.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "frequency", "day"], name="one_digest_per_user_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.frequency} {self.day}"


class Reminder(models.Model):
    """One step of the reminder ladder sent for one thing owed (a contribution, a decision, or
    what another app's reminder source yields, e.g. a CSR report) with one due date: each step
    once. A new due date starts the ladder again."""

    class Item(models.TextChoices):
        PLEDGE = "pledge", _("Contribution")
        DECISION = "decision", _("Decision")

    # The source's key (`ladder.register_source`): the built-in Item values or another app's.
    item = models.CharField(max_length=10)
    item_pk = models.PositiveBigIntegerField()
    due_date = models.DateField()
    step = models.CharField(max_length=12)
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "item_pk", "due_date", "step"], name="one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.item_pk} {self.step}"
