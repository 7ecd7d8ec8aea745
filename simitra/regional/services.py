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
