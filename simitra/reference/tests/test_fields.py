"""The fields that take typed reference codes show what they hold as codes, never as a list."""

import pytest
from django import forms

from simitra.reference.fields import RegionCodesField, SdgTargetCodesField
from simitra.reference.models import Region


class CodesForm(forms.Form):
    regions = RegionCodesField(required=False)
    sdg_targets = SdgTargetCodesField(required=False)


@pytest.mark.parametrize("nothing", [[], (), None, ""])
def test_an_empty_initial_value_shows_an_empty_field(nothing):
    form = CodesForm(initial={"regions": nothing, "sdg_targets": nothing})
    for name in ("regions", "sdg_targets"):
        assert form[name].value() in ("", None)
        assert "[]" not in str(form[name]) and "()" not in str(form[name])


@pytest.mark.django_db
def test_regions_show_as_their_codes(reference):
    regions = list(Region.objects.filter(code__in=["53", "53.71"]).order_by("code"))
    assert CodesForm(initial={"regions": regions})["regions"].value() == "53, 53.71"
    queryset = Region.objects.filter(pk__in=[r.pk for r in regions]).order_by("code")
    assert CodesForm(initial={"regions": queryset})["regions"].value() == "53, 53.71"
