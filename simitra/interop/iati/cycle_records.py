"""The cycle's records in an IATI import: financial contributions and their deliveries from
transactions, results and indicators with periods, targets and approved values from results.

Called by the importer for each activity after its partners are placed, inside the import's
transaction: a problem here undoes the whole file like any other. Records are imported into a
partnership that has none of that kind yet (a new one, or one that never had them); an existing
partnership keeps its own, with a note. The rules are in docs/iati.md.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.partnerships.models import Partner, PartnerStatus
from simitra.resources import services as resource_services
from simitra.resources.models import Category, Delivery, Pledge, ValuationMethod
from simitra.results.models import Indicator, IndicatorValue, Period, Result

from . import codes

HUNDRED = Decimal(100)


def apply(importer, activity, partnership) -> None:
    partners = list(
        Partner.objects.filter(partnership=partnership, status=PartnerStatus.CONFIRMED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    counts = {}
    if activity.transactions:
        counts.update(_contributions(importer, activity, partnership, partners))
    if activity.indicators:
        counts.update(_results(importer, activity, partnership, partners))
    if any(counts.get(kind) for kind in ("pledges", "deliveries", "indicators", "values")):
        importer.report.records.append(
            _(
                "%(code)s: %(pledges)d financial contribution(s), %(deliveries)d delivery(ies), "
                "%(indicators)d indicator(s), %(values)d approved value(s)."
            )
            % {
                "code": partnership.code,
                "pledges": counts.get("pledges", 0),
                "deliveries": counts.get("deliveries", 0),
                "indicators": counts.get("indicators", 0),
                "values": counts.get("values", 0),
            }
        )
        if counts.get("responsible"):
            importer.report.records.append(
                _(
                    "%(code)s: the imported indicators are entered by %(name)s (IATI does not "
                    "say who reports them); change it on the results page if needed."
                )
                % {"code": partnership.code, "name": counts["responsible"]}
            )


# Contributions


def _provider(partners, transaction) -> Partner | None:
    for partner in partners:
        organisation = partner.organisation
        if transaction.provider_ref and organisation.iati_identifier == transaction.provider_ref:
            return partner
    name = transaction.provider_name.casefold()
    for partner in partners:
        if name and partner.organisation.name.casefold() == name:
            return partner
    return None


def _contributions(importer, activity, partnership, partners) -> dict:
    if Pledge.objects.filter(partnership=partnership).exists():
        importer.warn(
            activity,
            _(
                "the partnership already has contributions; the file's transactions were not imported."
            ),
        )
        return {}
    if not importer.user.has_perm("resources.add_pledge", partnership):
        importer.problem(activity, _("You may not record contributions here."), "transaction")
        return {}
    pledges: dict[str, Pledge] = {}
    counts = {"pledges": 0, "deliveries": 0}
    other = 0
    for transaction in activity.transactions:
        if transaction.type not in (
            codes.TRANSACTION_INCOMING_COMMITMENT,
            codes.TRANSACTION_INCOMING_FUNDS,
        ):
            other += 1
            continue
        if transaction.value < 0:
            importer.problem(
                activity,
                _("A transaction value cannot be negative."),
                "transaction/value",
                transaction.line,
            )
            continue
        currency = transaction.currency or partnership.currency
        if currency not in importer.known_currencies:
            importer.problem(
                activity,
                _("Unknown currency: %(code)s.") % {"code": currency},
                "transaction/value",
                transaction.line,
            )
            continue
        partner = _provider(partners, transaction)
        if partner is None:
            importer.warn(
                activity,
                _(
                    "the transaction at line %(line)d comes from no partner of the partnership "
                    "(provider-org); not kept."
                )
                % {"line": transaction.line},
            )
            continue
        if transaction.type == codes.TRANSACTION_INCOMING_COMMITMENT:
            if currency != partnership.currency:
                importer.warn(
                    activity,
                    _(
                        "the contribution at line %(line)d is in %(currency)s: give its exchange "
                        "rate on the contribution's page."
                    )
                    % {"line": transaction.line, "currency": currency},
                )
            pledge = Pledge(
                partnership=partnership,
                partner=partner,
                category=Category.SUPPORT,
                description=transaction.description or _("Financial contribution"),
                estimated_value=transaction.value,
                currency=currency,
                valuation_method=ValuationMethod.CASH,
                due_date=transaction.day,
            )
            pledge._history_user = importer.user
            resource_services.save_pledge(pledge=pledge, saved_by=importer.user)
            if transaction.ref:
                pledges[transaction.ref] = pledge
            counts["pledges"] += 1
            continue
        pledge = pledges.get(codes.pledge_ref_of(transaction.ref))
        if pledge is None or pledge.partner_id != partner.pk:
            importer.warn(
                activity,
                _(
                    "the incoming funds at line %(line)d belong to no commitment of the file "
                    "(by its ref); not kept."
                )
                % {"line": transaction.line},
            )
            continue
        delivery = Delivery(
            pledge=pledge,
            delivered_on=transaction.day,
            amount=transaction.value,
            note=transaction.description,
        )
        delivery._history_user = importer.user
        resource_services.record_delivery(delivery=delivery, recorded_by=importer.user)
        counts["deliveries"] += 1
    if other:
        importer.warn(
            activity,
            _("%(n)d transaction(s) of other types (not incoming commitments or funds) not kept.")
            % {"n": other},
        )
    return counts


# Results


def _responsible(partners) -> Partner | None:
    implementing = [p for p in partners if p.iati_role == Partner.IatiRole.IMPLEMENTING]
    return (implementing or partners or [None])[0]


def _frequency(period) -> str:
    months = round(((period.end - period.start).days + 1) / 30.44)
    return codes.frequency_from_months(months)


def _check_indicator(importer, activity, item, kind) -> bool:
    ok = True

    def refuse(message, line=None):
        nonlocal ok
        ok = False
        importer.problem(activity, message, "result/indicator", line or item.line)

    if not item.title:
        refuse(_("An indicator has no title."))
    starts = set()
    for period in item.periods:
        if period.end < period.start:
            refuse(_("A period ends before it starts."), period.line)
        if period.start in starts:
            refuse(_("Two periods of the indicator start on the same day."), period.line)
        starts.add(period.start)
        if kind == Indicator.Measure.PERCENTAGE:
            for number in (period.target, period.actual):
                if number is not None and not 0 <= number <= HUNDRED:
                    refuse(_("A percentage lies between 0 and 100."), period.line)
    return ok


def _results(importer, activity, partnership, partners) -> dict:
    if Indicator.objects.filter(partnership=partnership).exists():
        importer.warn(
            activity,
            _("the partnership already has indicators; the file's results were not imported."),
        )
        return {}
    if not importer.user.has_perm("results.manage_results", partnership):
        importer.problem(activity, _("You may not keep this partnership's results."), "result")
        return {}
    responsible = _responsible(partners)
    if responsible is None:
        importer.warn(
            activity,
            _(
                "results need a confirmed partner to report them; the file's results were not imported."
            ),
        )
        return {}
    results: dict[str, Result] = {}
    orders: dict[str, int] = {}
    values: list[IndicatorValue] = []
    now = timezone.now()
    count = 0
    for item in activity.indicators:
        measure = codes.MEASURE_FROM_CODE.get(item.measure)
        if measure is None:
            importer.warn(
                activity,
                _("the indicator at line %(line)d has measure %(code)s; kept as a number.")
                % {"line": item.line, "code": item.measure},
            )
            measure = Indicator.Measure.NUMBER
        if not _check_indicator(importer, activity, item, measure):
            continue
        unreadable = item.unreadable + [v for p in item.periods for v in p.unreadable]
        if unreadable:
            importer.warn(
                activity,
                _(
                    "the indicator at line %(line)d has values that are not numbers (%(values)s); not kept."
                )
                % {"line": item.line, "values": ", ".join(unreadable[:3])},
            )
        kind = codes.INDICATOR_TYPE_FROM_RESULT.get(item.result_type, Indicator.Type.OUTPUT)
        title = item.result_title or _("Result")
        result = results.get(title)
        if result is None:
            result = Result.objects.create(
                partnership=partnership,
                title=title[:300],
                description=item.result_description,
                order=len(results),
            )
            results[title] = result
        indicator = Indicator.objects.create(
            partnership=partnership,
            result=result,
            type=kind,
            title=item.title[:300],
            definition=item.description,
            measure=measure,
            direction=Indicator.Direction.LOWER
            if item.ascending in ("0", "false")
            else Indicator.Direction.HIGHER,
            frequency=_frequency(item.periods[0])
            if item.periods
            else Indicator.Frequency.QUARTERLY,
            baseline_value=item.baseline,
            baseline_date=item.baseline_date,
            code=item.code[:40],
            responsible_partner=responsible,
            order=orders.get(title, 0),
        )
        orders[title] = orders.get(title, 0) + 1
        count += 1
        periods = Period.objects.bulk_create(
            [
                Period(
                    indicator=indicator,
                    start=p.start,
                    end=p.end,
                    target=p.target,
                    target_text=p.target_text[:300],
                )
                for p in item.periods
            ]
        )
        for period, source in zip(periods, item.periods, strict=True):
            if source.actual is None and not source.actual_text:
                continue
            values.append(
                IndicatorValue(
                    period=period,
                    value=source.actual,
                    text=source.actual_text if source.actual is None else "",
                    status=IndicatorValue.Status.APPROVED,
                    entered_by=importer.user,
                    reviewed_by=importer.user,
                    reviewed_at=now,
                )
            )
    IndicatorValue.objects.bulk_create(values)
    return {
        "indicators": count,
        "values": len(values),
        "responsible": responsible.organisation.name if count else "",
    }
