"""The picker fields show what they hold as names with their codes, one per box, never as a
list's text."""

import pytest
from django import forms

from simitra.reference.fields import RegionCodesField, SdgTargetCodesField
from simitra.reference.models import Region


class CodesForm(forms.Form):
    regions = RegionCodesField(required=False)
    sdg_targets = SdgTargetCodesField(required=False)


@pytest.mark.django_db
@pytest.mark.parametrize("nothing", [[], (), None, ""])
def test_an_empty_initial_value_shows_an_empty_field(nothing, reference):
    form = CodesForm(initial={"regions": nothing, "sdg_targets": nothing})
    for name in ("regions", "sdg_targets"):
        assert form[name].value() in ("", None, [], ())
        html = str(form[name])
        assert "[]" not in html and "()" not in html
        assert html.count(f'name="{name}"') == 2 and html.count('value=""') == 2


@pytest.mark.django_db
def test_regions_show_as_their_names_and_codes(reference):
    regions = list(Region.objects.filter(code__in=["53", "53.71"]).order_by("code"))
    shown = ["Nusa Tenggara Timur (53)", "Kota Kupang (53.71)"]
    assert CodesForm(initial={"regions": regions})["regions"].value() == shown
    queryset = Region.objects.filter(pk__in=[r.pk for r in regions]).order_by("code")
    assert CodesForm(initial={"regions": queryset})["regions"].value() == shown
    html = str(CodesForm(initial={"regions": queryset})["regions"])
    assert 'value="Kota Kupang (53.71)"' in html and html.count('name="regions"') == 4
