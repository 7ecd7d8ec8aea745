"""The organisations sheet: template, import (with the page form's rules and messages: new
organisations checked a column at a time by `NewOrganisationRows`, which repeats the form's
own steps, and a refused row or a changed organisation through the form itself) and the list
export in the same columns (an export can be imported again)."""

from functools import cache

from django.db.models.functions import Lower
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simitra.lib.bulk import insert_rows
from simitra.organisations import services
from simitra.organisations.forms import FormReference, NewOrganisationRows, OrganisationForm
from simitra.organisations.models import Capability, Organisation, Sector
from simitra.reference.models import CodelistItem, Region

from .spec import CellInvalid, Column, Outcome, SheetSpec, leading_code, number_list, register, text


def _sector_choices() -> list[str]:
    return [str(label) for _value, label in Sector.choices]


@cache
def _sector_names() -> dict[str, str]:
    """Each sector's code and its names in both languages (casefolded) → its code; built once
    (the translations do not change while the process runs), not for every cell."""
    names = {}
    for code, label in reversed(Sector.choices):  # the first sector wins a shared name
        for language in ("id", "en"):
            with translation.override(language):
                names[str(label).casefold()] = code
        names[code.casefold()] = code
    return names


def _read_sector(value) -> str:
    """A sector's code, or its name in either language."""
    code = _sector_names().get(str(value).strip().casefold())
    if code is None:
        raise CellInvalid(_("Choose a sector from the list."))
    return code


def _type_choices() -> list[str]:
    return [
        f"{item.code} {item.name}"
        for item in CodelistItem.objects.filter(codelist="OrganisationType").order_by("code")
    ]


def _region_choices() -> list[str]:
    return [f"{r.code} {r.name}" for r in Region.objects.filter(level__lte=2).order_by("code")]


def _codes(value) -> list[str]:
    return [part for part in str(value).replace(";", ",").replace(" ", ",").split(",") if part]


def _names(value) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()]


COLUMNS = [
    Column(
        "name",
        gettext_lazy("Name"),
        gettext_lazy("The organisation's full name."),
        True,
        40,
        parse=text(200),
        example="Yayasan Gizi Sehat Nusantara",
    ),
    Column(
        "acronym",
        gettext_lazy("Short name"),
        gettext_lazy("Acronym or short name."),
        width=14,
        parse=text(40),
        example="YGSN",
    ),
    Column(
        "sector",
        gettext_lazy("Sector"),
        gettext_lazy("One of the sectors in the list."),
        True,
        26,
        choices=_sector_choices,
        parse=_read_sector,
    ),
    Column(
        "iati_type",
        gettext_lazy("IATI organisation type"),
        gettext_lazy("Only when it differs from the sector's usual type."),
        width=26,
        choices=_type_choices,
        parse=leading_code,
        example="22 National NGO",
    ),
    Column(
        "iati_identifier",
        gettext_lazy("IATI organisation identifier"),
        gettext_lazy("If the organisation has one."),
        width=24,
        parse=text(100),
        example="ID-KMK-123456",
    ),
    Column(
        "region",
        gettext_lazy("Main region"),
        gettext_lazy("A province or regency from the list (a district code may be typed)."),
        width=30,
        choices=_region_choices,
        strict_choices=False,
        parse=leading_code,
        example="53.02 Kabupaten Timor Tengah Selatan",
    ),
    Column(
        "other_regions",
        gettext_lazy("Other regions"),
        gettext_lazy("More Kemendagri codes, separated by commas."),
        width=22,
        parse=_codes,
        example="53.01, 52",
    ),
    Column(
        "sdg_goals",
        gettext_lazy("SDG goals"),
        gettext_lazy("Goal numbers 1–17, separated by commas."),
        width=14,
        parse=number_list(1, 17),
        example="2, 3",
    ),
    Column(
        "capabilities",
        gettext_lazy("Capabilities"),
        gettext_lazy("Short tags, separated by commas."),
        width=30,
        parse=_names,
        example="gizi, pendampingan posyandu",
    ),
    Column("description", gettext_lazy("Description"), width=40, parse=text(5000)),
    Column("expertise", gettext_lazy("Expertise"), width=30, parse=text(5000)),
    Column("website", gettext_lazy("Website"), width=26, parse=text(200)),
    Column("email", gettext_lazy("E-mail"), width=26, parse=text(254)),
    Column("phone", gettext_lazy("Phone"), width=16, parse=text(40)),
    Column("address", gettext_lazy("Address"), width=30, parse=text(1000)),
]

# Which column holds each of the page form's fields (for its messages).
FORM_FIELD_COLUMN = {
    "name": "name",
    "acronym": "acronym",
    "sector": "sector",
    "iati_type": "iati_type",
    "iati_identifier": "iati_identifier",
    "description": "description",
    "expertise": "expertise",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "address": "address",
    "regions": "region",
    "sdg_goals": "sdg_goals",
    "capability_names": "capabilities",
}


