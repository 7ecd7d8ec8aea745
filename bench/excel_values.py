"""Excel import of N indicator values (default 50,000) against the time openpyxl alone needs
to read the same file. The ratio is the figure: what checking every row (against sets loaded
once) and saving (`bulk_create`) cost on top of reading.

    .venv/bin/python bench/excel_values.py [--values 50000] [--indicators 500]

A partnership with one responsible partner; its representative imports one value per period
(N periods spread over the indicators, a tenth of the rows submitted at once).
"""

import argparse
import datetime as dt
import io
import time

from _setup import django_with_scratch_database


def build_world(values: int, indicators: int):
    from django.contrib.auth import get_user_model

    from simitra.accounts.models import Membership
    from simitra.organisations.models import Organisation, Sector
    from simitra.partnerships.models import Partner, Partnership
    from simitra.results.models import Indicator, Period, Result
    from simitra.results.services import add_months

    user = get_user_model().objects.create_user("rep", password="x")
    organisation = Organisation.objects.create(name="PT Uji", slug="pt-uji", sector=Sector.PRIVATE)
    Membership.objects.create(user=user, organisation=organisation)
    partnership = Partnership.objects.create(code="BENCH-1", title="Bench", phase=5)
    partner = Partner.objects.create(
        partnership=partnership, organisation=organisation, status="confirmed"
    )
    result = Result.objects.create(partnership=partnership, title="Hasil")
    made = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            result=result,
            type="output",
            title=f"Indikator {n}",
            measure="percentage" if n % 5 == 0 else "number",
            frequency="monthly",
            responsible_partner=partner,
            order=n,
        )
        for n in range(indicators)
    )
    per_indicator = -(-values // indicators)
    first = dt.date(2020, 1, 1)
    starts = [add_months(first, m) for m in range(per_indicator + 1)]
    periods = [
        Period(indicator=i, start=starts[m], end=starts[m + 1] - dt.timedelta(days=1))
        for i in made
        for m in range(per_indicator)
    ]
    Period.objects.bulk_create(periods[:values], batch_size=5000)
    return user, [(i.pk, i.measure) for i in made], starts[:per_indicator]


def workbook_bytes(indicators, starts, values: int) -> bytes:
    from django.utils import translation
    from openpyxl import Workbook

    from simitra.interop.excel import spec as sheets
    from simitra.interop.excel.workbook import _header

    spec = sheets.get_sheet("indicator_values")
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("Data")
    with translation.override("id"):
        data.append([_header(c) for c in spec.columns[:7]])
    rows = 0
    for pk, measure in indicators:
        for m, start in enumerate(starts):
            if rows == values:
                break
            value = (m * 7 % 100) + 0.25 if measure == "percentage" else m * 13 + 0.5
            data.append(
                [pk, start, None, value, None, "Rekap bulanan", "Ya" if m % 10 == 0 else None]
            )
            rows += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def openpyxl_read(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for _row in workbook["Data"].iter_rows(values_only=True))
    workbook.close()
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=50_000)
    parser.add_argument("--indicators", type=int, default=500)
    options = parser.parse_args()
    django_with_scratch_database()

    from django.db import connection

    from simitra.interop.excel import spec as sheets
    from simitra.interop.excel.workbook import import_workbook
    from simitra.results.models import IndicatorValue

    user, indicators, starts = build_world(options.values, options.indicators)
    data = workbook_bytes(indicators, starts, options.values)
    print(f"{options.values} values, {len(data) / 1e6:.1f} MB, {connection.vendor}")

    begin = time.perf_counter()
    assert openpyxl_read(data) == options.values + 1
    read = time.perf_counter() - begin

    begin = time.perf_counter()
    outcome = import_workbook(sheets.get_sheet("indicator_values"), data, user)
    imported = time.perf_counter() - begin
    assert outcome.created == options.values == IndicatorValue.objects.count(), outcome

    print(f"openpyxl alone reads it in {read:.2f} s")
    print(
        f"the import (read, check every row, save all) takes {imported:.2f} s "
        f"({imported / options.values * 1e6:.0f} µs a value)"
    )
    print(f"ratio import / openpyxl read: {imported / read:.2f}")


if __name__ == "__main__":
    main()
