from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, BodyMember, Decision, GovernanceBody, Meeting, MeetingDocument


class MemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    raw_id_fields = ["partner", "user"]


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__code"]
    inlines = [MemberInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["partner", "recorded_by"]


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0
    readonly_fields = ["content_type", "uploaded_by", "uploaded_at"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "starts_at", "place"]
    search_fields = ["title", "partnership__code"]
    inlines = [AttendanceInline, DocumentInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "partnership", "owner", "due_date", "status"]
    list_filter = ["status"]
    search_fields = ["text", "partnership__code"]
    raw_id_fields = ["meeting", "owner"]
