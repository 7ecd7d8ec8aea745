"""Users and their membership of organisations."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    class Language(models.TextChoices):
        INDONESIAN = "id", _("Bahasa Indonesia")
        ENGLISH = "en", _("English")

    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    position = models.CharField(_("position / job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Demo accounts may log in only on development servers or when SIMITRA_DEMO=1."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def organisation_ids(self) -> frozenset[int]:
        """Organisations this user is a member of; cached on the instance for one request."""
        if not self.is_authenticated:
            return frozenset()
        if not hasattr(self, "_organisation_ids"):
            self._organisation_ids = frozenset(
                self.memberships.values_list("organisation_id", flat=True)
            )
        return self._organisation_ids

    def admin_organisation_ids(self) -> frozenset[int]:
        if not hasattr(self, "_admin_organisation_ids"):
            self._admin_organisation_ids = frozenset(
                self.memberships.filter(is_admin=True).values_list("organisation_id", flat=True)
            )
        return self._admin_organisation_ids


class Membership(models.Model):
    """A person working for an organisation; `is_admin` makes them its organisation admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    position = models.CharField(_("position in the organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation_id", "-is_admin", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