def _form_data(values: dict) -> dict:
    regions = [values["region"]] if values.get("region") else []
    regions += values.get("other_regions") or []
    return {
        **{key: values.get(key) or "" for key in FORM_FIELD_COLUMN if key in values},
        "regions": ", ".join(dict.fromkeys(regions)),
        "sdg_goals": values.get("sdg_goals") or [],
        "capability_names": ", ".join(values.get("capabilities") or []),
    }


def export_values(organisation: Organisation) -> dict:
    """The organisation in the sheet's columns (regions, goals, capabilities prefetched)."""
    regions = sorted(r.code for r in organisation.regions.all())
    return {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "sector": str(organisation.get_sector_display()),
        "iati_type": organisation.iati_type,
        "iati_identifier": organisation.iati_identifier,
        "region": regions[0] if regions else "",
        "other_regions": ", ".join(regions[1:]),
        "sdg_goals": ", ".join(
            str(g.number) for g in sorted(organisation.sdg_goals.all(), key=lambda g: g.number)
        ),
        "capabilities": ", ".join(sorted(c.name for c in organisation.capabilities.all())),
        "description": organisation.description,
        "expertise": organisation.expertise,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "address": organisation.address,
    }


def _normalised(values: dict) -> dict:
    data = _form_data(values)
    data["regions"] = sorted(_codes(data["regions"]))
    data["sdg_goals"] = sorted(data["sdg_goals"])
    data["capability_names"] = sorted(n.casefold() for n in _names(data["capability_names"]))
    return data


def _as_read(organisation: Organisation) -> dict:
    """The existing organisation as its row would be read back."""
    exported = export_values(organisation)
    values = {}
    for column in COLUMNS:
        try:
            values[column.key] = column.read(exported[column.key])
        except CellInvalid:
            values[column.key] = None
    return values


def _existing(rows):
    names = {str(r.values.get("name") or "").casefold() for r in rows}
    identifiers = {r.values.get("iati_identifier") for r in rows if r.values.get("iati_identifier")}
    found = (
        Organisation.objects.annotate(lowered=Lower("name")).filter(lowered__in=names)
        | Organisation.objects.filter(iati_identifier__in=identifiers)
    ).prefetch_related("regions", "sdg_goals", "capabilities")
    by_identifier = {o.iati_identifier: o for o in found if o.iati_identifier}
    by_name: dict[str, Organisation] = {}
    for organisation in sorted(found, key=lambda o: o.pk):
        by_name.setdefault(organisation.name.casefold(), organisation)
    return by_identifier, by_name


def _check_codes(row, errors, regions: set, types: set) -> dict:
    """Report unknown region and type codes on their own cells; the values without them
    (so the form does not report them again on another cell)."""
    values = dict(row.values)
    if values.get("region") and values["region"] not in regions:
        errors.add(row, "region", _("Unknown region code: %(code)s.") % {"code": values["region"]})
        values["region"] = None
    others = values.get("other_regions") or []
    unknown = [code for code in others if code not in regions]
    if unknown:
        errors.add(
            row, "other_regions", _("Unknown region code: %(code)s.") % {"code": ", ".join(unknown)}
        )
        values["other_regions"] = [code for code in others if code in regions]
    if values.get("iati_type") and values["iati_type"] not in types:
        errors.add(
            row,
            "iati_type",
            _("Unknown IATI organisation type: %(code)s.") % {"code": values["iati_type"]},
        )
        values["iati_type"] = None
    return values


