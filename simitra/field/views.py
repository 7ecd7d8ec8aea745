import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from simitra.governance import services as governance
from simitra.governance.forms import PROGRESS_STATUSES, AttendanceForm, DecisionProgressForm
from simitra.governance.models import Attendance, Decision, Meeting
from simitra.health import services as health
from simitra.health.forms import AnswerForm
from simitra.health.models import HealthCheckRound
from simitra.lib.access import require_perm
from simitra.partnerships.access import get_partnership, get_record
from simitra.partnerships.models import Partner, PartnerStatus
from simitra.resources import services as resources
from simitra.resources.forms import DeliveryForm
from simitra.resources.models import Pledge
from simitra.results import services as results
from simitra.results.forms import ValueForm
from simitra.results.models import Indicator

from . import services
from .models import Submission
from .reference import messages_in_both_languages, reference_lists

# What the service worker keeps for working offline: the page's look and scripts.
SHELL = [
    "bootstrap/css/bootstrap.min.css",
    "css/simitra.css",
    "img/simitra.svg",
    "bootstrap/js/bootstrap.bundle.min.js",
    "django_htmx/htmx-2.min.js",
    "js/simitra.js",
    "field/vendor/dexie/dexie.min.js",
    "field/outbox.js",
    "field/tasks.js",
    "field/field.css",
    "field/icons/icon-192.png",
]


@login_required
def tasks(request):
    return render(
        request,
        "field/tasks.html",
        {
            "progress_statuses": [
                (value, label)
                for value, label in Decision.Status.choices
                if value in PROGRESS_STATUSES
            ],
            "attendance_statuses": Attendance.Status.choices,
        },
    )


@login_required
@never_cache
@require_GET
def reference(request):
    """The reference lists for the user's device (only what they may record against)."""
    return JsonResponse(
        {
            **reference_lists(request.user),
            "user": request.user.pk,
            "user_name": request.user.get_full_name() or request.user.get_username(),
            "messages": messages_in_both_languages(),
        }
    )


