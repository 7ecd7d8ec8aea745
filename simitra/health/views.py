import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.csv_cells import cell
from simitra.lib.pagination import paginate
from simitra.lib.views import refused
from simitra.partnerships.access import get_partnership, get_record

from . import closing, services
from .charts import results_chart
from .forms import AnswerForm, QuestionForm, RoundForm
from .models import HealthCheckRound, HealthQuestion, HealthResponse
from .selectors import results_for, round_participation


def _round(partnership, pk) -> HealthCheckRound:
    return get_record(
        partnership, HealthCheckRound.objects.select_related("opened_by", "closed_by"), pk=pk
    )


@login_required
def panel(request, code):
    """The health-check rounds of a partnership (the panel of phase tab 6, or a page)."""
    partnership = get_partnership(request.user, code)
    context = {"partnership": partnership, "can_view": False}
    if request.user.has_perm("health.view_healthcheck", partnership):
        rounds = partnership.health_rounds.annotate(
            partners_answered=Count("responses__partner", distinct=True)
        ).order_by("-opened_at", "-pk")
        page = paginate(request, rounds, per_page=10)
        latest_closed = partnership.health_rounds.closed().first()
        open_round = partnership.health_rounds.open().first()
        context.update(
            can_view=True,
            page=page,
            rounds=page.object_list,
            open_round=open_round,
            latest_closed=latest_closed,
            latest_results=results_for(latest_closed) if latest_closed else None,
            can_manage=request.user.has_perm("health.manage_healthcheck", partnership),
            can_answer=request.user.has_perm("health.answer_healthcheck", partnership),
            answered=open_round is not None
            and open_round.responses.filter(respondent=request.user).exists(),
        )
    template = "health/panel.html#panel" if request.htmx else "health/panel.html"
    # A full page the user may not read says so with 403 (a panel inside a page they may read,
    # fetched by htmx, says it in the panel).
    status = 200 if context["can_view"] or request.htmx else 403
    return render(request, template, context, status=status)


