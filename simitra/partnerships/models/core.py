"""The partnership, its partners, who may observe it, and its moves through the cycle."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Phase(models.IntegerChoices):
    SCOPING = 1, _("Scoping")
    IDENTIFYING = 2, _("Identifying partners")
    BUILDING = 3, _("Building & planning")
    AGREEING = 4, _("Agreeing")
    MANAGING = 5, _("Managing")
    REVIEWING = 6, _("Reviewing & revising")
    SUSTAINING = 7, _("Sustaining")

    @property
    def tab_query(self) -> str:
        """The query that opens this phase's tab on the partnership page (`?tab=5`): the one
        place that knows how a tab is addressed."""
        return f"?tab={self.value}"


class PartnerStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # A candidate the coordinator turned down: never a partner, so listed among the candidates
    # only (a withdrawn partner was one, and stays in the list of partners).
    REJECTED = "rejected", _("Rejected")
    # The organisation answered the coordinator's invitation with no (and said why): listed
    # among the partners with its answer, so the coordinator sees it.
    DECLINED = "declined", _("Declined")

    @classmethod
    def not_taking_part(cls) -> list[str]:
        return [cls.WITHDRAWN, cls.REJECTED, cls.DECLINED]


CODE_MAX = 40

# Representatives of these partners can read a private partnership.
READING_STATUSES = (PartnerStatus.INVITED, PartnerStatus.CONFIRMED)


def observer_grants_of(user) -> list["ObserverGrant"]:
    """The user's observer grants, read once per request (cached on the user object)."""
    if not hasattr(user, "_observer_grants"):
        user._observer_grants = list(ObserverGrant.objects.filter(user_id=user.pk))
    return user._observer_grants


def _access_q(user) -> models.Q | None:
    """Private partnerships open to this user; None means all of them (a whole-portfolio
    observer). Subqueries rather than joins, so no row is repeated.

    Built once per request (cached on the user object, like the organisations and grants it
    is made of): a page asks it for its partnership, the bell and the rules. The subqueries
    stay lazy, so each query that uses it reads the tables as they are then."""
    if "_access_q" not in user.__dict__:
        user.__dict__["_access_q"] = _build_access_q(user)
    return user.__dict__["_access_q"]


def access_inputs(user) -> tuple:
    """Everything the access filters of `PartnershipQuerySet` are built from for this user
    (besides the tables their subqueries read when they run): equal inputs give the same SQL,
    so a query's SQL may be kept for as long as these stay the same."""
    if not user.is_authenticated:
        return ("anonymous",)
    return (
        user.pk,
        _is_platform_admin(user),
        tuple(sorted(user.organisation_ids())),
        tuple(sorted((g.partnership_id or 0, g.region_id or "") for g in observer_grants_of(user))),
    )


def _build_access_q(user) -> models.Q | None:
    query = _coordinated_q(user) | models.Q(
        pk__in=Partner.objects.filter(
            organisation_id__in=user.organisation_ids(), status__in=READING_STATUSES
        ).values("partnership_id")
    )
    for grant in observer_grants_of(user):
        if grant.partnership_id:
            query |= models.Q(pk=grant.partnership_id)
        elif grant.region_id:
            query |= models.Q(
                pk__in=Partnership.regions.through.objects.filter(
                    models.Q(region_id=grant.region_id)
                    | models.Q(region__code__startswith=f"{grant.region_id}.")
                ).values("partnership_id")
            )
        else:
            return None
    return query


def _is_platform_admin(user) -> bool:
    # As `simitra.accounts.rules.is_platform_admin`: an inactive superuser is no admin.
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _coordinated_q(user) -> models.Q:
    return models.Q(
        pk__in=Partnership.coordinators.through.objects.filter(user_id=user.pk).values(
            "partnership_id"
        )
    )


