import zipfile

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from simitra.lib.forms import ModelForm
from simitra.partnerships.forms import PartnershipFilterForm

from .excel import spec as sheets
from .models import IatiProfile

# A workbook may unpack to at most this many times the largest upload (zip bombs).
UNZIPPED_RATIO = 20


def _too_large(upload) -> bool:
    return upload.size > settings.SIMITRA_MAX_UPLOAD_BYTES


def _size_error():
    return forms.ValidationError(
        _("The file is larger than %(mb)d MB."),
        params={"mb": settings.SIMITRA_MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


class IatiUploadForm(forms.Form):
    file = forms.FileField(
        label=_("IATI activities file (XML)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    take_over = forms.BooleanField(
        label=_("Publish these activities as this deployment's own"),
        required=False,
        help_text=_(
            "Left unticked, each activity keeps its publisher: its identifier and reporting "
            "organisation are written again as the file has them. Ticked, this deployment "
            "publishes it from now on under a new identifier, and the publisher's identifier is "
            "kept as its previous one."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if _too_large(upload):
            raise _size_error()
        head = upload.read(512)
        upload.seek(0)
        text = head.lstrip(b"\xef\xbb\xbf").lstrip()
        if not text.startswith(b"<"):
            raise forms.ValidationError(_("This is not an XML file."))
        return upload


class ExcelUploadForm(forms.Form):
    sheet = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("Filled template (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [
            (spec.key, spec.title) for spec in sheets.sheets() if spec.importable
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if _too_large(upload):
            raise _size_error()
        not_xlsx = forms.ValidationError(_("This is not an Excel workbook (.xlsx)."))
        if upload.read(4) != b"PK\x03\x04":
            raise not_xlsx
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            raise not_xlsx from None
        finally:
            upload.seek(0)
        if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
            raise not_xlsx
        if unpacked > UNZIPPED_RATIO * settings.SIMITRA_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The workbook unpacks to too much data."))
        return upload


class IatiExportForm(PartnershipFilterForm):
    published_only = forms.BooleanField(
        label=_("Only published partnerships"),
        required=False,
        help_text=_("For a file to publish: private partnerships are left out."),
    )
    codes = forms.CharField(
        label=_("Only these codes"),
        required=False,
        help_text=_("Partnership codes separated by commas; empty means every one that matches."),
    )

    def clean_codes(self):
        text = self.cleaned_data["codes"]
        return [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]

    def params(self) -> dict:
        data = self.cleaned_data
        return {
            "q": (data["q"] or "").strip(),
            "sdg": data["sdg"].number if data["sdg"] else None,
            "published_only": data["published_only"],
            "mine": data["mine"],
            "phase": data["phase"] or None,
            "status": data["status"] or "",
            "region": (data["region"] or "").strip(),
            "codes": data["codes"],
        }


class IatiProfileForm(ModelForm):
    class Meta:
        model = IatiProfile
        fields = ["iati_identifier", "title_en", "description_en"]
        widgets = {"description_en": forms.Textarea(attrs={"rows": 4})}

    def clean_iati_identifier(self):
        identifier = self.cleaned_data["iati_identifier"].strip()
        if (
            identifier
            and IatiProfile.objects.filter(iati_identifier=identifier)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            # Identifiers are unique per deployment; the refusal tells nothing of the partnership
            # that has it, which may be one the user cannot see.
            raise forms.ValidationError(_("This identifier cannot be used; choose another."))
        return identifier
