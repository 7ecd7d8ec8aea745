"""Organisations of the five sectors (plus universities) that take part in partnerships."""

from collections import Counter

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage, unguessable_name


class Sector(models.TextChoices):
    """The sectors a partnership brings together, each mapped to an IATI organisation type."""

    GOVERNMENT = "government", _("Government")
    PRIVATE = "private", _("Private sector / CSR")
    DONOR = "donor", _("Donor / development agency")
    NGO = "ngo", _("NGO / civil society (LSM)")
    COMMUNITY = "community", _("Community group (masyarakat binaan)")
    UNIVERSITY = "university", _("University / research")


# IATI OrganisationType codes (2.03): 10 Government, 70 Private Sector, 40 Multilateral,
# 22 National NGO, 90 Other, 80 Academic, Training and Research.
IATI_TYPE_FOR_SECTOR = {
    Sector.GOVERNMENT: "10",
    Sector.PRIVATE: "70",
    Sector.DONOR: "40",
    Sector.NGO: "22",
    Sector.COMMUNITY: "90",
    Sector.UNIVERSITY: "80",
}


class Capability(models.Model):
    """A tag naming something an organisation can do (e.g. *gizi*, *air bersih*, *pelatihan*)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_names(cls, names: list[str]) -> list["Capability"]:
        result = []
        for name in names:
            slug = slugify(name)[:90]
            if not slug:
                continue
            obj, _created = cls.objects.get_or_create(slug=slug, defaults={"name": name[:80]})
            result.append(obj)
        return result

    @classmethod
    def by_slug_for_names(cls, names) -> dict[str, "Capability"]:
        """`from_names` for many names at once (an import's every row): the tags by slug, the
        missing ones created, in two queries."""
        wanted: dict[str, str] = {}
        for name in names:
            slug = slugify(name)[:90]
            if slug:
                wanted.setdefault(slug, name[:80])
        found = {c.slug: c for c in cls.objects.filter(slug__in=list(wanted))}
        missing = [cls(slug=slug, name=name) for slug, name in wanted.items() if slug not in found]
        found.update((c.slug, c) for c in cls.objects.bulk_create(missing, batch_size=500))
        return found


class OrganisationQuerySet(models.QuerySet):
    def in_region(self, code: str) -> "OrganisationQuerySet":
        """Working in this region or anywhere below it."""
        return self.filter(
            models.Q(regions__code=code) | models.Q(regions__code__startswith=f"{code}.")
        ).distinct()

    def search(self, text: str) -> "OrganisationQuerySet":
        query = models.Q()
        for word in text.split():
            query &= (
                models.Q(name__icontains=word)
                | models.Q(acronym__icontains=word)
                | models.Q(description__icontains=word)
                | models.Q(expertise__icontains=word)
                | models.Q(capabilities__name__icontains=word)
            )
        return self.filter(query).distinct()


def _logo_path(organisation, filename: str) -> str:
    return unguessable_name("organisations/logos", filename)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(max_length=220, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    iati_type = models.CharField(
        _("IATI organisation type"),
        max_length=4,
        blank=True,
        help_text=_("Left empty, it follows the sector."),
    )
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_("For example ID-KMK-123456 or XM-DAC-41114."),
    )
    description = models.TextField(_("description"), blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    sso_email_domains = models.CharField(
        _("single sign-on e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_(
            "Members whose e-mail address is at one of these domains (comma-separated, e.g. "
            "bappeda.example.go.id) must log in with the provider below."
        ),
    )
    sso_provider = models.CharField(
        _("single sign-on provider"),
        max_length=64,
        blank=True,
        help_text=_(
            "The id of the OpenID Connect provider those members log in with; left empty, "
            "they may log in with their password."
        ),
    )
    logo = models.FileField(
        _("logo"),
        upload_to=_logo_path,
        storage=private_storage,
        max_length=250,
        blank=True,
        help_text=_("PNG or JPEG, at most 1 MB; shown on the cover of partnership reports."),
    )
    regions = models.ManyToManyField(
        "reference.Region",
        blank=True,
        related_name="organisations",
        verbose_name=_("regions of work"),
    )
    sdg_goals = models.ManyToManyField(
        "reference.SdgGoal", blank=True, related_name="organisations", verbose_name=_("SDG focus")
    )
    capabilities = models.ManyToManyField(
        Capability, blank=True, related_name="organisations", verbose_name=_("capabilities")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~models.Q(iati_identifier=""),
                name="unique_iati_identifier",
            )
        ]
        indexes = [models.Index(fields=["sector", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.slug])

    @property
    def effective_iati_type(self) -> str:
        return self.iati_type or IATI_TYPE_FOR_SECTOR[self.sector]

    def _slug_base(self) -> str:
        return slugify(self.acronym or self.name)[:200] or "organisasi"

    def assign_unique_slug(self) -> None:
        base = self._slug_base()
        slug, n = base, 2
        while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        self.slug = slug

    @classmethod
    def assign_unique_slugs(cls, organisations: list["Organisation"]) -> None:
        """`assign_unique_slug` for many new organisations, giving the slugs they would get
        one after the other (a later one skips the slugs of those before it), with a query per
        500 organisations and one per 100 whose first choice is taken — not one per slug tried."""
        bases = [organisation._slug_base() for organisation in organisations]
        distinct = list(dict.fromkeys(bases))
        taken: set[str] = set()
        for start in range(0, len(distinct), 500):
            chunk = distinct[start : start + 500]
            taken.update(cls.objects.filter(slug__in=chunk).values_list("slug", flat=True))
        repeated = {base for base, count in Counter(bases).items() if count > 1}
        numbered: set[str] = set()  # bases whose numbered slugs (base-2, …) are in `taken`

        def load_numbered(wanted: list[str]) -> None:
            for start in range(0, len(wanted), 100):
                query = models.Q()
                for base in wanted[start : start + 100]:
                    query |= models.Q(slug__startswith=f"{base}-")
                taken.update(cls.objects.filter(query).values_list("slug", flat=True))
            numbered.update(wanted)

        load_numbered([base for base in distinct if base in taken or base in repeated])
        for organisation, base in zip(organisations, bases, strict=True):
            slug, n = base, 2
            while slug in taken:
                if base not in numbered:  # taken by an organisation of this batch
                    load_numbered([base])
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            organisation.slug = slug
