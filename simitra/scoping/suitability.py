"""The suitability check: is a partnership the right tool here, or a contract, or one actor?

Answers are "yes", "no" or "unsure" to four questions:

    A  can one actor solve the problem alone?
    B  do the parties share an interest in solving it?
    C  does each party bring something the others lack?
    D  would a contract (buying a service) be enough?

Rules, first match wins:

    A = yes                       → single actor
    D = yes                       → contract
    B = yes ∧ C = yes             → partnership
    otherwise                     → contract

"unsure" never counts as yes: a partnership needs a confident yes to both B and C, and every
"unsure" answer is named in the reasons so it can be settled before relying on the result.
Pure: no ORM inside.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

QUESTIONS = ("single_actor", "shared_interest", "complementary", "contract_enough")
ANSWERS = ("yes", "no", "unsure")

QUESTION_TEXT = {
    "single_actor": _("Can one actor solve the problem alone?"),
    "shared_interest": _("Do the parties share an interest in solving it?"),
    "complementary": _("Does each party bring something the others lack?"),
    "contract_enough": _("Would a contract (buying a service) be enough?"),
}


@dataclass(frozen=True)
class SuitabilityResult:
    recommendation: str  # "partnership" | "contract" | "single_actor"
    reasons: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # questions answered "unsure"


def recommend(answers: dict[str, str]) -> SuitabilityResult:
    missing = [q for q in QUESTIONS if answers.get(q) not in ANSWERS]
    if missing:
        raise ValueError(f"Unanswered or invalid: {missing}")
    a, b, c, d = (answers[q] for q in QUESTIONS)
    reasons: list[str] = []
    uncertain = [q for q in QUESTIONS if answers[q] == "unsure"]

    if a == "yes":
        recommendation = "single_actor"
        reasons.append(
            str(_("One actor can solve it alone: a partnership would add cost without reach."))
        )
    elif d == "yes":
        recommendation = "contract"
        reasons.append(str(_("A contract is enough: what is missing can be bought as a service.")))
        if b == "yes" and c == "yes":
            reasons.append(
                str(
                    _(
                        "The parties do share an interest and complement each other: revisit "
                        "this if the work turns out to need more than a service."
                    )
                )
            )
    elif b == "yes" and c == "yes":
        recommendation = "partnership"
        reasons.append(str(_("No actor can solve it alone and a contract is not enough.")))
        reasons.append(
            str(_("The parties share an interest and each brings something the others lack."))
        )
    else:
        recommendation = "contract"
        if b != "yes":
            reasons.append(
                str(
                    _(
                        "Without a confirmed shared interest, parties engage better through a "
                        "clear contract than by sharing risks."
                    )
                )
            )
        if c != "yes":
            reasons.append(
                str(
                    _(
                        "Without confirmed complementary contributions, the missing capacity "
                        "can be contracted rather than partnered for."
                    )
                )
            )
    for question in uncertain:
        reasons.append(
            str(_("Not sure: “%(question)s” — settle it before relying on this result."))
            % {"question": QUESTION_TEXT[question]}
        )
    return SuitabilityResult(recommendation=recommendation, reasons=reasons, uncertain=uncertain)
