"""What a partnership leaves behind: its sustainability plan, lessons and replicable practices.

Lessons and practices are private to the partnership until published; the public knowledge
portal shows only those that are published *and* belong to a published partnership.
"""

import re
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.stemming import contains_stem_lookups
from simitra.partnerships.models import Partnership, PartnershipRecordQuerySet, Phase


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private (partners only)")
    PUBLISHED = "published", _("Published in the knowledge portal")


# What a list written out as text wraps around its items (`[]`, `['UMKM', "kesetaraan"]`).
NAME_WRAPPERS = "[]\"' \t"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def split(text: str) -> list[str]:
        """Tag names typed as `UMKM, pemasaran digital; pelatihan sebaya`, without repeats.

        Brackets and quotes around a name are dropped: a list pasted or left over as
        `['UMKM']` or `[]bank sampah` gives the tags `UMKM` and `bank sampah`."""
        names = {}
        for name in re.split(r"[,;\n]+", text or ""):
            name = " ".join(name.strip(NAME_WRAPPERS).split())[:60].strip(NAME_WRAPPERS)
            if name and slugify(name):
                names.setdefault(slugify(name), name)
        return list(names.values())

    @classmethod
    def from_names(cls, names: list[str]) -> list["Tag"]:
        tags = []
        for name in names:
            tag, _created = cls.objects.get_or_create(
                slug=slugify(name)[:70], defaults={"name": name}
            )
            tags.append(tag)
        return tags


class SustainabilityPlan(models.Model):
    """What continues after the partnership ends, who carries it and how beneficiaries avoid
    depending on it — the seed's fifth risk, answered before the end."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="sustainability_plan",
        verbose_name=_("partnership"),
    )
    what_continues = models.TextField(
        _("what continues"),
        help_text=_("The activities, services or results that go on after the partnership."),
    )
    carried_by = models.TextField(
        _("who carries it"),
        help_text=_("Which organisation or group takes each of them over, and in what role."),
    )
    funding_after_end = models.TextField(
        _("funding after the end"),
        help_text=_("Where the money comes from then: budgets, fees, grants, in-kind work."),
    )
    dependency_avoidance = models.TextField(
        _("how beneficiaries avoid dependency"),
        help_text=_("How the beneficiaries stand on their own once the partners step back."),
    )
    exit_criteria = models.TextField(
        _("exit criteria"),
        help_text=_("What must be true before the partners leave, and how it will be checked."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sustainability plan")
        verbose_name_plural = _("sustainability plans")

    def __str__(self) -> str:
        return f"{self.partnership.code}: {_('sustainability plan')}"


class KnowledgeQuerySet(PartnershipRecordQuerySet):
    def public(self):
        """Published items of published partnerships: what anyone may see."""
        return self.filter(
            visibility=Visibility.PUBLISHED, partnership__visibility=Partnership.Visibility.PUBLIC
        )

    def visible_to(self, user):
        """Every item of the partnerships whose private records the user may read
        (`knowledge.view_private_knowledge`), and what is public for everyone else."""
        return self.readable_by(user) | self.public()

    def search(self, query: str):
        """Items holding every stem of `query` (see `simitra.lib.stemming`)."""
        queryset = self
        for lookup in contains_stem_lookups("search_stems", query):
            queryset = queryset.filter(**lookup)
        return queryset


class KnowledgeItem(models.Model):
    """What lessons and practices share: their partnership, tags, visibility and search."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="+", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=200)
    tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("tags"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    slug = models.SlugField(max_length=100, unique=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = KnowledgeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.visibility == Visibility.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Shown in the portal: published, and its partnership published too."""
        return self.is_published and self.partnership.is_public

    def assign_slug(self) -> None:
        """A readable, unguessable address: the title and a random suffix (so that addresses
        say nothing about how many private items exist)."""
        if not self.slug:
            self.slug = f"{slugify(self.title)[:80] or 'item'}-{secrets.token_hex(4)}"


class Lesson(KnowledgeItem):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("partnership")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="lessons", verbose_name=_("tags"))
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=Phase.choices, help_text=_("The phase of the cycle it comes from.")
    )
    what_happened = models.TextField(_("what happened"))
    what_was_learned = models.TextField(_("what was learned"))
    recommendation = models.TextField(_("recommendation"))

    history = HistoricalRecords(excluded_fields=["updated_at", "search_stems"], m2m_fields=[tags])

    class Meta(KnowledgeItem.Meta):
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        indexes = [models.Index(fields=["visibility", "published_at"])]

    def get_absolute_url(self) -> str:
        return reverse("knowledge:lesson_public", args=[self.slug])

    def index_texts(self, tag_names: list[str]) -> list[str]:
        return [
            self.title,
            self.what_happened,
            self.what_was_learned,
            self.recommendation,
            *tag_names,
        ]


class Practice(KnowledgeItem):
    """A replicable practice, told as a case study others can follow."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="practices",
        verbose_name=_("partnership"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="practices", verbose_name=_("tags"))
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences: the practice in short.")
    )
    context = models.TextField(_("context"), help_text=_("The problem and the setting it grew in."))
    approach = models.TextField(_("approach"), help_text=_("What the partners did, step by step."))
    results = models.TextField(_("results"), help_text=_("What changed, with numbers where known."))
    replication_conditions = models.TextField(
        _("conditions for replication"),
        help_text=_("What another place needs to do the same: people, money, rules, time."),
    )
    contacts = models.TextField(
        _("contacts"),
        help_text=_(
            "Who to ask. Shown publicly once published: give an office address or a role "
            "e-mail, not a private phone number."
        ),
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "search_stems"], m2m_fields=[tags])

    class Meta(KnowledgeItem.Meta):
        verbose_name = _("replicable practice")
        verbose_name_plural = _("replicable practices")
        indexes = [models.Index(fields=["visibility", "published_at"])]

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice_public", args=[self.slug])

    def index_texts(self, tag_names: list[str]) -> list[str]:
        return [
            self.title,
            self.summary,
            self.context,
            self.approach,
            self.results,
            self.replication_conditions,
            *tag_names,
        ]


class PartnershipIndex(models.Model):
    """The stems of a published partnership's title, code, summary and regions, for the portal's
    search. Kept in step lazily: an entry older than its partnership's `updated_at` is
    recomputed before a search (see `search.refresh_partnership_index`)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )
    search_stems = models.TextField(blank=True)
    source_updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        return str(self.partnership_id)
