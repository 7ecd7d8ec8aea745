"""How a partnership governs itself: its bodies and their members, meetings, decisions.

These models were first part of the partnerships app. Their tables, and their history tables,
keep the names they were created with (`partnerships_…`): moving the models to this app changed
only Django's record of which app owns them (migration governance 0001), so no installation has
to rename tables, their sequences, indexes and foreign keys, and going back is as safe.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage
from simitra.partnerships.models import Partner, Partnership


class GovernanceBody(models.Model):
    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering", _("Steering committee")
        SECRETARIAT = "secretariat", _("Secretariat")
        WORKING_GROUP = "working_group", _("Working group")
        OTHER = "other", _("Other body")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="governance_bodies"
    )
    kind = models.CharField(_("kind of body"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="partnerships_historicalgovernancebody")

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_governancebody"
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    """A person sitting in a body, for a partner organisation (or in a personal capacity)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        ADVISER = "adviser", _("Adviser")

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="members")
    person = models.CharField(_("person"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user account"),
    )
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_seats",
        verbose_name=_("partner organisation"),
    )
    role = models.CharField(_("role in the body"), max_length=20, choices=Role.choices)

    history = HistoricalRecords(table_name="partnerships_historicalbodymember")

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_bodymember"
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        ordering = ["body", "role", "person"]

    def __str__(self) -> str:
        return self.person

    @property
    def partnership(self) -> Partnership:
        return self.body.partnership


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    body = models.ForeignKey(
        GovernanceBody,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("body"),
    )
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at"], table_name="partnerships_historicalmeeting"
    )

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_meeting"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(place="", online_link=""),
                name="meeting_has_place_or_link",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_held(self) -> bool:
        return self.starts_at <= timezone.now()


class Attendance(models.Model):
    """Whether one person took part in a meeting, and for which partner."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ONLINE = "online", _("Present online")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.CharField(_("person"), max_length=200)
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("partner organisation"),
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(table_name="partnerships_historicalattendance")

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_attendance"
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "partner__organisation__name", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "partner"], name="unique_attendance_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"

    @property
    def partnership(self) -> Partnership:
        return self.meeting.partnership

    @property
    def attended(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.ONLINE)


def meeting_document_path(instance, filename: str) -> str:
    # A random folder makes the path unguessable while the file keeps its own name for download.
    return f"governance/{instance.meeting.partnership_id}/{uuid.uuid4().hex}/{filename}"


class MeetingDocument(models.Model):
    """A file belonging to a meeting (invitation, presentation, signed minutes); served only
    through an access-checked view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(
        _("file"), upload_to=meeting_document_path, storage=private_storage, max_length=250
    )
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="partnerships_historicalmeetingdocument")

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_meetingdocument"
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership(self) -> Partnership:
        return self.meeting.partnership


def decision_is_overdue(*, due: dt.date, is_open: bool, on: dt.date) -> bool:
    """The one rule of an overdue decision: still open (or in progress) and due before `on`.
    The governance page passes today; the early warning today less its grace days, so it
    raises only what has been overdue for more than those days."""
    return is_open and due < on


class DecisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Decision.OPEN_STATUSES)

    def overdue(self, on: dt.date | None = None):
        """`decision_is_overdue` in SQL."""
        return self.open().filter(due_date__lt=on or timezone.localdate())


class Decision(models.Model):
    """Something a meeting decided, with who carries it out and by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="decisions_owned",
        verbose_name=_("owner"),
    )
    owner_person = models.CharField(_("person responsible"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # The version an edit form carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at"], table_name="partnerships_historicaldecision"
    )

    class Meta:
        # The table keeps the name it was created with: see the module docstring.
        db_table = "partnerships_decision"
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["partnership", "status", "due_date"])]

    def __str__(self) -> str:
        return self.text[:80]

    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return decision_is_overdue(
            due=self.due_date, is_open=self.is_open(), on=today or timezone.localdate()
        )