class PartnershipQuerySet(models.QuerySet):
    """The rules of `simitra/accounts/rules.py` as filters, one per composite predicate:

    - `visible_to(user)`: `can_view_partnership` (published, or the user takes part or
      observes; all for platform admins);
    - `readable_by(user)`: `can_read_private` (members and observers, never merely published;
      all for platform admins);
    - `managed_by(user)`: `can_manage_partnership` (coordinators; all for platform admins).

    `readable_by` and `managed_by` narrow `visible_to`, so every list starts from it.
    `tests/test_access_querysets.py` checks each against its predicate for every kind of user."""

    def visible_to(self, user) -> "PartnershipQuerySet":
        """Published partnerships, plus the private ones this user coordinates, works in
        through a partner organisation, or has been granted to observe."""
        public = models.Q(visibility=Partnership.Visibility.PUBLIC)
        if not user.is_authenticated:
            return self.filter(public)
        if _is_platform_admin(user):
            return self.all()
        access = _access_q(user)
        return self.all() if access is None else self.filter(public | access)

    def readable_by(self, user) -> "PartnershipQuerySet":
        """The partnerships whose private records this user may read: those they take part in
        or observe (every one, for a platform admin)."""
        visible = self.visible_to(user)
        if not user.is_authenticated:
            return visible.none()
        if _is_platform_admin(user):
            return visible
        access = _access_q(user)
        return visible if access is None else visible.filter(access)

    def managed_by(self, user) -> "PartnershipQuerySet":
        """The partnerships this user coordinates (every one, for a platform admin)."""
        visible = self.visible_to(user)
        if not user.is_authenticated:
            return visible.none()
        if _is_platform_admin(user):
            return visible
        return visible.filter(_coordinated_q(user))

    def involving(self, user) -> "PartnershipQuerySet":
        """The partnerships this user takes part in or observes ("my partnerships"), even
        for a platform admin; for what a user may read, ask `readable_by`."""
        if not user.is_authenticated:
            return self.none()
        access = _access_q(user)
        return self.all() if access is None else self.filter(access)

    def with_roles_of(self, user) -> "PartnershipQuerySet":
        """Each row with this user's coordinator and partner roles read in the same query
        (two EXISTS); `prime_annotated_roles` then fills the role cache from them, so the rules
        asked about the partnership afterwards query nothing for these two roles."""
        if not user.is_authenticated:
            return self
        return self.annotate(
            _role_coordinator=models.Exists(
                Partnership.coordinators.through.objects.filter(
                    partnership_id=models.OuterRef("pk"), user_id=user.pk
                )
            ),
            _role_partner=models.Exists(
                Partner.objects.filter(
                    partnership_id=models.OuterRef("pk"),
                    organisation_id__in=user.organisation_ids(),
                    status__in=READING_STATUSES,
                )
            ),
        )

    def code_taken(self, code: str, *, exclude_pk: int | None = None) -> bool:
        """Whether any partnership of the deployment, visible or not, has this code (codes are
        unique per deployment, in any letter case)."""
        return self.filter(code__iexact=code).exclude(pk=exclude_pk).exists()

    def free_code(self, wanted: str) -> str:
        """A code like `wanted` that no partnership has: `wanted-2`, `wanted-3`, … (shortened
        to fit 40 characters). What it skips was only ever as taken as a code one types."""
        for number in range(2, 100):
            suffix = f"-{number}"
            candidate = f"{wanted[: CODE_MAX - len(suffix)].rstrip('-')}{suffix}"
            if not self.code_taken(candidate):
                return candidate
        return f"{wanted[: CODE_MAX - 9].rstrip('-')}-{uuid.uuid4().hex[:8].upper()}"

    def with_sdg_goal(self, goal) -> "PartnershipQuerySet":
        """The partnerships with a target of this SDG goal (a goal or its number)."""
        return self.filter(
            pk__in=Partnership.sdg_targets.through.objects.filter(sdgtarget__goal=goal).values(
                "partnership_id"
            )
        )

    def with_confirmed_sector(self, sector: str) -> "PartnershipQuerySet":
        """The partnerships with a confirmed partner of this sector."""
        return self.filter(
            pk__in=Partner.objects.filter(
                status=PartnerStatus.CONFIRMED, organisation__sector=sector
            ).values("partnership_id")
        )

    def in_region(self, code: str) -> "PartnershipQuerySet":
        return self.filter(
            pk__in=Partnership.regions.through.objects.filter(
                models.Q(region_id=code) | models.Q(region__code__startswith=f"{code}.")
            ).values("partnership_id")
        )


