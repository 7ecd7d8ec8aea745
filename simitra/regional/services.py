"""Writes of the regional app that a view or the API asks for."""

from django.db import transaction

from .models import Alignment


@transaction.atomic
def align_partnership(*, partnership, item, created_by, **fields) -> Alignment:
    return Alignment.objects.create(
        partnership=partnership, item=item, created_by=created_by, **fields
    )


@transaction.atomic
def remove_alignment(*, alignment: Alignment) -> None:
    alignment.delete()


@transaction.atomic
def add_csr_commitment(*, form, created_by):
    commitment = form.save(commit=False)
    commitment.created_by = created_by
    commitment.save()
    return commitment


@transaction.atomic
def report_csr_realisation(*, form, commitment, reported_by):
    realisation = form.save(commit=False)
    realisation.commitment = commitment
    realisation.reported_by = reported_by
    realisation.save()
    return realisation
