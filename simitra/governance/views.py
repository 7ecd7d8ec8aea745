"""Pages of a partnership's governance: bodies and members, meetings, attendance, documents,
decisions, and the meetings calendar (.ics)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.uploads import file_response
from simitra.lib.views import edit_conflict
from simitra.partnerships import recompute
from simitra.partnerships.access import attach_partnership, get_partnership, get_record
from simitra.partnerships.models import Partner, PartnerStatus

from . import services
from .forms import (
    AttendanceForm,
    BodyForm,
    DecisionForm,
    DecisionProgressForm,
    DocumentForm,
    MeetingForm,
    MemberForm,
    MembersAttendanceForm,
    not_held_yet,
)
from .ical import CalendarEvent, calendar
from .models import Attendance, BodyMember, Decision, GovernanceBody, Meeting, MeetingDocument

MANAGE = "governance.manage_governance"
VIEW = "governance.view_governance"
PROGRESS = "governance.progress_decision"


def fragment_or_page(request, template: str, context: dict):
    """The htmx panel loads the named partial; a browser gets the whole page."""
    return render(request, f"{template}#panel" if request.htmx else template, context)


def _meetings(partnership):
    return (
        Meeting.objects.filter(partnership=partnership)
        .select_related("body")
        .annotate(
            present=Count(
                "attendances",
                filter=Q(attendances__status__in=[Attendance.Status.PRESENT, "online"]),
                distinct=True,
            ),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-starts_at")
    )


def _decisions(partnership):
    return Decision.objects.filter(partnership=partnership).select_related(
        "owner__organisation", "meeting"
    )


def _with_progress(user, partnership, decisions) -> list[Decision]:
    """The decisions as a list, each with `can_progress`: may this user record its progress
    (asked of the rules layer on the partnership instance already loaded, so no query a row)."""
    decisions = list(decisions)
    for decision in decisions:
        attach_partnership(decision, partnership)
        decision.can_progress = decision.is_open() and user.has_perm(PROGRESS, decision)
    return decisions


@login_required
def panel(request, code):
    """Phase 5's governance panel: bodies, the latest meetings and the open decisions."""
    partnership = get_partnership(request.user, code, VIEW)
    today = timezone.localdate()
    open_decisions = _decisions(partnership).open()
    return fragment_or_page(
        request,
        "governance/panel.html",
        {
            "partnership": partnership,
            "bodies": GovernanceBody.objects.filter(partnership=partnership).annotate(
                member_count=Count("members")
            ),
            "meetings": _meetings(partnership)[:5],
            "meeting_count": Meeting.objects.filter(partnership=partnership).count(),
            "decisions": _with_progress(
                request.user, partnership, open_decisions.order_by("due_date")[:8]
            ),
            "overdue_count": open_decisions.filter(due_date__lt=today).count(),
            "today": today,
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
def body_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, MANAGE)
    body = get_record(partnership, GovernanceBody.objects, pk=pk) if pk else None
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        body = form.save(commit=False)
        body.partnership = partnership
        body.save()
        messages.success(request, _("Body saved."))
        return redirect("governance:body", code=partnership.code, pk=body.pk)
    return render(
        request,
        "governance/form.html",
        {"partnership": partnership, "form": form, "title": _("Governance body")},
    )


@login_required
def body_detail(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    body = get_record(partnership, GovernanceBody.objects, pk=pk)
    form = MemberForm(request.POST or None, partnership=partnership)
    if request.method == "POST":
        require_perm(request.user, MANAGE, partnership)
        if form.is_valid():
            member = form.save(commit=False)
            member.body = body
            member.save()
            messages.success(request, _("Member added."))
            return redirect("governance:body", code=partnership.code, pk=body.pk)
    return render(
        request,
        "governance/body.html",
        {
            "partnership": partnership,
            "body": body,
            "members": body.members.select_related("partner__organisation"),
            "form": form,
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
@require_POST
def member_remove(request, code, pk):
    partnership = get_partnership(request.user, code, MANAGE)
    member = get_record(
        partnership, BodyMember.objects.select_related("body"), path="body__partnership", pk=pk
    )
    body_id = member.body_id
    member.delete()
    messages.success(request, _("Member removed."))
    return redirect("governance:body", code=partnership.code, pk=body_id)


@login_required
def meeting_list(request, code):
    partnership = get_partnership(request.user, code, VIEW)
    page = paginate(request, _meetings(partnership))
    return render(
        request,
        "governance/meetings.html",
        {
            "partnership": partnership,
            "page": page,
            "meetings": page.object_list,
            "now": timezone.now(),
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
def meeting_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, MANAGE)
    meeting = get_record(partnership, Meeting.objects, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, partnership=partnership)
    context = {"partnership": partnership, "form": form, "title": _("Meeting")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "governance/form.html", context):
                return conflict
            meeting = form.save(commit=False)
            meeting.partnership = partnership
            meeting.save()
            recompute.inputs_changed(partnership.pk)
        messages.success(request, _("Meeting saved."))
        return redirect("governance:meeting", code=partnership.code, pk=meeting.pk)
    return render(request, "governance/form.html", context)


def _attendance_partners(request, partnership):
    """Partners whose attendance this user may record: all for the coordinator, their own
    organisation's otherwise."""
    partners = Partner.objects.filter(
        partnership=partnership, status=PartnerStatus.CONFIRMED
    ).select_related("organisation")
    if not request.user.has_perm(MANAGE, partnership):
        partners = partners.filter(organisation_id__in=request.user.organisation_ids())
    return partners.order_by("organisation__name")


def _unrecorded_members(request, meeting, attendances, partners) -> list[BodyMember]:
    """The members of the meeting's body whose attendance this user may record and nobody has
    recorded yet: the coordinator's are all of them, a partner's its own organisation's."""
    if meeting.body_id is None:
        return []
    manages = request.user.has_perm(MANAGE, meeting.partnership)
    allowed = {partner.pk for partner in partners}
    recorded = {(a.person.strip().lower(), a.partner_id) for a in attendances}
    return [
        member
        for member in meeting.body.members.select_related("partner__organisation").order_by(
            "partner__organisation__name", "person"
        )
        if (member.person.strip().lower(), member.partner_id) not in recorded
        and (member.partner_id in allowed if member.partner_id else manages)
    ]


def _meeting_context(request, partnership, meeting, **forms):
    attendances = list(meeting.attendances.select_related("partner__organisation"))
    by_partner: dict = {}
    for attendance in attendances:
        if attendance.partner_id:
            row = by_partner.setdefault(
                attendance.partner_id, {"partner": attendance.partner, "present": 0, "total": 0}
            )
            row["total"] += 1
            row["present"] += attendance.attended
    partners = _attendance_partners(request, partnership)
    members = _unrecorded_members(request, meeting, attendances, partners)
    return {
        "partnership": partnership,
        "meeting": meeting,
        "members_form": forms.get("members_form")
        or (MembersAttendanceForm(meeting=meeting, members=members) if members else None),
        "not_held_yet": not_held_yet(meeting),
        "attendances": attendances,
        "per_partner": sorted(by_partner.values(), key=lambda r: r["partner"].organisation.name),
        "documents": meeting.documents.all(),
        "decisions": _with_progress(
            request.user, partnership, meeting.decisions.select_related("owner__organisation")
        ),
        "today": timezone.localdate(),
        "can_manage": request.user.has_perm(MANAGE, partnership),
        "can_attend": request.user.has_perm(MANAGE, partnership) or partners.exists(),
        "attendance_form": forms.get("attendance_form")
        or AttendanceForm(meeting=meeting, partners=partners),
        "document_form": forms.get("document_form") or DocumentForm(),
    }


def _meeting(partnership, pk):
    return get_record(partnership, Meeting.objects.select_related("body"), pk=pk)


@login_required
def meeting_detail(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    meeting = _meeting(partnership, pk)
    return render(
        request,
        "governance/meeting.html",
        _meeting_context(request, partnership, meeting),
    )


@login_required
@require_POST
def attendance_add(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    meeting = _meeting(partnership, pk)
    partners = _attendance_partners(request, partnership)
    form = AttendanceForm(request.POST, meeting=meeting, partners=partners)
    if form.is_valid():
        attendance = form.save(commit=False)
        attendance.meeting = meeting
        require_perm(request.user, "governance.record_attendance", attendance)
        try:
            services.record_attendance(attendance=attendance, recorded_by=request.user)
        except services.GovernanceError as error:  # recorded by another request meanwhile
            form.add_error(None, str(error))
            context = _meeting_context(request, partnership, meeting, attendance_form=form)
            return render(request, "governance/meeting.html", context, status=409)
        messages.success(request, _("Attendance recorded."))
        return redirect("governance:meeting", code=partnership.code, pk=meeting.pk)
    if not partners.exists() and not request.user.has_perm(MANAGE, partnership):
        require_perm(request.user, MANAGE, partnership)
    context = _meeting_context(request, partnership, meeting, attendance_form=form)
    return render(request, "governance/meeting.html", context, status=400)


@login_required
@require_POST
def attendance_members(request, code, pk):
    """Record the attendance of the body's members in one save, as the pre-filled form says."""
    partnership = get_partnership(request.user, code, VIEW)
    partners = _attendance_partners(request, partnership)
    if not partners.exists():
        require_perm(request.user, MANAGE, partnership)
    with transaction.atomic():
        # The meeting's row lock makes two saves of the same list one after the other.
        meeting = get_record(partnership, Meeting.objects.select_for_update(), pk=pk)
        attendances = list(meeting.attendances.all())
        members = _unrecorded_members(request, meeting, attendances, partners)
        form = MembersAttendanceForm(request.POST, meeting=meeting, members=members)
        if form.is_valid():
            for attendance in form.attendances():
                attendance.recorded_by = request.user
                require_perm(request.user, "governance.record_attendance", attendance)
                attendance.save()
            recompute.inputs_changed(partnership.pk)
            messages.success(request, _("Attendance recorded."))
            return redirect("governance:meeting", code=partnership.code, pk=meeting.pk)
    context = _meeting_context(request, partnership, meeting, members_form=form)
    return render(request, "governance/meeting.html", context, status=400)


@login_required
@require_POST
def document_add(request, code, pk):
    partnership = get_partnership(request.user, code, MANAGE)
    meeting = _meeting(partnership, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.save(commit=False)
        document.meeting = meeting
        document.uploaded_by = request.user
        document.save()
        messages.success(request, _("Document added."))
        return redirect("governance:meeting", code=partnership.code, pk=meeting.pk)
    context = _meeting_context(request, partnership, meeting, document_form=form)
    return render(request, "governance/meeting.html", context, status=400)


@login_required
def document_download(request, code, pk):
    partnership = get_partnership(request.user, code, VIEW)
    document = get_record(
        partnership,
        MeetingDocument.objects.select_related("meeting"),
        path="meeting__partnership",
        pk=pk,
    )
    return file_response(
        document.file, document.file.name.rsplit("/", 1)[-1], document.content_type
    )


@login_required
def meeting_calendar(request, code):
    """The partnership's meetings as an iCalendar file for calendar programs."""
    partnership = get_partnership(request.user, code, VIEW)
    events = []
    host = request.get_host().split(":")[0]
    for meeting in Meeting.objects.filter(partnership=partnership).order_by("starts_at"):
        url = request.build_absolute_uri(
            reverse("governance:meeting", args=[partnership.code, meeting.pk])
        )
        description = "\n\n".join(
            part for part in (meeting.agenda, meeting.online_link, url) if part
        )
        events.append(
            CalendarEvent(
                uid=f"meeting-{meeting.pk}-{partnership.code.lower()}@{host}",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at or meeting.starts_at + dt.timedelta(hours=2),
                summary=meeting.title,
                location=meeting.place or meeting.online_link,
                url=url,
                description=description,
                stamp=meeting.updated_at,
            )
        )
    response = HttpResponse(
        calendar(events, f"{partnership.code} — {partnership.title}"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{partnership.code}-rapat.ics"'
    return response


@login_required
def decision_list(request, code):
    partnership = get_partnership(request.user, code, VIEW)
    today = timezone.localdate()
    decisions = _decisions(partnership)
    show = request.GET.get("show", "open")
    if show == "open":
        decisions = decisions.open()
    elif show == "overdue":
        decisions = decisions.overdue(today)
    page = paginate(request, decisions.order_by("due_date", "pk"))
    return render(
        request,
        "governance/decisions.html",
        {
            "partnership": partnership,
            "page": page,
            "decisions": _with_progress(request.user, partnership, page.object_list),
            "show": show,
            "today": today,
            "overdue_count": _decisions(partnership).overdue(today).count(),
            "can_manage": request.user.has_perm(MANAGE, partnership),
        },
    )


@login_required
def decision_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, MANAGE)
    decision = get_record(partnership, Decision.objects, pk=pk) if pk else None
    initial = {}
    if decision is None and request.GET.get("meeting", "").isdigit():
        initial["meeting"] = request.GET["meeting"]
    form = DecisionForm(
        request.POST or None, instance=decision, partnership=partnership, initial=initial
    )
    context = {"partnership": partnership, "form": form, "title": _("Decision")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "governance/form.html", context):
                return conflict
            decision = form.save(commit=False)
            decision.partnership = partnership
            decision.save()
            recompute.inputs_changed(partnership.pk)
        messages.success(request, _("Decision saved."))
        if decision.meeting_id:
            return redirect("governance:meeting", code=partnership.code, pk=decision.meeting_id)
        return redirect("governance:decisions", code=partnership.code)
    return render(request, "governance/form.html", context)


@login_required
def decision_progress(request, code, pk):
    """A decision's progress (status, the day it was done), recorded by its responsible
    partner or the coordinator; with the version check of every edit page."""
    partnership = get_partnership(request.user, code, VIEW)
    decision = get_record(
        partnership, Decision.objects.select_related("owner__organisation", "meeting"), pk=pk
    )
    require_perm(request.user, PROGRESS, decision)
    form = DecisionProgressForm(request.POST or None, instance=decision)
    context = {
        "partnership": partnership,
        "decision": decision,
        "form": form,
        "today": timezone.localdate(),
        "can_manage": request.user.has_perm(MANAGE, partnership),
    }
    status = 200
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(
                request, form, "governance/decision_progress.html", context
            ):
                return conflict
            try:
                services.record_progress(
                    decision=decision,
                    status=form.cleaned_data["status"],
                    done_on=form.cleaned_data["done_on"],
                    recorded_by=request.user,
                )
            except services.GovernanceError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Progress saved."))
                return redirect("governance:decisions", code=partnership.code)
    elif request.method == "POST":
        status = 400
    return render(request, "governance/decision_progress.html", context, status=status)