def validate(rows, user, errors):
    """Every row checked with the page form's rules; every wrong cell reported, each once, with
    the form's messages. The new organisations are checked a column at a time
    (`NewOrganisationRows`: the form's fields, each distinct value once); a row it finds
    wrong, and every change of an existing organisation, goes through the form itself."""
    if not user.has_perm("organisations.add_organisation"):
        errors.add(rows[0], "", _("You may not register organisations."))
        return []
    # The regions, goals, types and identifiers every row's form asks about, loaded once.
    reference = FormReference(
        region_codes=[
            code
            for row in rows
            for code in [row.values.get("region"), *(row.values.get("other_regions") or [])]
            if code
        ],
        identifiers=[row.values.get("iati_identifier") for row in rows],
    )
    regions, types = reference.regions, reference.iati_types
    by_identifier, by_name = _existing(rows)
    seen: dict[str, int] = {}
    checked = []  # (row, the form's data, existing organisation or None), in row order
    for row in rows:
        values = _check_codes(row, errors, regions, types)
        name = str(values.get("name") or "")
        if not name:
            continue  # already reported: the name must be filled
        key = values.get("iati_identifier") or name.casefold()
        if key in seen:
            errors.add(
                row,
                "name",
                _("The same organisation is already in row %(row)d.") % {"row": seen[key]},
            )
            continue
        seen[key] = row.number
        organisation = by_identifier.get(values.get("iati_identifier")) or by_name.get(
            name.casefold()
        )
        if organisation is not None:
            if _normalised(_as_read(organisation)) == _normalised(values):
                checked.append((row, None, organisation))  # nothing to change
                continue
            if not user.has_perm("organisations.change_organisation", organisation):
                errors.add(
                    row,
                    "name",
                    _(
                        "This organisation is already registered and only its organisation "
                        "admins may change it."
                    ),
                )
                continue
        checked.append((row, _form_data(values), organisation))
    new = [(row, data) for row, data, existing in checked if data is not None and not existing]
    if NewOrganisationRows.covers(OrganisationForm):
        rules = NewOrganisationRows(reference)
        checked_new = rules.check([data for _row, data in new])
        outcomes = dict(zip([row.number for row, _d in new], checked_new, strict=True))
        form_for = rules.refused
    else:  # a form with checks of its own: each row through it
        new_form = OrganisationForm.for_new_organisations(reference)
        outcomes = {}

        def form_for(data):
            return new_form(data=data, reference=reference)

    valid = []
    for row, data, organisation in checked:
        if data is None:
            valid.append((None, organisation))
            continue
        found = outcomes.get(row.number) if organisation is None else None
        if found is not None:
            cleaned_data, instance = found
            if not errors.has(row):
                valid.append((_Checked(cleaned_data, instance), None))
            continue
        if organisation is None:
            form = form_for(data)
        else:
            form = OrganisationForm(data=data, instance=organisation, reference=reference)
        if not form.is_valid():
            for field, messages in form.errors.items():
                for message in messages:
                    errors.add(row, FORM_FIELD_COLUMN.get(field, ""), message)
        elif not errors.has(row):
            valid.append((form, organisation))
    return valid


class _Checked:
    """A new organisation the form's rules took, as `save` reads a form: its cleaned data and
    the organisation to save."""

    def __init__(self, cleaned_data: dict, instance: Organisation):
        self.cleaned_data, self.instance = cleaned_data, instance

    def save(self, commit: bool = True) -> Organisation:
        assert not commit  # noqa: S101 (new organisations are saved together)
        return self.instance


def _capability_names(form) -> list[str]:
    return [n.strip() for n in form.cleaned_data["capability_names"].split(",") if n.strip()]


def save(valid, user) -> Outcome:
    """New organisations are saved together through the page's service for many
    (`create_organisations`: slugs, admin memberships and their history rows in bulk), then
    their regions, goals and capabilities, which a new organisation has none of yet (link rows
    written by `lib.bulk.insert_rows`). Changed organisations go through the form as on the
    page."""
    outcome = Outcome()
    new = []
    for form, existing in valid:
        if form is None:
            outcome.unchanged += 1
        elif existing is None:
            new.append((form, form.save(commit=False)))
        else:
            organisation = form.save()
            outcome.updated += 1
            form.save_relations(organisation)
    services.create_organisations(organisations=[o for _f, o in new], created_by=user)
    outcome.created = len(new)
    # Each capability tag looked up (or created) once for the sheet, as `from_names` would.
    tags = Capability.by_slug_for_names(n for form, _o in new for n in _capability_names(form))
    links = {"regions": [], "sdg_goals": [], "capabilities": []}
    for form, organisation in new:
        data = form.cleaned_data
        links["regions"] += [(organisation.pk, r.pk) for r in data["regions"]]
        links["sdg_goals"] += [(organisation.pk, g.pk) for g in data["sdg_goals"]]
        slugs = (slugify(name)[:90] for name in _capability_names(form))
        links["capabilities"] += [(organisation.pk, tags[slug].pk) for slug in slugs if slug]
    for field, pairs in links.items():
        through = getattr(Organisation, field).through
        target = getattr(Organisation, field).field.m2m_reverse_field_name()
        # The organisations are new: no link of theirs is stored yet.
        insert_rows(through, ["organisation", target], list(dict.fromkeys(pairs)))
    return outcome


def export_queryset(user):
    return Organisation.objects.order_by("name", "pk").prefetch_related(
        "regions", "sdg_goals", "capabilities"
    )


def export_rows(user):
    for organisation in export_queryset(user).iterator(chunk_size=500):
        yield export_values(organisation)


SPEC = register(
    SheetSpec(
        key="organisations",
        order=10,
        title=gettext_lazy("Organisations"),
        columns=COLUMNS,
        instructions=[
            gettext_lazy(
                "A row whose name (or IATI identifier) matches an organisation already in "
                "Simitra updates it — allowed only for its organisation admins. A new "
                "organisation is registered with you as its organisation admin, as on the page."
            ),
        ],
        validate=validate,
        save=save,
        export_rows=export_rows,
        export_count=lambda user: Organisation.objects.count(),
    )
)
