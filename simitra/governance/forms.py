from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from simitra.lib.dates import local_date
from simitra.lib.forms import DateInput, DateTimeInput, Form, ModelForm, SeenVersionMixin
from simitra.lib.uploads import validate_upload
from simitra.partnerships.models import Partner, PartnerStatus

from .models import Attendance, BodyMember, Decision, GovernanceBody, Meeting, MeetingDocument


def _partners(partnership, statuses=(PartnerStatus.CONFIRMED,)):
    return (
        Partner.objects.filter(partnership=partnership, status__in=statuses)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _partner_field(field) -> None:
    field.label_from_instance = lambda p: p.organisation.name


class BodyForm(ModelForm):
    class Meta:
        model = GovernanceBody
        fields = ["kind", "name", "terms_of_reference"]
        labels = {
            "kind": _("Kind of body"),
            "name": _("Name"),
            "terms_of_reference": _("Terms of reference"),
        }
        help_texts = {
            "terms_of_reference": _("Mandate, membership, how it decides, how often it meets.")
        }
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 6})}


class MemberForm(ModelForm):
    class Meta:
        model = BodyMember
        fields = ["person", "partner", "role"]
        labels = {
            "person": _("Person"),
            "partner": _("Partner organisation"),
            "role": _("Role in the body"),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = _partners(partnership)
        self.fields["partner"].empty_label = _("(personal capacity)")
        _partner_field(self.fields["partner"])


class MeetingForm(SeenVersionMixin, ModelForm):
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A place, an online link, or both."),
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "body",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "agenda",
            "minutes",
        ]
        labels = {
            "title": _("Title"),
            "body": _("Body"),
            "starts_at": _("Starts at"),
            "ends_at": _("Ends at"),
            "place": _("Place"),
            "online_link": _("Online link"),
            "agenda": _("Agenda"),
            "minutes": _("Minutes"),
        }
        help_texts = {"online_link": _("A place, an online link, or both.")}
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = GovernanceBody.objects.filter(partnership=partnership)

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Give a place, an online link, or both."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("A meeting cannot end before it starts."))
        return data


def not_held_yet(meeting) -> str:
    """Why nobody can be recorded as present at a meeting whose day has not come (empty when it
    has). Apologies (excused) may be recorded ahead of it."""
    day = local_date(meeting.starts_at)
    if day is None or day <= timezone.localdate():
        return ""
    return _(
        "This meeting is on %(day)s: who was present can be recorded from that day on. "
        "Before it, record only apologies (excused)."
    ) % {"day": date_format(day)}


class AttendanceForm(ModelForm):
    class Meta:
        model = Attendance
        fields = ["person", "partner", "status"]
        labels = {
            "person": _("Person"),
            "partner": _("Partner organisation"),
            "status": _("Attendance"),
        }

    def __init__(self, *args, meeting, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = _("(guest, no partner)")
        _partner_field(self.fields["partner"])

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status != Attendance.Status.EXCUSED and (why := not_held_yet(self.meeting)):
            self.add_error("status", why)
        person, partner = data.get("person"), data.get("partner")
        if (
            person
            and Attendance.objects.filter(
                meeting=self.meeting, person__iexact=person.strip(), partner=partner
            ).exists()
        ):
            raise forms.ValidationError(_("This person's attendance is already recorded."))
        return data


class MembersAttendanceForm(Form):
    """The attendance of a meeting's body, pre-filled from its members: one box per member not
    recorded yet, all ticked present; saved at once (a box left unticked records "absent")."""

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.members = list(members)
        for member in self.members:
            organisation = member.partner.organisation.name if member.partner_id else ""
            label = f"{member.person} · {organisation}" if organisation else member.person
            self.fields[f"member_{member.pk}"] = forms.BooleanField(
                label=f"{label} ({member.get_role_display()})", required=False, initial=True
            )

    def clean(self):
        data = super().clean()
        if why := not_held_yet(self.meeting):
            raise forms.ValidationError(why)
        if not self.members:
            raise forms.ValidationError(_("Every member's attendance is already recorded."))
        return data

    def attendances(self) -> list[Attendance]:
        return [
            Attendance(
                meeting=self.meeting,
                person=member.person.strip(),
                partner=member.partner,
                status=Attendance.Status.PRESENT
                if self.cleaned_data.get(f"member_{member.pk}")
                else Attendance.Status.ABSENT,
            )
            for member in self.members
        ]


class DocumentForm(ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "file"]
        labels = {"title": _("Title"), "file": _("File")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.instance.content_type = validate_upload(upload).content_type
        return upload


class DecisionForm(SeenVersionMixin, ModelForm):
    class Meta:
        model = Decision
        fields = ["meeting", "text", "owner", "owner_person", "due_date", "status", "done_on"]
        labels = {
            "meeting": _("Meeting"),
            "text": _("Decision"),
            "owner": _("Owner"),
            "owner_person": _("Person responsible"),
            "due_date": _("Due date"),
            "status": _("Status"),
            "done_on": _("Done on"),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "done_on": DateInput(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(partnership=partnership)
        self.fields["owner"].queryset = _partners(partnership)
        _partner_field(self.fields["owner"])

    def clean(self):
        data = super().clean()
        if data.get("status") == Decision.Status.DONE and not data.get("done_on"):
            self.add_error("done_on", _("Say when the decision was carried out."))
        return data


# What a partner reports of a decision's progress: dropping one is the coordinator's (the full
# decision form).
PROGRESS_STATUSES = (Decision.Status.OPEN, Decision.Status.IN_PROGRESS, Decision.Status.DONE)
DONE_ON_MISSING = _("Say when the decision was carried out.")
DONE_ON_FUTURE = _("A decision cannot be carried out on a day still to come.")


class DecisionProgressForm(SeenVersionMixin, ModelForm):
    """A decision's progress, as its responsible partner reports it: the status and, once it
    is done, the day. It carries the version the user saw (`SeenVersionMixin`)."""

    class Meta:
        model = Decision
        fields = ["status", "done_on"]
        labels = {"status": _("Status"), "done_on": _("Done on")}
        widgets = {"done_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Decision.Status.choices if value in PROGRESS_STATUSES
        ]

    def clean(self):
        data = super().clean()
        done_on = data.get("done_on")
        if data.get("status") == Decision.Status.DONE:
            if not done_on:
                self.add_error("done_on", DONE_ON_MISSING)
            elif done_on > timezone.localdate():
                self.add_error("done_on", DONE_ON_FUTURE)
        else:
            data["done_on"] = None
        return data
