"""Form fields that take reference codes typed by a person and refuse unknown ones."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region, SdgTarget

_SPLIT = re.compile(r"[\s,;]+")


class CodeListField(forms.CharField):
    """Codes separated by commas or spaces, each of which must exist in `model`."""

    model = None
    key = "code"
    unknown_message = _("Unknown code: %(codes)s.")

    def prepare_value(self, value):
        if hasattr(value, "values_list"):
            return ", ".join(value.values_list(self.key, flat=True))
        if isinstance(value, list | tuple):
            # A new record's many-to-many value is `[]`, which the text input would show as is.
            return ", ".join(str(getattr(item, "pk", item)) for item in value)
        return value

    def clean(self, value):
        value = super().clean(value)
        codes = [code for code in _SPLIT.split(value or "") if code]
        found = {str(obj.pk): obj for obj in self.model.objects.filter(pk__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                self.unknown_message, code="unknown", params={"codes": ", ".join(unknown)}
            )
        return [found[code] for code in dict.fromkeys(codes)]


class RegionCodesField(CodeListField):
    model = Region
    unknown_message = _("Unknown region code: %(codes)s. Use Kemendagri codes such as 53.10.")


class SdgTargetCodesField(CodeListField):
    model = SdgTarget
    unknown_message = _("Unknown SDG target: %(codes)s. Use codes such as 2.2 or 6.1.")
