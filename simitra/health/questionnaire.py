"""The built-in health-check questionnaire: what every partner rates in every round.

Each dimension is a statement rated from 1 (strongly disagree) to 5 (strongly agree). They follow
the seed: the three principles of partnership (equity, transparency, mutual benefit), the three
elements of a genuine partnership (a co-created initiative, balanced contribution, shared risk),
and how the partners work together.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    EQUITY = "equity", _("Equity")
    TRANSPARENCY = "transparency", _("Transparency")
    MUTUAL_BENEFIT = "mutual_benefit", _("Mutual benefit")
    CO_CREATED = "co_created", _("Co-created initiative")
    BALANCED_CONTRIBUTION = "balanced_contribution", _("Balanced contribution")
    SHARED_RISK = "shared_risk", _("Shared risk")
    COMMUNICATION = "communication", _("Communication")
    TRUST = "trust", _("Trust")
    GOVERNANCE = "governance", _("Governance")
    VALUE = "value", _("Value for my organisation")


STATEMENTS = {
    Dimension.EQUITY: _(
        "Every partner's voice carries weight in our decisions, whatever its size or its money."
    ),
    Dimension.TRANSPARENCY: _(
        "Partners share information on plans, money and problems openly and in good time."
    ),
    Dimension.MUTUAL_BENEFIT: _("The partnership brings benefits to every partner, not to a few."),
    Dimension.CO_CREATED: _(
        "The initiative was shaped together: my organisation's ideas are part of it."
    ),
    Dimension.BALANCED_CONTRIBUTION: _("Every partner contributes and takes part in a fair share."),
    Dimension.SHARED_RISK: _(
        "When difficulties come, all partners carry the losses together, not one alone."
    ),
    Dimension.COMMUNICATION: _(
        "Communication between partners is clear, regular and reaches the right people."
    ),
    Dimension.TRUST: _("I trust the other partners to do what they have committed to."),
    Dimension.GOVERNANCE: _(
        "Meetings, roles and decisions work: decisions are taken and followed up."
    ),
    Dimension.VALUE: _("Taking part is worth my organisation's time and resources."),
}

GROUPS = [
    (
        _("The principles"),
        [Dimension.EQUITY, Dimension.TRANSPARENCY, Dimension.MUTUAL_BENEFIT],
    ),
    (
        _("The three elements"),
        [Dimension.CO_CREATED, Dimension.BALANCED_CONTRIBUTION, Dimension.SHARED_RISK],
    ),
    (
        _("Working together"),
        [Dimension.COMMUNICATION, Dimension.TRUST, Dimension.GOVERNANCE, Dimension.VALUE],
    ),
]

SCALE = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]

BUILT_IN_ORDER = [dimension for _group, dimensions in GROUPS for dimension in dimensions]
