"""`NewOrganisationRows` checks the rows of an import a column at a time with the page form's
own fields and steps: side by side with `OrganisationForm`, it takes exactly the rows the form
takes, with the same cleaned data and organisation, and a row the form refuses is reported with
the form's messages in the same cells of the import's error list."""

import pytest
from django import forms
from django.utils import translation

from simitra.interop.excel.organisations import FORM_FIELD_COLUMN
from simitra.interop.excel.workbook import ImportInvalid, import_workbook
from simitra.interop.tests.test_excel import ORGANISATIONS, filled
from simitra.organisations.forms import FormReference, NewOrganisationRows, OrganisationForm
from simitra.organisations.models import Organisation
from simitra.partnerships.testing import make_organisation

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Yayasan Uji",
    "acronym": "YU",
    "sector": "ngo",
    "iati_type": "",
    "iati_identifier": "",
    "description": "",
    "expertise": "",
    "website": "yu.example.id",
    "email": "info@yu.example.id",
    "phone": "0380-1",
    "address": "",
    "regions": "53.02, 52",
    "sdg_goals": [2, 3],
    "capability_names": "gizi, air bersih",
}

# Each changes some fields of GOOD: values the form takes and values it refuses.
CASES = [
    {},
    {"website": ""},
    {"website": "https://" + "w" * 180 + ".id"},
    {"website": "w" * 190 + ".id"},  # a name of more than 63 characters
    {"website": "yu.example.id/" + "p" * 185},  # 199 characters, 207 with https://
    {"website": "bukan url"},
    {"website": "ftp://files.example.id"},
    {"email": "bukan-email"},
    {"email": "a@b"},
    {"name": ""},
    {"name": "N" * 201},
    {"name": "Nul\x00l"},
    {"acronym": "A" * 41},
    {"sector": "bukan"},
    {"iati_type": "22"},
    {"iati_type": "99"},
    {"iati_identifier": "XM-DAC-7"},
    {"iati_identifier": "XM-DAC-8"},
    {"regions": "99.99"},
    {"regions": "Kupang"},
    {"regions": "Kota Kupang"},
    {"regions": ", ".join(["52"] * 101)},
    {"regions": ""},
    {"sdg_goals": [18]},
    {"sdg_goals": ["x"]},
    {"sdg_goals": []},
    {"capability_names": "ga\x00tal"},
    {"phone": "0" * 41},
    {"address": "Jl. Uji\x00"},
    {"email": "bukan-email", "website": "bukan url", "acronym": "A" * 41},
]


def reference_for(rows):
    return FormReference(
        region_codes=[c for r in rows for c in r["regions"].replace(" ", "").split(",") if c],
        identifiers=[r["iati_identifier"] for r in rows],
    )


def page_form(data, reference):
    form = OrganisationForm.for_new_organisations(reference)(data=data, reference=reference)
    form.is_valid()
    return form


def test_the_page_form_is_one_the_column_rules_repeat():
    assert NewOrganisationRows.covers(OrganisationForm)


def test_the_column_rules_take_exactly_what_the_form_takes(reference):
    make_organisation("Donor Lama", iati_identifier="XM-DAC-7")
    rows = [
        {**GOOD, **case, "name": case.get("name", f"Yayasan Uji {n}")}
        for n, case in enumerate(CASES)
    ]
    reference = reference_for(rows)
    checked = NewOrganisationRows(reference).check(rows)
    taken = 0
    for data, found in zip(rows, checked, strict=True):
        form = page_form(data, reference)
        assert (found is not None) == form.is_valid(), (data, form.errors)
        if found is None:
            continue
        taken += 1
        cleaned, instance = found
        assert cleaned.keys() == form.cleaned_data.keys()
        for name, value in form.cleaned_data.items():
            if isinstance(value, list | tuple) or hasattr(value, "model"):
                assert list(cleaned[name]) == list(value), name
            else:
                assert cleaned[name] == value, name
        for field in Organisation._meta.concrete_fields:
            assert getattr(instance, field.attname) == getattr(form.instance, field.attname)
    assert 0 < taken < len(rows)


def test_a_refused_row_gets_the_forms_own_errors(reference):
    rows = [{**GOOD, **case} for case in CASES]
    reference = reference_for(rows)
    rules = NewOrganisationRows(reference)
    for data in rows:
        assert rules.refused(data).errors == page_form(data, reference).errors


def test_a_check_added_to_a_field_of_the_form_is_a_check_of_the_import(reference, monkeypatch):
    def clean_phone(self):
        if self.cleaned_data["phone"] == "0000":
            raise forms.ValidationError("No such phone.")
        return self.cleaned_data["phone"]

    monkeypatch.setattr(OrganisationForm, "clean_phone", clean_phone, raising=False)
    rows = [GOOD, {**GOOD, "phone": "0000"}]
    assert [found is None for found in NewOrganisationRows(reference_for(rows)).check(rows)] == [
        False,
        True,
    ]


def test_a_form_with_a_clean_of_its_own_is_checked_row_by_row(reference, world, monkeypatch):
    def clean(self):
        cleaned = super(OrganisationForm, self).clean()
        if cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError("A phone needs an e-mail.")
        return cleaned

    monkeypatch.setattr(OrganisationForm, "clean", clean, raising=False)
    assert not NewOrganisationRows.covers(OrganisationForm)
    with pytest.raises(ValueError):
        NewOrganisationRows(reference_for([GOOD]))
    sheet = [{"name": "Koperasi A", "sector": "ngo", "phone": "0380-2"}]
    with pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
    [error] = invalid.value.errors
    assert (error.row, error.column, error.message) == (2, "", "A phone needs an e-mail.")


# Cells the sheet reads as they are typed, which the form refuses (the import's own reading
# refuses others first, with its own messages: too long, unknown code).
BAD_CELLS = [
    {"email": "bukan-email"},
    {"website": "bukan url"},
    {"website": "yu.example.id/" + "p" * 185},  # 207 characters with the https:// added
    {"email": "a@b", "website": "ftp//x"},
]


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_import_reports_the_forms_messages_in_their_cells(reference, world, language):
    sheet = [
        {"name": f"Lembaga {n}", "sector": "ngo", "region": "52", **cells}
        for n, cells in enumerate(BAD_CELLS)
    ]
    sheet.insert(2, {"name": "Lembaga Baik", "sector": "ngo"})
    expected = set()
    with translation.override(language):
        headers = {column.key: str(column.header) for column in ORGANISATIONS.columns}
        reference = FormReference(region_codes=["52"])
        for number, cells in enumerate(sheet, start=2):
            data = {
                **GOOD,
                "acronym": "",
                "email": "",
                "website": "",
                "phone": "",
                "regions": "52",
                "sdg_goals": [],
                "capability_names": "",
                **cells,
            }
            for field, messages in page_form(data, reference).errors.items():
                expected.add((number, headers[FORM_FIELD_COLUMN[field]], messages[0]))
        with pytest.raises(ImportInvalid) as invalid:
            import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
        found = {(e.row, e.column, e.message) for e in invalid.value.errors}
    assert found == expected
    assert len(found) == 5
    assert any("200" in message for _row, _column, message in found)
    assert not Organisation.objects.filter(name__startswith="Lembaga").exists()
