"""Phase 1: the problem, its tree, the evidence behind it, needs, solution options and whether a
partnership is the right tool at all."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import PrivateStorage, private_storage, unguessable_name
from simitra.partnerships.models import Partnership


def _proposed_by_field():
    """Co-creation: every idea carries the organisation that proposed it."""
    return models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )


class ProblemStatement(models.Model):
    """The problem the partnership wants to solve: the trunk of the problem tree."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="problem", verbose_name=_("partnership")
    )
    core_problem = models.CharField(
        _("core problem"),
        max_length=250,
        help_text=_("One sentence: the trunk of the problem tree."),
    )
    statement = models.TextField(
        _("problem statement"),
        help_text=_("Who is affected, where, how badly, and why it matters now."),
    )
    proposed_by = _proposed_by_field()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("problem statement")
        verbose_name_plural = _("problem statements")

    def __str__(self) -> str:
        return self.core_problem

    @property
    def text(self) -> str:
        return f"{self.core_problem}\n{self.statement}"


PrivateUploads = PrivateStorage  # the name the first migration imports


def evidence_upload_path(instance, filename: str) -> str:
    """A random name: the original one is kept in `file_name` and never used on disk."""
    return unguessable_name(f"scoping/evidence/{instance.partnership_id}", filename)


# Said beforehand (the fields' help) and when both are missing (the form, the admin): never
# the constraint's name.
LINK_OR_FILE = _("Give a link to the source or upload its file.")


class Evidence(models.Model):
    """A source of data behind the problem, a cause or a need: a report, a survey, a statistic."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="evidence_sources",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=250)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    figure = models.CharField(
        _("key figure"),
        max_length=250,
        blank=True,
        help_text=_("The number it gives, e.g. “stunting prevalence 37.8% (2022)”."),
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_(
            "A link or a file is required: give the source's address, upload its file, or both."
        ),
    )
    file = models.FileField(
        _("file"),
        upload_to=evidence_upload_path,
        storage=private_storage,
        blank=True,
        max_length=200,
        help_text=_("PDF, image, office document or CSV. Needed when there is no link."),
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    supports_problem = models.BooleanField(_("supports the problem statement"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence source")
        verbose_name_plural = _("evidence sources")
        ordering = ["-year", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", file=""),
                name="evidence_has_link_or_file",
                violation_error_message=LINK_OR_FILE,
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProblemNode(models.Model):
    """A cause or an effect in the problem tree. A node without a parent hangs on the core
    problem; with a parent (of the same kind) it is a deeper cause or a further effect."""

    class Kind(models.TextChoices):
        CAUSE = "cause", _("Cause")
        EFFECT = "effect", _("Effect")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="problem_nodes",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=300)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("hangs on"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="problem_nodes", verbose_name=_("evidence")
    )
    proposed_by = _proposed_by_field()
    created_at = models.DateTimeField(auto_now_add=True)

    # The version an edit form (and the API) carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("problem tree element")
        verbose_name_plural = _("problem tree elements")
        ordering = ["kind", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Need(models.Model):
    """A need the partnership would answer. Told apart from a wish: without evidence it is
    unverified; declared to stem from ambition, institutional interest or outside pressure, it
    is flagged (see `wishes.py`)."""

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="needs", verbose_name=_("partnership")
    )
    description = models.TextField(_("need"))
    affected_group = models.CharField(_("affected group"), max_length=200)
    affected_size = models.PositiveIntegerField(
        _("number of people affected"), null=True, blank=True
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="needs", verbose_name=_("evidence")
    )
    driven_by_ambition = models.BooleanField(_("personal ambition"), default=False)
    driven_by_institution = models.BooleanField(_("institutional interest"), default=False)
    driven_by_pressure = models.BooleanField(_("outside pressure"), default=False)
    driver_note = models.TextField(_("about the declaration"), blank=True)
    proposed_by = _proposed_by_field()
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("declared by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The version an edit form (and the API) carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["priority", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def declared_drivers(self) -> list[str]:
        return [
            code
            for code, flag in (
                ("ambition", self.driven_by_ambition),
                ("institution", self.driven_by_institution),
                ("pressure", self.driven_by_pressure),
            )
            if flag
        ]


class SolutionOption(models.Model):
    """A way to solve the problem, tied to the causes it addresses; some are chosen, with why."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="solution_options",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("option"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    causes = models.ManyToManyField(
        ProblemNode,
        blank=True,
        related_name="solution_options",
        verbose_name=_("causes addressed"),
    )
    proposed_by = _proposed_by_field()
    chosen = models.BooleanField(_("chosen"), default=False)
    choice_reason = models.TextField(_("why it was chosen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # The version an edit form (and the API) carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("solution option")
        verbose_name_plural = _("solution options")
        ordering = ["-chosen", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(chosen=True, choice_reason=""),
                name="chosen_option_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class Recommendation(models.TextChoices):
    PARTNERSHIP = "partnership", _("A partnership")
    CONTRACT = "contract", _("A contract")
    SINGLE_ACTOR = "single_actor", _("A single actor")


class SuitabilityCheck(models.Model):
    """The answers to “is a partnership the right tool here?”; the recommendation follows from
    them (`suitability.recommend`) and is kept with them."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="suitability",
        verbose_name=_("partnership"),
    )
    single_actor = models.CharField(
        _("Can one actor solve the problem alone?"), max_length=6, choices=Answer.choices
    )
    shared_interest = models.CharField(
        _("Do the parties share an interest in solving it?"), max_length=6, choices=Answer.choices
    )
    complementary = models.CharField(
        _("Does each party bring something the others lack?"),
        max_length=6,
        choices=Answer.choices,
    )
    contract_enough = models.CharField(
        _("Would a contract (buying a service) be enough?"), max_length=6, choices=Answer.choices
    )
    notes = models.TextField(_("notes"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suitability check")
        verbose_name_plural = _("suitability checks")

    def __str__(self) -> str:
        return f"{self.partnership.code}: {self.get_recommendation_display()}"

    @property
    def answers(self) -> dict[str, str]:
        return {
            "single_actor": self.single_actor,
            "shared_interest": self.shared_interest,
            "complementary": self.complementary,
            "contract_enough": self.contract_enough,
        }
