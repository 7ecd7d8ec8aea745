"""What each phase of the cycle is for, in the seed's words, shown on the partnership page."""

from django.utils.translation import gettext_lazy as _

from .models import Phase

PHASE_WORK = {
    Phase.SCOPING: _(
        "Define the problem together: the problem statement and its map (causes, core problem, "
        "effects), needs backed by evidence and told apart from wishes, solution options, and "
        "whether a partnership is the right tool at all."
    ),
    Phase.IDENTIFYING: _(
        "Choose partners objectively: search candidates, assess each on capacity, quality, "
        "integrity and commitment, declare conflicts of interest and special relationships, map "
        "the stakeholders and put the right people in the right roles."
    ),
    Phase.BUILDING: _(
        "Map what every partner contributes in the five categories and draw up a detailed, "
        "clear action plan: who does what, when, with which budget and deliverable."
    ),
    Phase.AGREEING: _(
        "Agree in a memorandum of understanding (and specific cooperation agreements where "
        "needed), signed by every party — only once the action plan is ready."
    ),
    Phase.MANAGING: _(
        "Run the partnership: governance bodies and meetings, jointly agreed indicators with "
        "periodic values, contributions delivered, activities progressed and risks shared."
    ),
    Phase.REVIEWING: _(
        "Evaluate against the plan and indicators, check the health of the partnership itself "
        "with every partner, and revise the plan and agreements."
    ),
    Phase.SUSTAINING: _(
        "Plan what continues after the partnership, capture lessons learned and share practices "
        "others can replicate."
    ),
}

PHASE_GATE = {
    Phase.SCOPING: _(
        "A problem statement, at least one evidence-backed need, the suitability check answered."
    ),
    Phase.IDENTIFYING: _(
        "At least 2 confirmed partners from at least 2 sectors, each assessed by an assessor without a conflict."
    ),
    Phase.BUILDING: _(
        "Every confirmed partner has a contribution; the action plan passes its readiness check."
    ),
    Phase.AGREEING: _("The MoU signed by every confirmed partner."),
    Phase.MANAGING: _("At least one reporting period of approved indicator values."),
    Phase.REVIEWING: _("A completed health check and an evaluation."),
    Phase.SUSTAINING: _("No gate: the partnership ends as completed or terminated with a reason."),
}
