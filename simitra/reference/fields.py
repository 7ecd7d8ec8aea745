"""Form fields that pick reference records (regions, SDG targets) by name or by code.

A picker is a row of text boxes, one record per box, each suggesting from a list of the records
(`<datalist>`: the browser filters it as the user types, without any script). What is typed is
read as a code ("53.71"), a name with its code as the suggestions write it ("Kota Kupang
(53.71)"), or a name alone ("Kota Kupang"), which must name one record: "Kupang" names several
and the message lists them. Codes separated by commas in one box are read too (the API sends
them so). Unknown or ambiguous entries are refused with what was typed kept in the boxes.
"""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import CodelistItem, Region, SdgTarget

_SEPARATORS = re.compile(r"[,;\n]+")
EMPTY_BOXES = 2  # boxes left empty under the chosen ones, for more
CANDIDATES_SHOWN = 6
LONGEST_ENTRY = 200  # longer than any name or code: unknown, without searching
MOST_ENTRIES = 100
SHOWN_OF_AN_ENTRY = 40


class PickerInput(forms.Widget):
    """Text boxes of one name, one value each, suggesting from the field's options."""

    template_name = "forms/widgets/picker.html"

    def __init__(self, attrs=None, single=False):
        super().__init__(attrs)
        self.options = list
        self.single = single
        self.label = ""

    def format_value(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value if item not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = context["widget"]["value"]
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        boxes = []
        empty = (0 if chosen else 1) if self.single else EMPTY_BOXES
        for index, box_value in enumerate([*chosen, *[""] * empty]):
            box_attrs = dict(context["widget"]["attrs"])
            box_attrs["id"] = base_id if index == 0 else f"{base_id}_{index}"
            boxes.append({"value": box_value, "attrs": box_attrs})
        context["widget"].update(
            boxes=boxes, list_id=f"{base_id}_options", options=self.options(), label=self.label
        )
        return context

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return [value for value in data.getlist(name) if value.strip()]
        value = data.get(name)
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return value

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        return id_


class CodeListField(forms.Field):
    """Records of `model` picked by code or by name; cleans to a list of them, in the order
    typed, without repeats."""

    model = None
    key = "pk"  # the field a code is in
    display_related: tuple[str, ...] = ()  # what `display` reads beyond the record itself
    widget = PickerInput
    unknown_message = _("Unknown: %(entries)s.")
    ambiguous_message = _("“%(entry)s” names several: %(candidates)s. Choose one.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.options = self.options
        # The boxes after the first, which the field's label does not name, say it themselves.
        self.widget.label = self.label or ""
        # Records by code loaded beforehand (an import checks thousands of rows against the
        # same records): codes found there are not looked up in the database again; other
        # codes are, and entries without a code are still searched by name.
        self.known: dict[str, object] | None = None

    # What a subclass says about its records.
    def records(self):
        return self.model.objects.all()

    def options(self) -> list[dict]:
        """The suggestions: `value` (what a box gets) and `label` (shown beside it)."""
        raise NotImplementedError

    def display(self, record) -> str:
        """How a chosen record reads in its box (and reads back through `code_in`)."""
        raise NotImplementedError

    def code_in(self, entry: str) -> str | None:
        """The code an entry names by its form alone, or None."""
        raise NotImplementedError

    def named(self, entry: str):
        """The records an entry without a code may name, best matches only."""
        raise NotImplementedError

    def prepare_value(self, value):
        if hasattr(value, "all"):
            value = value.all().select_related(*self.display_related)
        if isinstance(value, str) or value is None:
            return value
        return [self.display(item) if isinstance(item, self.model) else item for item in value]

    def to_python(self, value):
        if value in self.empty_values:
            return []
        boxes = [value] if isinstance(value, str) else list(value)
        entries = []
        for box in boxes:
            for part in _SEPARATORS.split(str(box)):
                part = " ".join(part.split())
                if part:
                    entries.extend(self._split_codes(part))
        return entries

    def _split_codes(self, entry: str) -> list[str]:
        """ "53.10 53.71" is two codes (how codes were typed before the picker)."""
        words = entry.split(" ")
        if len(words) > 1 and all(self.code_in(word) == word for word in words):
            return words
        return [entry]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > MOST_ENTRIES:
            raise forms.ValidationError(
                _("At most %(most)s entries."), code="too_many", params={"most": MOST_ENTRIES}
            )

    def clean(self, value):
        entries = self.to_python(value)
        self.validate(entries)
        coded = {entry: self.code_in(entry) for entry in entries}
        found = self.by_code([c for c in coded.values() if c])
        chosen, unknown, errors = [], [], []
        for entry, code in coded.items():
            if len(entry) > LONGEST_ENTRY or (code and code not in found):
                unknown.append(entry)
                continue
            if code:
                chosen.append(found[code])
                continue
            matches = list(self.named(entry)[: CANDIDATES_SHOWN + 1])
            if len(matches) == 1:
                chosen.append(matches[0])
            elif not matches:
                unknown.append(entry)
            else:
                shown = ", ".join(self.display(record) for record in matches[:CANDIDATES_SHOWN])
                if len(matches) > CANDIDATES_SHOWN:
                    shown += ", …"
                errors.append(
                    forms.ValidationError(
                        self.ambiguous_message,
                        code="ambiguous",
                        params={"entry": _shown(entry), "candidates": shown},
                    )
                )
        if unknown:
            errors.insert(
                0,
                forms.ValidationError(
                    self.unknown_message,
                    code="unknown",
                    params={"entries": ", ".join(f"“{_shown(entry)}”" for entry in unknown)},
                ),
            )
        if errors:
            raise forms.ValidationError(errors)
        return list(dict.fromkeys(chosen))

    def by_code(self, codes: list[str]) -> dict:
        """The records of these codes, by code (unknown codes left out)."""
        known = self.known or {}
        found = {code: known[code] for code in codes if code in known}
        missing = [code for code in codes if code not in found]
        if missing:
            found.update(
                (str(getattr(record, self.key)), record)
                for record in self.records().filter(**{f"{self.key}__in": missing})
            )
        return found

    def has_changed(self, initial, data):
        initial_codes = {str(getattr(item, self.key, item)) for item in (initial or [])}
        try:
            return initial_codes != {str(getattr(record, self.key)) for record in self.clean(data)}
        except forms.ValidationError:
            return True


def _shown(entry: str) -> str:
    return entry if len(entry) <= SHOWN_OF_AN_ENTRY else f"{entry[:SHOWN_OF_AN_ENTRY]}…"


_REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2,4})?)?$")
_CODE_IN_BRACKETS = re.compile(r"\(([\d.]+)\)$")


