"""The CSR (TJSL) reports the reminder ladder chases (registered at the app's `ready()`): a
company's commitment whose realisation report is due (`report_due`) and that has no realisation
reported yet. Its people get the owner's steps (about the company, whether or not the
commitment runs through a partnership); the escalated step goes to the coordinators of the
commitment's partnership when it has a running one. The first realisation reported stops it."""

import datetime as dt

from django.urls import reverse

from simitra.notifications.ladder import Owed, register_source
from simitra.notifications.models import Kind
from simitra.partnerships.models import Partnership

from .models import CsrCommitment

KEY = "csr"


def owed_reports(today: dt.date, horizon: dt.date):
    commitments = (
        CsrCommitment.objects.filter(
            report_due__isnull=False, report_due__lte=horizon, realisations__isnull=True
        )
        .select_related("organisation", "region", "partnership")
        .order_by("pk")
    )
    for commitment in commitments:
        partnership = commitment.partnership
        if partnership is not None and partnership.status != Partnership.Status.ACTIVE:
            partnership = None
        yield Owed(
            item=KEY,
            pk=commitment.pk,
            due_date=commitment.report_due,
            kind=Kind.CSR_REPORT_DUE,
            what=f"{commitment.year}, {commitment.region.name}",
            url=reverse("regional:csr_realisation", args=[commitment.pk]),
            owner_id=commitment.organisation_id,
            owner_name=commitment.organisation.name,
            partnership=partnership,
            about_organisation=True,
        )


def register() -> None:
    register_source(KEY, owed_reports)
