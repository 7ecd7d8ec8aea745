"""The gate checks of Scoping and Identifying whose data this app holds."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .models import Need, ProblemStatement, SuitabilityCheck
from .selectors import assessments_with_conflicts
from .wishes import NeedInput, need_status


@gates.check(Phase.SCOPING, "problem_statement", order=10)
def has_problem_statement(partnership) -> gates.Check:
    problem = ProblemStatement.objects.filter(partnership=partnership).first()
    passed = problem is not None and bool(problem.statement.strip())
    return gates.Check(
        passed=passed,
        message=_("A problem statement (now: written).")
        if passed
        else _("A problem statement (now: none)."),
    )


@gates.check(Phase.SCOPING, "evidence_backed_need", order=20)
def has_evidence_backed_need(partnership) -> gates.Check:
    needs = Need.objects.filter(partnership=partnership).prefetch_related("evidence")
    statuses = [
        need_status(
            NeedInput(evidence_count=len(n.evidence.all()), drivers=tuple(n.declared_drivers))
        )
        for n in needs
    ]
    verified = sum(1 for s in statuses if s.verified)
    now = ngettext(
        "now %(verified)d of %(total)d need",
        "now %(verified)d of %(total)d needs",
        len(statuses),
    ) % {"verified": verified, "total": len(statuses)}
    return gates.Check(
        passed=verified >= 1,
        message=_("At least one need backed by evidence and not flagged as a wish (%(now)s).")
        % {"now": now},
    )


@gates.check(Phase.SCOPING, "suitability_answered", order=30)
def suitability_answered(partnership) -> gates.Check:
    check = SuitabilityCheck.objects.filter(partnership=partnership).first()
    if check is None:
        return gates.Check(
            passed=False, message=_("The suitability check answered (now: not answered).")
        )
    return gates.Check(
        passed=True,
        message=_("The suitability check answered (recommendation: %(recommendation)s).")
        % {"recommendation": check.get_recommendation_display()},
    )


@gates.check(Phase.IDENTIFYING, "assessed_without_conflict", order=20)
def confirmed_partners_assessed_without_conflict(partnership) -> gates.Check:
    partners = list(partnership.confirmed_partners())
    assessed = assessments_with_conflicts(partners)
    missing = [
        p.organisation.name
        for p in partners
        if not any(
            item.assessment.is_submitted and not item.conflict.conflicted
            for item in assessed.get(p.pk, [])
        )
    ]
    if not partners:
        return gates.Check(
            passed=False,
            message=_(
                "Each confirmed partner assessed by an assessor without a conflict of interest "
                "(now: no confirmed partner)."
            ),
        )
    if missing:
        return gates.Check(
            passed=False,
            message=_(
                "Each confirmed partner assessed by an assessor without a conflict of interest "
                "(not yet: %(names)s)."
            )
            % {"names": ", ".join(missing)},
        )
    return gates.Check(
        passed=True,
        message=_(
            "Each confirmed partner assessed by an assessor without a conflict of interest "
            "(now: all %(n)d)."
        )
        % {"n": len(partners)},
    )