class Partnership(models.Model):
    is_partnership = True  # lets the access rules tell a partnership from its records

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private (partners only)")
        PUBLIC = "public", _("Published")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=250)
    code = models.CharField(
        _("code"),
        max_length=CODE_MAX,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9-]*$",
                _("Use letters, digits and hyphens only, e.g. NTT-STUNTING-2025."),
            )
        ],
        help_text=_("A short unique code used in links and reports, e.g. NTT-STUNTING-2025."),
    )
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    regions = models.ManyToManyField(
        "reference.Region", blank=True, related_name="partnerships", verbose_name=_("regions")
    )
    sdg_targets = models.ManyToManyField(
        "reference.SdgTarget",
        blank=True,
        related_name="partnerships",
        verbose_name=_("SDG targets"),
    )
    dac_sector = models.CharField(
        _("sector (DAC code)"), max_length=5, blank=True, help_text=_("e.g. 12240 Basic nutrition")
    )
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=Phase.choices, default=Phase.SCOPING
    )
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    # Objectivity (the seed: shared responsibility): whoever submits an indicator value is not
    # the one who approves it, unless the coordinator turns this off for a partnership of few
    # people.
    separate_value_approval = models.BooleanField(
        _("values approved by a second person"),
        default=True,
        help_text=_(
            "An indicator value is approved by someone other than the person who submitted it."
        ),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_partnerships",
        verbose_name=_("coordinators"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[coordinators])

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="partnership_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(phase__gte=1, phase__lte=7), name="partnership_phase_in_cycle"
            ),
        ]
        indexes = [models.Index(fields=["phase", "status"]), models.Index(fields=["visibility"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.code])

    def tab_url(self, phase: "Phase | int") -> str:
        """The partnership page opened on this phase's tab."""
        return f"{self.get_absolute_url()}{Phase(phase).tab_query}"

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_closed(self) -> bool:
        return self.status != self.Status.ACTIVE

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    def roles_for(self, user) -> frozenset[str]:
        """This user's roles here (coordinator, partner, observer); cached per instance."""
        if not user.is_authenticated:
            return frozenset()
        cache = self.__dict__.setdefault("_roles_cache", {})
        if user.pk not in cache:
            roles = set()
            if self.coordinators.filter(pk=user.pk).exists():
                roles.add("coordinator")
            if self.partners.filter(
                organisation_id__in=user.organisation_ids(), status__in=READING_STATUSES
            ).exists():
                roles.add("partner")
            if self._observed_by(user):
                roles.add("observer")
            cache[user.pk] = frozenset(roles)
        return cache[user.pk]

    def prime_annotated_roles(self, user) -> None:
        """Fill the role cache from `PartnershipQuerySet.with_roles_of` (no query unless the
        user holds region grants and the regions were not prefetched)."""
        if not user.is_authenticated or not hasattr(self, "_role_coordinator"):
            return
        roles = set()
        if self._role_coordinator:
            roles.add("coordinator")
        if self._role_partner:
            roles.add("partner")
        if self._observed_by(user):
            roles.add("observer")
        self.__dict__.setdefault("_roles_cache", {})[user.pk] = frozenset(roles)

    def _observed_by(self, user) -> bool:
        grants = observer_grants_of(user)
        if not grants:
            return False
        if "regions" in getattr(self, "_prefetched_objects_cache", {}):
            region_codes = [region.code for region in self.regions.all()]
        else:
            region_codes = list(self.regions.values_list("code", flat=True))
        for grant in grants:
            if grant.partnership_id == self.pk or (
                not grant.partnership_id and not grant.region_id
            ):
                return True
            if grant.region_id and any(
                code == grant.region_id or code.startswith(f"{grant.region_id}.")
                for code in region_codes
            ):
                return True
        return False

    def active_partner_organisation_ids(self) -> frozenset[int]:
        """Organisations of confirmed partners: their representatives edit their own records."""
        if not hasattr(self, "_confirmed_org_ids"):
            self._confirmed_org_ids = frozenset(
                self.partners.filter(status=PartnerStatus.CONFIRMED).values_list(
                    "organisation_id", flat=True
                )
            )
        return self._confirmed_org_ids

    def confirmed_partners(self):
        return self.partners.filter(status=PartnerStatus.CONFIRMED).select_related("organisation")


def roles_by_partnership(user, partnerships) -> dict[int, frozenset[str]]:
    """This user's roles (coordinator, partner, observer) in each of these partnerships, as
    `Partnership.roles_for` finds them one by one, in at most four queries whatever their
    number (coordinators, partners, observer grants, and the regions when a grant names one)."""
    pks = [p.pk for p in partnerships]
    roles: dict[int, set[str]] = {pk: set() for pk in pks}
    if not user.is_authenticated or not pks:
        return {pk: frozenset() for pk in pks}
    for pk in Partnership.coordinators.through.objects.filter(
        user_id=user.pk, partnership_id__in=pks
    ).values_list("partnership_id", flat=True):
        roles[pk].add("coordinator")
    if user.organisation_ids():
        for pk in Partner.objects.filter(
            partnership_id__in=pks,
            organisation_id__in=user.organisation_ids(),
            status__in=READING_STATUSES,
        ).values_list("partnership_id", flat=True):
            roles[pk].add("partner")
    grants = observer_grants_of(user)
    observed: set[int] = set()
    if any(not grant.partnership_id and not grant.region_id for grant in grants):
        observed = set(pks)
    else:
        observed = {grant.partnership_id for grant in grants if grant.partnership_id}
        region_q = models.Q()
        for grant in grants:
            if grant.region_id:
                region_q |= models.Q(region_id=grant.region_id) | models.Q(
                    region__code__startswith=f"{grant.region_id}."
                )
        if region_q:
            observed |= set(
                Partnership.regions.through.objects.filter(region_q, partnership_id__in=pks)
                .values_list("partnership_id", flat=True)
                .distinct()
            )
    for pk in observed & set(pks):
        roles[pk].add("observer")
    return {pk: frozenset(found) for pk, found in roles.items()}


def prime_roles(user, partnerships) -> None:
    """Fill each partnership's role cache for this user from one bulk lookup, so the rules
    asked row by row on a list (`user.has_perm(perm, partnership)`) query nothing more."""
    if not user.is_authenticated:
        return
    missing = [
        p
        for p in partnerships
        if p is not None and user.pk not in p.__dict__.get("_roles_cache", {})
    ]
    if not missing:
        return
    found = roles_by_partnership(user, missing)
    for partnership in missing:
        partnership.__dict__.setdefault("_roles_cache", {})[user.pk] = found[partnership.pk]


class PartnershipRecordQuerySet(models.QuerySet):
    """For records of one partnership each: the same three questions as
    `PartnershipQuerySet`, asked about the record's partnership (`partnership_path`, e.g.
    "indicator__partnership")."""

    partnership_path = "partnership"

    def _in(self, partnerships) -> models.QuerySet:
        return self.filter(**{f"{self.partnership_path}__in": partnerships.values("pk")})

    def visible_to(self, user):
        return self._in(Partnership.objects.visible_to(user))

    def readable_by(self, user):
        return self._in(Partnership.objects.readable_by(user))

    def managed_by(self, user):
        return self._in(Partnership.objects.managed_by(user))


class PartnerQuerySet(PartnershipRecordQuerySet):
    def confirmed(self):
        return self.filter(status=PartnerStatus.CONFIRMED)


class Partner(models.Model):
    """An organisation's place in one partnership: its roles, status and kind of relationship."""

    class IatiRole(models.IntegerChoices):
        FUNDING = 1, _("Funding")
        ACCOUNTABLE = 2, _("Accountable")
        EXTENDING = 3, _("Extending")
        IMPLEMENTING = 4, _("Implementing")

    class LocalRole(models.TextChoices):
        NONE = "", _("—")
        COORDINATOR = "coordinator", _("Coordinator / broker")
        BENEFICIARY = "beneficiary", _("Beneficiary community")
        ENDORSER = "endorser", _("Endorser")

    class Relationship(models.TextChoices):
        UNDETERMINED = "undetermined", _("Not yet determined")
        TRANSACTIONAL = "transactional", _("Transactional (sub-contract)")
        COLLABORATIVE = "collaborative", _("Collaborative (mutual contribution)")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partner_roles",
        verbose_name=_("organisation"),
    )
    iati_role = models.PositiveSmallIntegerField(
        _("IATI role"), choices=IatiRole.choices, null=True, blank=True
    )
    local_role = models.CharField(
        _("role in the partnership"), max_length=20, choices=LocalRole.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.CANDIDATE
    )
    relationship = models.CharField(
        _("relationship"),
        max_length=15,
        choices=Relationship.choices,
        default=Relationship.UNDETERMINED,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The invitation and the organisation's own answer (the seed: every partner understands
    # and agrees to its role). A partner is confirmed by accepting, never by the coordinator
    # alone; partners confirmed before invitations existed count as having accepted.
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_reason = models.TextField(_("reason given with the answer"), blank=True)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="unique_partner"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="partner_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.partnership.code}"


class ObserverGrant(models.Model):
    """Read-only access for a portfolio observer: one partnership, every partnership in a
    region (and below it), or, with neither set, the whole portfolio."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="observer_grants",
        verbose_name=_("observer"),
    )
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.CASCADE, related_name="observer_grants"
    )
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observer grant")
        verbose_name_plural = _("observer grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partnership__isnull=True) | models.Q(region__isnull=True),
                name="observer_grant_one_scope",
            )
        ]

    def __str__(self) -> str:
        scope = self.partnership or self.region or _("whole portfolio")
        return f"{self.user} → {scope}"


class PhaseTransition(models.Model):
    """One move of a partnership through the cycle, with the gate as it stood at that moment."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="transitions"
    )
    from_phase = models.PositiveSmallIntegerField(_("from"), choices=Phase.choices)
    to_phase = models.PositiveSmallIntegerField(_("to"), choices=Phase.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(_("when"), auto_now_add=True)
    gate_passed = models.BooleanField(_("gate passed"))
    overridden = models.BooleanField(_("gate overridden"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    gate_results = models.JSONField(_("gate results"), default=list)
    # Set on the entry that ends the partnership (its phase stays where it was).
    outcome = models.CharField(
        _("ended as"), max_length=10, choices=Partnership.Status.choices, blank=True
    )
    # The move's place in the partnership's history (1, 2, …), set when it is saved. Two
    # moves made from the same state would carry the same number: the database keeps one
    # (`one_transition_per_step`), behind the services' row lock. A constraint on the phase
    # left would not fit: going back and forward again leaves a phase twice, rightly.
    number = models.PositiveIntegerField(_("step"), editable=False)

    class Meta:
        verbose_name = _("phase transition")
        verbose_name_plural = _("phase transitions")
        ordering = ["-moved_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(overridden=True, reason=""), name="override_needs_reason"
            ),
            models.UniqueConstraint(
                fields=["partnership", "number"], name="one_transition_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership.code}: {self.from_phase} → {self.to_phase}"

    def save(self, *args, **kwargs):
        if self.number is None:
            last = PhaseTransition.objects.filter(partnership_id=self.partnership_id).aggregate(
                last=models.Max("number")
            )["last"]
            self.number = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_forward(self) -> bool:
        return self.to_phase > self.from_phase

    @property
    def to_label(self) -> str:
        """Where the move led: the next phase, or how the partnership ended."""
        return self.get_outcome_display() if self.outcome else self.get_to_phase_display()
