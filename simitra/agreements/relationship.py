"""Is a partner's relationship transactional (a sub-contract) or collaborative (mutual
contribution)? The seed asks the partners to understand which it is; this suggests one.

A pure function: `suggest_relationship(facts)`.

* nothing pledged and nothing received → undetermined;
* it receives payment for its services and pledges nothing of its own → transactional;
* it receives payment and its own pledges are worth less than ``MIN_OWN_SHARE`` (10 %) of
  what it receives → transactional;
* otherwise (it contributes of its own) → collaborative.

"Payment received" is the value of other partners' contributions marked as paying for this
partner's services.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simitra.lib.money import format_money

MIN_OWN_SHARE = Decimal("0.1")
UNDETERMINED = "undetermined"
TRANSACTIONAL = "transactional"
COLLABORATIVE = "collaborative"


@dataclass(frozen=True)
class RelationshipFacts:
    partner_id: int
    name: str
    own_pledges: int
    own_value: Decimal
    payments_received: Decimal
    currency: str = "IDR"


@dataclass(frozen=True)
class Suggestion:
    kind: str
    reason: str


def suggest_relationship(facts: RelationshipFacts) -> Suggestion:
    money = {
        "name": facts.name,
        "received": format_money(facts.payments_received, facts.currency),
        "own": format_money(facts.own_value, facts.currency),
        "n": facts.own_pledges,
    }
    money["pledges"] = ngettext("%(n)d pledge", "%(n)d pledges", facts.own_pledges) % money
    if facts.own_pledges == 0 and facts.payments_received <= 0:
        return Suggestion(
            UNDETERMINED, _("%(name)s has no contributions or payments recorded yet.") % money
        )
    if facts.own_pledges == 0:
        return Suggestion(
            TRANSACTIONAL,
            _(
                "%(name)s only receives payment for its services (%(received)s) and contributes "
                "nothing of its own: a sub-contract."
            )
            % money,
        )
    if facts.payments_received > 0 and facts.own_value < MIN_OWN_SHARE * facts.payments_received:
        return Suggestion(
            TRANSACTIONAL,
            _(
                "%(name)s receives %(received)s for its services and contributes only %(own)s of "
                "its own (less than a tenth): mostly a sub-contract."
            )
            % money,
        )
    if facts.payments_received > 0:
        return Suggestion(
            COLLABORATIVE,
            _(
                "%(name)s contributes %(own)s of its own (%(pledges)s) besides the %(received)s "
                "it receives for its services."
            )
            % money,
        )
    return Suggestion(
        COLLABORATIVE,
        _("%(name)s contributes of its own (%(pledges)s worth %(own)s) and is paid nothing.")
        % money,
    )
