"""Users, their membership of organisations, and their personal API tokens."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
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


KEY_PREFIX = "smt_"  # recognisable in logs and by secret scanners
KEY_BYTES = 30
PREFIX_LENGTH = 8
# The last-used time is written at most this often per token: a client sending many requests
# a second does not turn each read into a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    # The keys are long random strings, not passwords: a plain SHA-256 cannot be reversed and
    # lets the key be looked up by its hash in one indexed query.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def issue(
        self, *, user, name: str, scope: str, expires_at: datetime.datetime
    ) -> tuple["ApiToken", str]:
        """A new token for `user`; returns the record and its key. The key is never stored
        (only its SHA-256), so this is the one moment it can be shown."""
        key = KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)
        token = self.create(
            user=user,
            name=name,
            scope=scope,
            expires_at=expires_at,
            prefix=key[:PREFIX_LENGTH],
            key_hash=hash_key(key),
        )
        return token, key

    def for_key(self, key: str) -> "ApiToken | None":
        return self.select_related("user").filter(key_hash=hash_key(key)).first()

    def active(self, now: datetime.datetime | None = None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    """A personal API token: acts as its user, read-only or read-write, until it expires or is
    revoked. Only the key's hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        READ_WRITE = "read_write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the program using it.")
    )
    scope = models.CharField(_("access"), max_length=12, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(
        _("key begins with"),
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text=_("The first characters of the key, to recognise it; the key is not stored."),
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="api_token_user_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_read_only(self) -> bool:
        return self.scope == self.Scope.READ

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        return self.revoked_at is None and not self.is_expired(now)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired() else "active"

    def record_use(self, now: datetime.datetime | None = None) -> None:
        """Note that the token was used, at most once per LAST_USED_PRECISION: the condition is
        checked in the UPDATE itself, so concurrent requests write it once."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < LAST_USED_PRECISION:
            return
        stale = models.Q(last_used_at__isnull=True) | models.Q(
            last_used_at__lt=now - LAST_USED_PRECISION
        )
        if ApiToken.objects.filter(stale, pk=self.pk).update(last_used_at=now):
            self.last_used_at = now

    def revoke(self, *, by) -> bool:
        """Revoke the token at once; False when it already was (revoking twice is harmless)."""
        now = timezone.now()
        done = ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by
        )
        if done:
            self.revoked_at, self.revoked_by = now, by
        return bool(done)