class RegionCodesField(CodeListField):
    """Kemendagri regions. The suggestions are the provinces and regencies / cities (a
    district is found by its name or code)."""

    model = Region
    unknown_message = _(
        "Unknown region: %(entries)s. Type a name such as Kota Kupang, or a Kemendagri code "
        "such as 53.71."
    )
    ambiguous_message = _("“%(entry)s” names several regions: %(candidates)s. Choose one.")

    def options(self):
        regions = Region.objects.filter(level__lte=Region.Level.REGENCY).select_related("parent")
        return [
            {
                "value": self.display(region),
                "label": region.parent.name if region.parent else _("province"),
            }
            for region in regions
        ]

    def display(self, record):
        name = " ".join(_SEPARATORS.sub(" ", record.name).split())
        return f"{name} ({record.code})"

    def code_in(self, entry):
        if _REGION_CODE.match(entry):
            return entry
        bracketed = _CODE_IN_BRACKETS.search(entry)
        return bracketed.group(1) if bracketed else None

    def named(self, entry):
        exact = Region.objects.filter(name__iexact=entry)
        if exact.exists():
            return exact
        return Region.objects.filter(name__icontains=entry).order_by("level", "code")


_GOAL_NUMBER = re.compile(r"^Goal \d+\.\s*")  # the English names begin so; the code says it
SHOWN_OF_A_GOAL = 40
_SDG_CODE = re.compile(r"^(\d{1,2}\.[0-9a-z]{1,2})(?=$|[\s·—-])", re.IGNORECASE)


class SdgTargetCodesField(CodeListField):
    """SDG targets: suggested with their goal's name in the user's language and the target's
    text, so "stunting" finds 2.2."""

    model = SdgTarget
    display_related = ("goal",)
    unknown_message = _(
        "Unknown SDG target: %(entries)s. Type a code such as 2.2 or words of the target."
    )
    ambiguous_message = _("“%(entry)s” is in several SDG targets: %(candidates)s. Choose one.")

    def options(self):
        return [
            {"value": self.display(target), "label": target.description}
            for target in SdgTarget.objects.select_related("goal")
        ]

    def display(self, record):
        # Without the separators, so that the box reads back as one entry.
        goal = _SEPARATORS.sub(" ", _GOAL_NUMBER.sub("", record.goal.name))
        goal = " ".join(goal.split())
        if len(goal) > SHOWN_OF_A_GOAL:
            goal = f"{goal[: SHOWN_OF_A_GOAL - 1].rstrip()}…"
        return f"{record.code} · {goal}"

    def code_in(self, entry):
        found = _SDG_CODE.match(entry)
        return found.group(1).lower() if found else None

    def named(self, entry):
        words = Q()
        for word in entry.split(" "):
            words &= Q(description__icontains=word)
        return SdgTarget.objects.filter(words).select_related("goal")


_DAC_CODE = re.compile(r"^(\d{5})(?=$|[\s·—-])")


class DacSectorField(CodeListField):
    """One DAC 5-digit sector (the IATI Sector codelist), picked by its code or by words of its
    name in either language ("air minum", "waste"); cleans to the code, or "" for none."""

    model = CodelistItem
    key = "code"
    unknown_message = _(
        "Unknown DAC sector: %(entries)s. Type words of its name (air minum, waste) or a "
        "5-digit code such as 14030."
    )
    ambiguous_message = _("“%(entry)s” is in several DAC sectors: %(candidates)s. Choose one.")

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", PickerInput(single=True))
        super().__init__(**kwargs)

    def records(self):
        return CodelistItem.objects.filter(codelist="Sector")

    def options(self):
        # The code and the name in the user's language go in the box; the other language's
        # name beside it, so words of either find it.
        return [
            {"value": self.display(item), "label": item.name if item.name_id else ""}
            for item in self.records().order_by("code")
        ]

    def display(self, record):
        return " ".join(_SEPARATORS.sub(" ", record.label).split())

    def code_in(self, entry):
        found = _DAC_CODE.match(entry)
        return found.group(1) if found else None

    def named(self, entry):
        words = Q()
        for word in entry.split(" "):
            words &= Q(name__icontains=word) | Q(name_id__icontains=word)
        return self.records().filter(words).order_by("code")

    def prepare_value(self, value):
        if isinstance(value, str) and self.code_in(value) == value:
            item = CodelistItem.objects.dac_sector(value)
            return self.display(item) if item else value
        return super().prepare_value(value)

    def _split_codes(self, entry):
        return [entry]

    def clean(self, value):
        chosen = super().clean(value)
        if len(chosen) > 1:
            raise forms.ValidationError(_("One sector only."), code="one_only")
        return chosen[0].code if chosen else ""

    def has_changed(self, initial, data):
        try:
            return (initial or "") != self.clean(data)
        except forms.ValidationError:
            return True
