"""Filters of the list endpoints (django-filter), mirroring the filters of the list pages."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from simitra.lib.forms import SEARCH_MAX
from simitra.organisations.models import Organisation, Sector
from simitra.partnerships.models import Partner, Partnership, PartnerStatus, Phase

SDG_GOALS = [(n, str(n)) for n in range(1, 18)]


class StableOrderingFilter(OrderingFilter):
    """`?ordering=title,-start_date`; the primary key breaks ties so pages never overlap."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if ordering:
            return queryset.order_by(*ordering, "pk")
        return queryset


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=SEARCH_MAX)
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    region = django_filters.CharFilter(method="in_region", label="Region code (and below)")
    sdg = django_filters.TypedChoiceFilter(
        field_name="sdg_goals", choices=SDG_GOALS, coerce=int, label="SDG goal number"
    )
    iati_identifier = django_filters.CharFilter()

    class Meta:
        model = Organisation
        fields = ["q", "sector", "region", "sdg", "iati_identifier"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_region(self, queryset, name, value):
        return queryset.in_region(value.strip())


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search title, code, summary", max_length=SEARCH_MAX
    )
    phase = django_filters.ChoiceFilter(choices=Phase.choices)
    status = django_filters.ChoiceFilter(choices=Partnership.Status.choices)
    visibility = django_filters.ChoiceFilter(choices=Partnership.Visibility.choices)
    region = django_filters.CharFilter(method="in_region", label="Region code (and below)")
    sdg = django_filters.TypedChoiceFilter(
        method="sdg_goal", choices=SDG_GOALS, coerce=int, label="SDG goal number"
    )
    dac_sector = django_filters.CharFilter()
    mine = django_filters.BooleanFilter(method="coordinated", label="Only those I coordinate")

    class Meta:
        model = Partnership
        fields = ["q", "phase", "status", "visibility", "region", "sdg", "dac_sector", "mine"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(code__icontains=value) | Q(summary__icontains=value)
        )

    def in_region(self, queryset, name, value):
        return queryset.in_region(value.strip())

    @extend_schema_field(OpenApiTypes.INT)
    def sdg_goal(self, queryset, name, value):
        return queryset.with_sdg_goal(value)

    def coordinated(self, queryset, name, value):
        user = self.request.user
        mine = Partnership.coordinators.through.objects.filter(user_id=user.pk).values(
            "partnership_id"
        )
        return queryset.filter(pk__in=mine) if value else queryset.exclude(pk__in=mine)


class PartnerFilter(django_filters.FilterSet):
    partnership = django_filters.CharFilter(
        field_name="partnership__code", label="Partnership code"
    )
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", label="Organisation slug"
    )
    status = django_filters.ChoiceFilter(choices=PartnerStatus.choices)
    iati_role = django_filters.ChoiceFilter(choices=Partner.IatiRole.choices)

    class Meta:
        model = Partner
        fields = ["partnership", "organisation", "status", "iati_role"]


def partnership_code_filter(path: str) -> django_filters.CharFilter:
    """`?partnership=CODE` on a list of a partnership's records (`path` leads to it)."""
    return django_filters.CharFilter(field_name=f"{path}__code", label="Partnership code")


class _IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**31 - 1)  # any database holds it
        super().__init__(**kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """`?pledge=12`: a record id (a whole number; anything else is a 400)."""

    field_class = _IdField
