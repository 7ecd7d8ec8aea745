"""Excel import of N organisations (default 2,000) against the time openpyxl alone needs to
read the same file. The ratio is the figure: what validation (the page's form for every
row) and saving cost on top of reading.

    .venv/bin/python bench/excel_import.py [--rows 2000]

The indicator-values version (50,000 values) comes with the results app's sheet.
"""

import argparse
import io
import random
import time

from _setup import django_with_scratch_database


def workbook_bytes(rows: int) -> bytes:
    from django.utils import translation
    from openpyxl import load_workbook

    from simitra.interop.excel import spec as sheets
    from simitra.interop.excel.workbook import build_template
    from simitra.organisations.models import Sector
    from simitra.reference.models import Region

    rng = random.Random(7)  # noqa: S311 (benchmark data)
    regions = [f"{r.code} {r.name}" for r in Region.objects.filter(level=2)]
    with translation.override("id"):
        sectors = [str(label) for _value, label in Sector.choices]
        workbook = load_workbook(io.BytesIO(build_template(sheets.get_sheet("organisations"))))
    data = workbook["Data"]
    for n in range(rows):
        data.append(
            [
                f"Organisasi Uji {n}",
                f"OU{n}",
                rng.choice(sectors),
                None,
                None,
                rng.choice(regions),
                None,
                ", ".join(str(g) for g in rng.sample(range(1, 18), 2)),
                "pendampingan, pelatihan",
                f"Organisasi uji nomor {n} untuk mengukur impor.",
                "gizi, air bersih",
                f"https://ou{n}.example.id",
                f"kontak{n}@example.id",
                "0380-123456",
                "Jl. Contoh No. 1, Kupang",
            ]
        )
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
    parser.add_argument("--rows", type=int, default=2000)
    options = parser.parse_args()
    django_with_scratch_database()

    from django.contrib.auth import get_user_model

    from simitra.interop.excel import spec as sheets
    from simitra.interop.excel.workbook import import_workbook
    from simitra.reference.loading import load_all

    load_all()
    user = get_user_model().objects.create_user("bench", password="x")
    data = workbook_bytes(options.rows)
    print(f"{options.rows} rows, {len(data) / 1e6:.1f} MB")

    begin = time.perf_counter()
    openpyxl_read(data)
    read = time.perf_counter() - begin

    begin = time.perf_counter()
    outcome = import_workbook(sheets.get_sheet("organisations"), data, user)
    imported = time.perf_counter() - begin
    assert outcome.created == options.rows, outcome

    print(f"openpyxl alone reads it in {read:.2f} s")
    print(
        f"the import (read, validate every row through the form, save all) takes {imported:.2f} s "
        f"({imported / options.rows * 1000:.1f} ms a row)"
    )
    print(f"ratio import / openpyxl read: {imported / read:.1f}")


if __name__ == "__main__":
    main()
