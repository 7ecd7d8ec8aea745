"""Reference data: Kemendagri regions, SDG goals and targets, IATI codelists."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _indonesian() -> bool:
    return (get_language() or "id").startswith("id")


class RegionQuerySet(models.QuerySet):
    def within(self, code: str) -> "RegionQuerySet":
        """The region with this code and every region below it (regencies, districts)."""
        return self.filter(models.Q(code=code) | models.Q(code__startswith=f"{code}."))


class Region(models.Model):
    """A Kemendagri administrative region: province (1), regency/city (2), district (3).

    Codes nest by prefix (`53` ⊃ `53.10` ⊃ `53.10.01`), so "in this province" is a prefix match.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        REGENCY = 2, _("regency / city")
        DISTRICT = 3, _("district")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)

    class Meta:
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_id if _indonesian() else self.name_en


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    description = models.TextField(_("description"))
    sort_key = models.CharField(max_length=16, db_index=True, editable=False)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:60]}"


class CodelistItemQuerySet(models.QuerySet):
    def dac_sector(self, code: str) -> "CodelistItem | None":
        """The DAC 5 sector with this code, or None (blank or unknown code)."""
        return self.filter(codelist="Sector", code=code).first() if code else None

    def dac_sector_labels(self, codes) -> dict[str, str]:
        """`{code: "14050 — Pengelolaan sampah"}` for these DAC 5 codes, in one query, in the
        active language; a code missing from the codelist is absent from the answer."""
        codes = {code for code in codes if code}
        if not codes:
            return {}
        return {
            item.code: item.label
            for item in self.filter(codelist="Sector", code__in=codes).only(
                "code", "name", "name_id"
            )
        }


class CodelistItem(models.Model):
    """One code of an IATI codelist (OrganisationType, OrganisationRole, Sector, …).

    `name` is the codelist's English name; `name_id` an Indonesian one where the project ships
    it (the DAC sectors and their categories: `data/dac-sectors-id.csv`), else blank.
    """

    codelist = models.CharField(_("codelist"), max_length=60)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    name_id = models.CharField(_("name (Indonesian)"), max_length=300, blank=True, default="")
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)

    objects = CodelistItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("codelist item")
        verbose_name_plural = _("codelist items")
        ordering = ["codelist", "code"]
        constraints = [
            models.UniqueConstraint(fields=["codelist", "code"], name="unique_codelist_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def localised_name(self) -> str:
        """The Indonesian name when the active language is Indonesian and one is shipped, else
        the English one."""
        return self.name_id if self.name_id and _indonesian() else self.name

    @property
    def label(self) -> str:
        return f"{self.code} — {self.localised_name}"
