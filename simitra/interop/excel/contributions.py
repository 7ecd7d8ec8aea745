"""The contributions (pledges) and deliveries sheets: template, all-or-nothing import through
the pages' forms and services (the same rules and messages), and the list export in the same
columns. Contributions are few per partnership, so each row goes through the page's form."""

from decimal import Decimal

from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simitra.partnerships.models import Partnership
from simitra.resources import services
from simitra.resources.forms import DeliveryForm, PledgeForm
from simitra.resources.models import Category, Delivery, Pledge, ValuationMethod

from .spec import CellInvalid, Column, Outcome, SheetSpec, amount, day, register, text, whole_number


def _labels(choices) -> list[str]:
    return [str(label) for _value, label in choices]


def _reader(choices, message):
    """A code, or its label in either language."""

    def parse(value) -> str:
        wanted = str(value).strip().casefold()
        for code, label in choices:
            names = {str(code).casefold()}
            for language in ("id", "en"):
                with translation.override(language):
                    names.add(str(label).casefold())
            if wanted in names:
                return code
        raise CellInvalid(message())

    return parse


def pledging_partners(user, partnership):
    """The partners this user may record contributions for (as on the page)."""
    partners = partnership.confirmed_partners().select_related("organisation")
    if user.has_perm("partnerships.change_partnership", partnership):
        return partners
    return partners.filter(organisation_id__in=user.organisation_ids())