@require_GET
def manifest(request):
    return JsonResponse(
        {
            "name": "Simitra — " + _("Partnership Information System"),
            "short_name": "Simitra",
            "description": _("Record deliveries and indicator values, also without a signal."),
            "start_url": reverse("field:tasks"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0f6b5c",
            "lang": request.LANGUAGE_CODE,
            "icons": [
                {
                    "src": static(f"field/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any",
                }
                for size in (192, 512)
            ],
        },
        content_type="application/manifest+json",
    )


@require_GET
def service_worker(request):
    """Served from the site's root so that it may control every page; the release and the
    shell's (hashed) file names are in its text, so a new release changes its bytes and the
    browser installs it and drops the old caches."""
    config = {
        "release": settings.SIMITRA_RELEASE,
        "shell": [static(path) for path in SHELL],
        "pages": [reverse("field:tasks"), reverse("field:reference")],
        "tasks": reverse("field:tasks"),
    }
    text = render(request, "field/sw.js", {"config": json.dumps(config)}).content
    response = HttpResponse(text, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def _errors(form) -> dict:
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def _invalid(form):
    errors = _errors(form)
    first = next(iter(errors.values()))[0]
    return services.Refused(400, first, errors)


def _guarded(call):
    """The rules layer's refusals as the device's answers: 404 keeps a partnership the user
    may not see unseen, 403 says they may read but not write it."""
    try:
        return call()
    except Http404 as error:
        raise services.Refused(404, _("This partnership or record is not open to you.")) from error
    except PermissionDenied as error:
        raise services.Refused(
            403, _("You may read this partnership but not record in it.")
        ) from error


def _record_delivery(request) -> dict:
    def record():
        partnership = get_partnership(
            request.user, request.POST.get("partnership", ""), "resources.view_pledges"
        )
        pledge = get_record(partnership, Pledge, pk=_pk(request.POST.get("pledge")))
        require_perm(request.user, "resources.add_delivery", pledge)
        return partnership, pledge

    partnership, pledge = _guarded(record)
    form = DeliveryForm(request.POST, request.FILES, pledge=pledge)
    if not form.is_valid():
        raise _invalid(form)
    delivery = form.save(commit=False)
    delivery.pledge = pledge
    try:
        resources.record_delivery(delivery=delivery, recorded_by=request.user)
    except resources.PledgeError as error:
        raise services.Refused(409, str(error)) from error
    return {"message": _("Delivery recorded."), "id": delivery.pk, "url": pledge.get_absolute_url()}


def _record_value(request) -> dict:
    def record():
        partnership = get_partnership(
            request.user, request.POST.get("partnership", ""), "results.view_results"
        )
        indicator = get_record(partnership, Indicator, pk=_pk(request.POST.get("indicator")))
        require_perm(request.user, "results.enter_value", indicator)
        return partnership, indicator

    partnership, indicator = _guarded(record)
    form = ValueForm(request.POST, request.FILES, indicator=indicator)
    if not form.is_valid():
        raise _invalid(form)
    try:
        value = results.save_value(
            value=form.save(commit=False), indicator=indicator, entered_by=request.user
        )
    except results.FlowError as error:
        raise services.Refused(409, str(error)) from error
    return {
        "message": _("Value saved as a draft. Submit it when it is final."),
        "id": value.pk,
        "url": reverse("results:indicator", args=[partnership.code, indicator.pk]),
    }


def _answer_health_check(request) -> dict:
    def record():
        partnership = get_partnership(
            request.user, request.POST.get("partnership", ""), "health.answer_healthcheck"
        )
        health_round = get_record(partnership, HealthCheckRound, pk=_pk(request.POST.get("round")))
        partners = health.partners_user_may_answer_for(health_round, request.user)
        if not partners:  # a platform admin may do everything, but answers only for a partner
            raise PermissionDenied
        return health_round, partners

    health_round, partners = _guarded(record)
    form = AnswerForm(request.POST, questions=health_round.questions.all(), partners=partners)
    if not form.is_valid():
        raise _invalid(form)
    try:
        response = health.submit_answers(
            health_round=health_round,
            partner=form.chosen_partner(),
            respondent=request.user,
            answers=form.answers(),
        )
    except health.ReviewError as error:
        raise services.Refused(409, str(error)) from error
    return {
        "message": _("Thank you: your answers are saved."),
        "id": response.pk,
        "url": health_round.get_absolute_url(),
    }


def _record_decision_progress(request) -> dict:
    def record():
        partnership = get_partnership(
            request.user, request.POST.get("partnership", ""), "governance.view_governance"
        )
        decision = get_record(
            partnership,
            Decision.objects.select_related("owner"),
            pk=_pk(request.POST.get("decision")),
        )
        require_perm(request.user, "governance.progress_decision", decision)
        return partnership, decision

    partnership, decision = _guarded(record)
    form = DecisionProgressForm(request.POST, instance=decision)
    if not form.is_valid():
        raise _invalid(form)
    try:
        governance.record_progress(
            decision=decision,
            status=form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
            recorded_by=request.user,
            # The version the device's lists carried: a decision changed since is refused.
            seen_version=request.POST.get("seen_version", ""),
        )
    except governance.GovernanceError as error:
        raise services.Refused(409, str(error)) from error
    return {
        "message": _("Progress saved."),
        "id": decision.pk,
        "url": reverse("governance:decisions", args=[partnership.code]),
    }


def _record_attendance(request) -> dict:
    """The attendance of someone of the user's own partner (never another partner's, nor a
    guest's, also for a coordinator: on the device each records for their own organisation)."""

    def record():
        partnership = get_partnership(
            request.user, request.POST.get("partnership", ""), "governance.view_governance"
        )
        meeting = get_record(
            partnership, Meeting.objects.select_related("body"), pk=_pk(request.POST.get("meeting"))
        )
        partners = Partner.objects.filter(
            partnership=partnership,
            status=PartnerStatus.CONFIRMED,
            organisation_id__in=request.user.organisation_ids(),
        ).select_related("organisation")
        if not partners.exists():
            raise PermissionDenied
        return partnership, meeting, partners

    partnership, meeting, partners = _guarded(record)
    data = request.POST.copy()
    if not data.get("partner") and len(partners) == 1:
        data["partner"] = str(partners[0].pk)  # the user's one partner, said or not
    form = AttendanceForm(data, meeting=meeting, partners=partners)
    form.fields["partner"].required = True
    if not form.is_valid():
        raise _invalid(form)
    attendance = form.save(commit=False)
    attendance.meeting = meeting
    _guarded(lambda: require_perm(request.user, "governance.record_attendance", attendance))
    try:
        governance.record_attendance(attendance=attendance, recorded_by=request.user)
    except governance.GovernanceError as error:
        raise services.Refused(409, str(error)) from error
    return {
        "message": _("Attendance recorded."),
        "id": attendance.pk,
        "url": reverse("governance:meeting", args=[partnership.code, meeting.pk]),
    }


def _pk(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError) as error:
        raise Http404 from error


RECORDERS = {
    Submission.Kind.DELIVERY: _record_delivery,
    Submission.Kind.VALUE: _record_value,
    Submission.Kind.HEALTH: _answer_health_check,
    Submission.Kind.DECISION: _record_decision_progress,
    Submission.Kind.ATTENDANCE: _record_attendance,
}


@login_required
@require_POST
def send(request, kind):
    """One entry from the outbox. Answers JSON: 200 with the first answer (also to a repeat
    of the same key), else the refusal's status and message, which the device keeps."""
    if kind not in RECORDERS:
        raise Http404
    try:
        answer = services.submit_once(
            user=request.user,
            key=request.POST.get("key", ""),
            kind=kind,
            record=lambda: RECORDERS[kind](request),
        )
    except services.Refused as refusal:
        return JsonResponse(refusal.answer(), status=refusal.status)
    return JsonResponse(answer)