@login_required
def round_open(request, code):
    partnership = get_partnership(request.user, code, "health.manage_healthcheck")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            health_round = services.open_round(
                partnership=partnership,
                opened_by=request.user,
                title=form.cleaned_data["title"],
                anonymous=form.cleaned_data["anonymous"],
                due_date=form.cleaned_data["due_date"],
                introduction=form.cleaned_data["introduction"],
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Round opened. The partners can answer now."))
            return redirect(health_round)
    return render(request, "health/round_form.html", {"partnership": partnership, "form": form})


@login_required
def round_edit(request, code, pk):
    partnership = get_partnership(request.user, code, "health.manage_healthcheck")
    health_round = _round(partnership, pk)
    form = RoundForm(request.POST or None, instance=health_round)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(
                health_round=health_round,
                title=form.cleaned_data["title"],
                anonymous=form.cleaned_data["anonymous"],
                due_date=form.cleaned_data["due_date"],
                introduction=form.cleaned_data["introduction"],
            )
        except services.ReviewError as error:
            form.add_error("anonymous", str(error))
        else:
            messages.success(request, _("Round saved."))
            return redirect(health_round)
    return render(
        request,
        "health/round_form.html",
        {"partnership": partnership, "form": form, "health_round": health_round},
    )


def _round_page(request, partnership, health_round, question_form=None, status=200):
    user = request.user
    can_manage = user.has_perm("health.manage_healthcheck", partnership)
    results = results_for(health_round)
    participation = round_participation(health_round)
    context = {
        "partnership": partnership,
        "health_round": health_round,
        "results": results,
        "chart": results_chart(results) if results.shown else None,
        "can_manage": can_manage,
        "can_answer": health_round.is_open
        and user.has_perm("health.answer_healthcheck", partnership),
        "answered_count": sum(1 for row in participation if row["answered"]),
        "expected_count": len(participation),
        # Who answered is shown to all readers of a named round; in an anonymous round only the
        # coordinator sees it (to remind those missing), everyone else sees counts.
        "participation": participation if can_manage or not health_round.anonymous else None,
        "questions": health_round.questions.all(),
        "questions_editable": can_manage
        and health_round.is_open
        and not health_round.responses.exists(),
        "question_form": question_form or QuestionForm(),
        "partner_columns": [],
    }
    if results.shown and not health_round.anonymous:
        context["partner_columns"] = [row["partner"] for row in participation if row["answered"]]
        context["partner_rows"] = [
            (question, [question.partner_means.get(p.pk) for p in context["partner_columns"]])
            for question in results.questions
        ]
    if context["can_answer"]:
        context["my_response"] = health_round.responses.filter(respondent=user).first()
    return render(request, "health/round.html", context, status=status)


@login_required
def round_detail(request, code, pk):
    partnership = get_partnership(request.user, code, "health.view_healthcheck")
    return _round_page(request, partnership, _round(partnership, pk))


@login_required
@require_POST
def question_add(request, code, pk):
    partnership = get_partnership(request.user, code, "health.manage_healthcheck")
    health_round = _round(partnership, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(health_round=health_round, text=form.cleaned_data["text"])
        except services.ReviewError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Question added."))
            return redirect(health_round)
    return _round_page(request, partnership, health_round, question_form=form)


@login_required
@require_POST
def question_remove(request, code, pk, question_id):
    partnership = get_partnership(request.user, code, "health.manage_healthcheck")
    health_round = _round(partnership, pk)
    question = get_object_or_404(HealthQuestion, pk=question_id, round=health_round)
    try:
        services.remove_question(question=question)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Question removed."))
    return redirect(health_round)


@login_required
@require_POST
def round_close(request, code, pk):
    partnership = get_partnership(request.user, code, "health.manage_healthcheck")
    health_round = _round(partnership, pk)
    try:
        health_round = services.close_round(health_round=health_round, closed_by=request.user)
    except services.ReviewError as error:  # closed meanwhile (another request, an old page)
        return refused(request, str(error), health_round.get_absolute_url())
    closing.round_closed(partnership)  # the early warning's health signals read closed rounds
    if health_round.completed:
        messages.success(request, _("Round closed and completed: every partner answered."))
    else:
        messages.warning(
            request,
            _("Round closed, but not completed: not every confirmed partner answered."),
        )
    return redirect(health_round)


@login_required
def answer(request, code, pk):
    partnership = get_partnership(request.user, code, "health.answer_healthcheck")
    health_round = _round(partnership, pk)
    if not health_round.is_open:
        messages.error(
            request, _("This round is closed: answers can no longer be given or changed.")
        )
        return redirect(health_round)
    partners = services.partners_user_may_answer_for(health_round, request.user)
    if not partners:  # a platform admin may do everything, but answers only for a partner
        raise PermissionDenied
    response = (
        HealthResponse.objects.filter(
            round=health_round, partner=partners[0], respondent=request.user
        )
        .prefetch_related("answers")
        .first()
    )
    form = AnswerForm(
        request.POST or None,
        questions=health_round.questions.all(),
        partners=partners,
        response=response,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answers(
                health_round=health_round,
                partner=form.chosen_partner(),
                respondent=request.user,
                answers=form.answers(),
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect(health_round)
    return render(
        request,
        "health/answer.html",
        {"partnership": partnership, "health_round": health_round, "form": form},
    )


@login_required
def export(request, code, pk):
    """The round's results as CSV: over all partners, plus each partner's mean in a named round."""
    partnership = get_partnership(request.user, code, "health.view_healthcheck")
    health_round = _round(partnership, pk)
    results = results_for(health_round)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = slugify(f"{partnership.code}-{health_round.title}") or "health-check"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    if not results.shown:
        writer.writerow([cell(results.withheld_reason)])
        return response
    partners = []
    if not health_round.anonymous:
        partners = [row["partner"] for row in round_participation(health_round) if row["answered"]]
    writer.writerow(
        [
            _("Question"),
            _("Partners answered"),
            _("Mean"),
            _("Lowest partner mean"),
            _("Highest partner mean"),
            _("Disagreement (range)"),
            _("Previous mean"),
            _("Trend"),
            _("Called out"),
        ]
        + [cell(p.organisation.name) for p in partners]
    )
    for question in results.questions:
        writer.writerow(
            [
                cell(question.label),
                question.partners,
                cell(question.mean),
                cell(question.lowest),
                cell(question.highest),
                cell(question.disagreement),
                cell(question.previous_mean),
                cell(question.trend),
                cell(" ".join(flag.message for flag in question.flags)),
            ]
            + [cell(question.partner_means.get(p.pk)) for p in partners]
        )
    return response