PLEDGE_COLUMNS = [
    Column(
        "id",
        gettext_lazy("Contribution ID"),
        gettext_lazy(
            "Empty for a new contribution. Filled in by the export: a row with an ID changes "
            "that contribution."
        ),
        width=12,
        parse=whole_number,
    ),
    Column(
        "partnership",
        gettext_lazy("Partnership code"),
        gettext_lazy("The code of a partnership you take part in."),
        True,
        22,
        parse=text(40),
        example="NTT-STUNTING-2025",
    ),
    Column(
        "partner",
        gettext_lazy("Partner"),
        gettext_lazy("The contributing organisation's name (or its short name in Simitra)."),
        True,
        30,
        parse=text(200),
        example="PT Nusa Pangan Lestari",
    ),
    Column(
        "category",
        gettext_lazy("Category"),
        gettext_lazy("One of the five categories in the list."),
        True,
        40,
        choices=lambda: _labels(Category.choices),
        parse=_reader(Category.choices, lambda: _("Choose a category from the list.")),
    ),
    Column("description", gettext_lazy("Description"), required=True, width=40, parse=text(5000)),
    Column(
        "unit", gettext_lazy("Unit"), gettext_lazy("e.g. person-days"), width=14, parse=text(60)
    ),
    Column("quantity", gettext_lazy("Quantity"), width=12, parse=amount(14, 2)),
    Column(
        "estimated_value",
        gettext_lazy("Estimated value"),
        gettext_lazy("What it is worth in money, even when given in kind; 0 if not valued."),
        True,
        18,
        parse=amount(18, 2),
        example="1250000000",
    ),
    Column(
        "currency",
        gettext_lazy("Currency"),
        gettext_lazy("Empty: the partnership's currency."),
        width=10,
        parse=text(3),
        example="IDR",
    ),
    Column(
        "exchange_rate",
        gettext_lazy("Exchange rate"),
        gettext_lazy("Units of the partnership's currency per unit of this one; empty: 1."),
        width=12,
        parse=amount(14, 4),
    ),
    Column(
        "valuation_method",
        gettext_lazy("Valuation method"),
        gettext_lazy("How the value was set."),
        True,
        30,
        choices=lambda: _labels(ValuationMethod.choices),
        parse=_reader(ValuationMethod.choices, lambda: _("Choose a method from the list.")),
    ),
    Column("valuation_note", gettext_lazy("How it was valued"), width=30, parse=text(250)),
    Column("due_date", gettext_lazy("Due date"), width=12, parse=day, example="2025-12-31"),
    Column(
        "status",
        gettext_lazy("Status"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=16,
    ),
    Column(
        "delivered",
        gettext_lazy("Delivered value"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=16,
    ),
]

PLEDGE_FORM_COLUMN = {
    "partner": "partner",
    "category": "category",
    "description": "description",
    "unit": "unit",
    "quantity": "quantity",
    "estimated_value": "estimated_value",
    "currency": "currency",
    "exchange_rate": "exchange_rate",
    "valuation_method": "valuation_method",
    "valuation_note": "valuation_note",
    "due_date": "due_date",
}


def report_form_errors(row, errors, form, columns: dict) -> None:
    """The form's messages on their cells. A message about the whole row that follows from a
    bad cell (e.g. "give a link" after a link that is not one) is left out."""
    cells = {field: messages for field, messages in form.errors.items() if field != "__all__"}
    for field, messages in cells.items():
        for message in messages:
            errors.add(row, columns.get(field, ""), message)
    if not cells:
        for message in form.non_field_errors():
            errors.add(row, "", message)


def first_difference(columns, row, stored: dict, keys, defaults=None) -> str | None:
    """None when the row holds what the record holds (its exported cells read back as the
    import reads them, an empty cell taking its default); else the key of the first cell
    that differs."""
    defaults = defaults or {}
    by_key = {column.key: column for column in columns}
    for key in keys:
        try:
            kept = by_key[key].read(stored.get(key))
        except CellInvalid:
            kept = stored.get(key)
        given = row.values.get(key)
        given = defaults.get(key, given) if given in (None, "") else given
        kept = defaults.get(key, kept) if kept in (None, "") else kept
        if given in (None, "") and kept in (None, ""):
            continue
        if given != kept:
            return key
    return None


def _partnerships(rows, user) -> dict[str, Partnership]:
    wanted = {str(r.values.get("partnership") or "").upper() for r in rows}
    found = Partnership.objects.visible_to(user).filter(code__in=wanted)
    return {p.code.upper(): p for p in found}


def _find_partner(partners, name: str):
    wanted = name.casefold()
    for partner in partners:
        organisation = partner.organisation
        if wanted in {organisation.name.casefold(), (organisation.acronym or "").casefold()}:
            return partner
    return None


def validate_pledges(rows, user, errors):
    partnerships = _partnerships(rows, user)
    existing = {
        p.pk: p
        for p in Pledge.objects.filter(
            pk__in=[r.values["id"] for r in rows if r.values.get("id")],
            partnership__in=partnerships.values(),
        ).select_related("partner__organisation")
    }
    partner_lists: dict[int, list] = {}
    valid = []
    for row in rows:
        values = row.values
        partnership = partnerships.get(str(values.get("partnership") or "").upper())
        if partnership is None:
            if values.get("partnership"):
                errors.add(row, "partnership", _("No partnership you may see has this code."))
            continue
        pledge = None
        if values.get("id"):
            pledge = existing.get(values["id"])
            if pledge is None or pledge.partnership_id != partnership.pk:
                errors.add(row, "id", _("No contribution of this partnership has this ID."))
                continue
            pledge.partnership = partnership
            if _pledge_unchanged(row, pledge):
                valid.append((None, pledge))  # nothing to change, nothing written
                continue
            if not user.has_perm("resources.change_pledge", pledge):
                errors.add(row, "id", _("You may not change this contribution."))
                continue
        elif not user.has_perm("resources.add_pledge", partnership):
            errors.add(row, "partnership", _("You may not record contributions here."))
            continue
        if partnership.pk not in partner_lists:
            partner_lists[partnership.pk] = list(pledging_partners(user, partnership))
        partner = _find_partner(partner_lists[partnership.pk], str(values.get("partner") or ""))
        if partner is None:
            if values.get("partner"):
                errors.add(
                    row, "partner", _("Not a partner you may record contributions for here.")
                )
            continue
        data = {key: values.get(key) for key in PLEDGE_FORM_COLUMN}
        data["partner"] = partner.pk
        data["currency"] = data["currency"] or partnership.currency
        data["exchange_rate"] = data["exchange_rate"] or 1
        data = {k: "" if v is None else v for k, v in data.items()}
        before = model_to_dict(pledge) if pledge is not None else None
        form = PledgeForm(
            data=data,
            instance=pledge,
            partnership=partnership,
            partners=pledging_partners(user, partnership),
        )
        if not form.is_valid():
            report_form_errors(row, errors, form, PLEDGE_FORM_COLUMN)
        elif errors.has(row):
            continue
        elif before is not None and model_to_dict(form.instance) == before:
            valid.append((None, pledge))  # the same values, written another way
        else:
            valid.append((form, partnership))
    return valid


def _pledge_unchanged(row, pledge) -> bool:
    """Whether the row holds what the contribution holds (as its export wrote it)."""
    organisation = pledge.partner.organisation
    names = {organisation.name.casefold(), (organisation.acronym or "").casefold()} - {""}
    if str(row.values.get("partner") or "").casefold() not in names:
        return False
    keys = [key for key in PLEDGE_FORM_COLUMN if key != "partner"]
    defaults = {"currency": pledge.partnership.currency, "exchange_rate": Decimal(1)}
    return first_difference(PLEDGE_COLUMNS, row, pledge_row(pledge), keys, defaults) is None


def save_pledges(valid, user) -> Outcome:
    outcome = Outcome()
    for form, partnership in valid:
        if form is None:
            outcome.unchanged += 1
            continue
        pledge = form.save(commit=False)
        created = pledge.pk is None
        pledge.partnership = partnership
        services.save_pledge(pledge=pledge, saved_by=user)
        if created:
            outcome.created += 1
        else:
            outcome.updated += 1
    return outcome


def _visible_pledges(user):
    return Pledge.objects.filter(partnership__in=Partnership.objects.visible_to(user).values("pk"))


def export_pledges(user):
    pledges = (
        _visible_pledges(user)
        .with_delivered()
        .select_related("partnership", "partner__organisation")
        .order_by("partnership__code", "partner__organisation__name", "category", "pk")
    )
    for pledge in pledges.iterator(chunk_size=500):
        yield pledge_row(pledge)


def pledge_row(pledge) -> dict:
    return {
        "id": pledge.pk,
        "partnership": pledge.partnership.code,
        "partner": pledge.partner.organisation.name,
        "category": str(pledge.get_category_display()),
        "description": pledge.description,
        "unit": pledge.unit,
        "quantity": pledge.quantity,
        "estimated_value": pledge.estimated_value,
        "currency": pledge.currency,
        "exchange_rate": pledge.exchange_rate,
        "valuation_method": str(pledge.get_valuation_method_display()),
        "valuation_note": pledge.valuation_note,
        "due_date": pledge.due_date,
        "status": str(pledge.get_status_display()),
        "delivered": getattr(pledge, "delivered_amount", None),
    }


PLEDGES = register(
    SheetSpec(
        key="contributions",
        order=30,
        title=gettext_lazy("Contributions"),
        columns=PLEDGE_COLUMNS,
        instructions=[
            gettext_lazy(
                "One row per contribution a partner pledges, in the seed's five categories. A "
                "partner representative records contributions of their own organisation; the "
                "coordinator, of every confirmed partner — as on the page, with the page's rules."
            ),
        ],
        validate=validate_pledges,
        save=save_pledges,
        export_rows=export_pledges,
        export_count=lambda user: _visible_pledges(user).count(),
    )
)


DELIVERY_COLUMNS = [
    Column(
        "id",
        gettext_lazy("Delivery ID"),
        gettext_lazy(
            "Empty for a new delivery. Filled in by the export: a row with an ID is that "
            "delivery, kept as it is (a delivery is recorded, not changed)."
        ),
        width=12,
        parse=whole_number,
    ),
    Column(
        "pledge",
        gettext_lazy("Contribution ID"),
        gettext_lazy("The ID of the contribution (see the contributions export)."),
        True,
        12,
        parse=whole_number,
    ),
    Column(
        "partnership",
        gettext_lazy("Partnership code"),
        gettext_lazy("Filled in by the export; not read on import."),
        width=22,
    ),
    Column(
        "delivered_on",
        gettext_lazy("Date delivered"),
        required=True,
        width=14,
        parse=day,
        example="2025-06-30",
    ),
    Column(
        "amount",
        gettext_lazy("Value delivered"),
        gettext_lazy("In the contribution's currency; 0 when it is not valued in money."),
        width=18,
        parse=amount(18, 2),
    ),
    Column("quantity", gettext_lazy("Quantity delivered"), width=14, parse=amount(14, 2)),
    Column("note", gettext_lazy("Note"), width=30, parse=text(5000)),
    Column(
        "evidence_url",
        gettext_lazy("Evidence link"),
        gettext_lazy("A link to the evidence (files are attached on the page)."),
        True,
        40,
        parse=text(200),
        example="https://drive.example.id/bukti.pdf",
    ),
]

DELIVERY_FORM_COLUMN = {
    "delivered_on": "delivered_on",
    "amount": "amount",
    "quantity": "quantity",
    "note": "note",
    "evidence_url": "evidence_url",
}


def validate_deliveries(rows, user, errors):
    visible = Partnership.objects.visible_to(user).values("pk")
    pledges = {
        p.pk: p
        for p in Pledge.objects.filter(
            pk__in=[r.values["pledge"] for r in rows if r.values.get("pledge")],
            partnership__in=visible,
        ).select_related("partnership", "partner")
    }
    recorded = {
        d.pk: d
        for d in Delivery.objects.filter(
            pk__in=[r.values["id"] for r in rows if r.values.get("id")], pledge__in=pledges
        ).select_related("pledge__partnership")
    }
    valid = []
    for row in rows:
        pledge = pledges.get(row.values.get("pledge"))
        if pledge is None:
            if row.values.get("pledge"):
                errors.add(row, "pledge", _("No contribution you may see has this ID."))
            continue
        if row.values.get("id"):
            delivery = recorded.get(row.values["id"])
            if delivery is None or delivery.pledge_id != pledge.pk:
                errors.add(row, "id", _("No delivery of this contribution has this ID."))
                continue
            changed = first_difference(
                DELIVERY_COLUMNS,
                row,
                delivery_row(delivery),
                DELIVERY_FORM_COLUMN,
                {"amount": Decimal(0)},
            )
            if changed is None:
                valid.append(None)  # recorded already, as it is
            else:
                errors.add(
                    row,
                    changed,
                    _(
                        "A delivery is recorded, not changed: delete it on the page and record "
                        "it again (in a row without ID)."
                    ),
                )
            continue
        if not user.has_perm("resources.add_delivery", pledge):
            errors.add(row, "pledge", _("You may not record deliveries of this contribution."))
            continue
        if pledge.is_cancelled:
            errors.add(
                row, "pledge", _("This contribution was cancelled; no delivery can be recorded.")
            )
            continue
        data = {key: row.values.get(key) for key in DELIVERY_FORM_COLUMN}
        data["amount"] = data["amount"] if data["amount"] is not None else 0
        form = DeliveryForm(
            data={k: "" if v is None else v for k, v in data.items()}, pledge=pledge
        )
        if not form.is_valid():
            report_form_errors(row, errors, form, DELIVERY_FORM_COLUMN)
        elif not errors.has(row):
            valid.append(form)
    return valid


def save_deliveries(valid, user) -> Outcome:
    outcome = Outcome()
    for form in valid:
        if form is None:
            outcome.unchanged += 1
            continue
        delivery = form.save(commit=False)
        delivery.pledge = form.pledge
        services.record_delivery(delivery=delivery, recorded_by=user)
        outcome.created += 1
    return outcome


def _visible_deliveries(user):
    return Delivery.objects.filter(
        pledge__partnership__in=Partnership.objects.visible_to(user).values("pk")
    )


def export_deliveries(user):
    deliveries = (
        _visible_deliveries(user)
        .select_related("pledge__partnership")
        .order_by("pledge__partnership__code", "pledge_id", "delivered_on", "pk")
    )
    for delivery in deliveries.iterator(chunk_size=500):
        yield delivery_row(delivery)


def delivery_row(delivery) -> dict:
    return {
        "id": delivery.pk,
        "pledge": delivery.pledge_id,
        "partnership": delivery.pledge.partnership.code,
        "delivered_on": delivery.delivered_on,
        "amount": delivery.amount,
        "quantity": delivery.quantity,
        "note": delivery.note,
        "evidence_url": delivery.evidence_url,
    }


DELIVERIES = register(
    SheetSpec(
        key="deliveries",
        order=40,
        title=gettext_lazy("Deliveries"),
        columns=DELIVERY_COLUMNS,
        instructions=[
            gettext_lazy(
                "One row per delivery of a contribution, with a link to its evidence. A row "
                "without ID adds a delivery; a row with the ID of a delivery (as the export "
                "writes it) is that delivery, left as it is."
            ),
        ],
        validate=validate_deliveries,
        save=save_deliveries,
        export_rows=export_deliveries,
        export_count=lambda user: _visible_deliveries(user).count(),
    )
)
