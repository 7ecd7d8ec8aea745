"""IATI export of N partnerships (default 1,000): time and peak memory.

    .venv/bin/python bench/iati_export.py [--partnerships 1000] [--organisations 300]

Seeds a scratch database with `manage.py seed_scale`, gives every partnership a confirmed
partner with an IATI role (IATI requires a participating organisation; seeded data leaves some
without), then exports them all with the streaming writer and validates the written file.

Peak memory is measured twice: the Python heap peak (tracemalloc, in a separate run because
tracing slows Python down) and the process's maximum resident size. The same export of a
quarter of the partnerships is measured too: a flat-memory writer shows about the same peak.
"""

import argparse
import resource
import time
import tracemalloc

from _setup import django_with_scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=300)
    options = parser.parse_args()
    folder = django_with_scratch_database()

    from django.core.management import call_command

    from simitra.interop.iati.export import export_to_file
    from simitra.partnerships.models import Partner, Partnership, PartnerStatus

    started = time.perf_counter()
    call_command(
        "seed_scale",
        partnerships=options.partnerships,
        organisations=options.organisations,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    exportable = Partner.objects.filter(status=PartnerStatus.CONFIRMED, iati_role__isnull=False)
    lacking = Partnership.objects.exclude(pk__in=exportable.values("partnership_id"))
    for partnership in lacking:
        partner = partnership.partners.order_by("pk").first()
        partner.status, partner.iati_role = PartnerStatus.CONFIRMED, Partner.IatiRole.IMPLEMENTING
        partner.save(update_fields=["status", "iati_role"])
    print(
        f"seeded {Partnership.objects.count()} partnerships in {time.perf_counter() - started:.1f} s"
    )

    def export(queryset, name):
        begin = time.perf_counter()
        result = export_to_file(queryset, folder / name)
        return result, time.perf_counter() - begin

    everything = Partnership.objects.all()
    quarter = Partnership.objects.filter(
        pk__in=list(
            everything.order_by("pk").values_list("pk", flat=True)[: options.partnerships // 4]
        )
    )

    result, seconds = export(everything, "all.xml")
    size = (folder / "all.xml").stat().st_size
    print(
        f"export of {result.activities} activities: {seconds:.2f} s "
        f"({seconds / result.activities * 1000:.2f} ms each, written and validated), "
        f"{size / 1e6:.1f} MB"
    )

    peaks = {}
    for label, queryset in (("quarter", quarter), ("all", everything)):
        tracemalloc.start()
        export(queryset, f"{label}-traced.xml")
        peaks[label] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(
        f"Python heap peak: {peaks['quarter'] / 1e6:.1f} MB for {quarter.count()} partnerships, "
        f"{peaks['all'] / 1e6:.1f} MB for {everything.count()}"
    )
    print(
        f"process maximum resident size: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
