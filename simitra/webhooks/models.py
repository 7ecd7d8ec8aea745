"""Subscriptions of a URL to a partnership's events, and the log of what was sent."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from simitra.partnerships.events import EventType
from simitra.partnerships.models import Partnership

from .targets import reason_message


def new_secret() -> str:
    return secrets.token_hex(32)


class SubscriptionQuerySet(models.QuerySet):
    def of_partnership_for(self, partnership: Partnership, user) -> "SubscriptionQuerySet":
        """The subscriptions of this partnership that `user` may see and change: all of them
        for the partnership's managers (coordinators, platform admins), their own for an
        organisation admin (the caller has checked `webhooks.view_subscriptions`)."""
        queryset = self.filter(partnership=partnership)
        if user.has_perm("partnerships.change_partnership", partnership):
            return queryset
        return queryset.filter(owner=user)


class Subscription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("partnership"),
    )
    # The bodies are what the API shows this person; when they lose access, nothing is sent.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=pgettext_lazy("webhook", "owner"),
    )
    url = models.URLField(_("target URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("events"), default=list)
    # Stored as given (the HMAC needs it); shown once, when the subscription is made.
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    paused_by_failures = models.BooleanField(default=False)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["secret", "consecutive_failures", "updated_at"])

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "paused"]),
                name="webhook_subscription_status_known",
                violation_error_message=_("Unknown status."),
            )
        ]

    def __str__(self) -> str:
        return self.url

    def get_absolute_url(self) -> str:
        return reverse("webhooks:detail", args=[self.partnership.code, self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def listens_to(self, event_type: str) -> bool:
        return event_type in self.event_types

    def event_labels(self) -> list[str]:
        labels = dict(EventType.choices)
        return [labels.get(code, code) for code in self.event_types]


class Delivery(models.Model):
    class Problem(models.TextChoices):
        RESPONSE = "response", _("The receiver did not answer with a 2xx code.")
        CONNECTION = "connection", _("No connection, or no answer in time.")
        TARGET = "target", _("The target address is not allowed.")
        NO_ACCESS = "no_access", _("The owner may not read this record (any more), or it is gone.")
        PAUSED = "paused", _("The subscription is paused.")
        INTERNAL = "internal", _("Internal error; see the site's log.")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Will try again")
        DELIVERED = "delivered", pgettext_lazy("webhook", "Delivered")
        FAILED = "failed", _("Failed")
        WITHHELD = "withheld", _("Not sent (no access)")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event id"))
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    record_kind = models.CharField(max_length=40)
    record_pk = models.PositiveBigIntegerField()
    event_data = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(_("time of the event"))
    # The JSON sent, kept byte for byte so a resend sends the same body.
    body = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    # What went wrong, by key (said in the reader's language), and the technical detail: the
    # connection's error, or the key of the target's refusal (targets.REASONS).
    error = models.CharField(_("error"), max_length=20, choices=Problem.choices, blank=True)
    error_detail = models.CharField(max_length=300, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    resent_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resends"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subscription", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription_id}"

    @property
    def error_message(self) -> str:
        if not self.error:
            return ""
        if self.error == self.Problem.TARGET and self.error_detail:
            return reason_message(self.error_detail)
        if self.error == self.Problem.CONNECTION and self.error_detail:
            return f"{self.get_error_display()} ({self.error_detail})"
        return self.get_error_display()

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DELIVERED, self.Status.FAILED, self.Status.WITHHELD)
