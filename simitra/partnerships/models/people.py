"""People of partner organisations and the roles they hold in a partnership, over time.

A role change never overwrites: the old role is ended (its `ended_on` set) and a new one is
started that points back to it, so the history reads from–to like a CV of the partnership.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .core import Partner


class RoleLevel(models.TextChoices):
    STEERING = "steering", _("Steering")
    MANAGEMENT = "management", _("Management")
    TECHNICAL = "technical", _("Technical")
    FIELD = "field", _("Field")


class PersonRoleQuerySet(models.QuerySet):
    def of_partnership(self, partnership) -> "PersonRoleQuerySet":
        return self.filter(partner__partnership=partnership)

    def current(self, on=None) -> "PersonRoleQuerySet":
        """Roles held on `on` (today by default): started, and not ended before that day."""
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on)
        )

    def past(self, on=None) -> "PersonRoleQuerySet":
        on = on or timezone.localdate()
        return self.filter(ended_on__lt=on)


class PersonRole(models.Model):
    """One person of a partner organisation in one role, at one level, from one date to another."""

    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="person_roles",
        verbose_name=_("partner organisation"),
    )
    person_name = models.CharField(_("person"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership_roles",
        verbose_name=_("user account"),
    )
    level = models.CharField(_("level"), max_length=12, choices=RoleLevel.choices)
    title = models.CharField(_("role title"), max_length=200)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successor",
        verbose_name=_("previous role"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonRoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person's role")
        verbose_name_plural = _("people's roles")
        ordering = ["partner__organisation__name", "person_name", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="person_role_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["partner", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.person_name} — {self.title}"

    @property
    def partnership(self):
        return self.partner.partnership

    @property
    def organisation_id(self) -> int:
        return self.partner.organisation_id

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)
