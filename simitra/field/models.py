from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One entry sent from a device's outbox, remembered by the key the device gave it: a
    retried send (the answer was lost on a weak connection, or the user pressed send twice)
    gets the first answer back and records nothing again. Only entries the server accepted are
    remembered; a refused entry leaves no row, so the user can fix it and send it again."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("Delivery")
        VALUE = "value", _("Indicator value")
        HEALTH = "health", _("Health check answers")
        DECISION = "decision", _("Decision progress")
        ATTENDANCE = "attendance", _("Meeting attendance")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="field_submissions"
    )
    key = models.CharField(_("idempotency key"), max_length=64)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    answer = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("field submission")
        verbose_name_plural = _("field submissions")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="field_submission_key_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
