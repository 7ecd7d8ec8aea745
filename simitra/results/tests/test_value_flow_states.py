"""Random interleavings of edit, submit, approve and return on one indicator value (a
hypothesis state machine over the services the pages and the API call), with edits made from
forms opened at any earlier moment, as two people's tabs would. The invariants: an approved
value never changes again; a submitted value changes only by being returned; an edit never
undoes a submission or an approval (it is refused instead)."""

import copy
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from simitra.results import services
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db

Status = IndicatorValue.Status
NUMBERS = st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False)


@pytest.fixture
def flow(world):
    indicator = make_indicator(world.partnership, world.partner_a, periods=1)
    return world, indicator, indicator.periods.get()


def test_random_interleavings_keep_the_values_flow(flow, figures):
    world, indicator, period = flow
    steps = {"refused": 0, "done": 0}

    class ValueFlow(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            IndicatorValue.objects.filter(period=period).delete()
            self.value = make_value(period, "5")
            self.opened = [copy.copy(self.value)]  # forms opened, each with what it showed
            self.frozen = None  # the number an approval fixed, or a submission holds

        def stored(self) -> IndicatorValue:
            return IndicatorValue.objects.get(pk=self.value.pk)

        def attempt(self, call) -> bool:
            try:
                call()
            except services.FlowError:
                steps["refused"] += 1
                return False
            steps["done"] += 1
            return True

        @rule()
        def open_a_form(self):
            self.opened.append(self.stored())

        @rule(which=st.integers(min_value=0), number=NUMBERS)
        def save_an_opened_form(self, which, number):
            form = copy.copy(self.opened[which % len(self.opened)])
            before = self.stored()
            form.value = number
            saved = self.attempt(
                lambda: services.save_value(
                    value=form, indicator=indicator, entered_by=world.partner_user
                )
            )
            after = self.stored()
            if before.status in (Status.SUBMITTED, Status.APPROVED):
                assert not saved and after.value == before.value
            assert after.status == before.status  # an edit never moves the flow

        @rule()
        def submit(self):
            if self.attempt(
                lambda: services.submit_value(value=self.value, submitted_by=world.partner_user)
            ):
                self.frozen = self.stored().value

        @rule()
        def approve(self):
            self.attempt(
                lambda: services.approve_value(value=self.value, reviewed_by=world.coordinator)
            )

        @rule()
        def give_back(self):
            if self.attempt(
                lambda: services.return_value(
                    value=self.value, reviewed_by=world.coordinator, reason="Periksa lagi"
                )
            ):
                self.frozen = None

        @invariant()
        def submitted_and_approved_values_hold_what_was_submitted(self):
            stored = self.stored()
            if stored.status in (Status.SUBMITTED, Status.APPROVED):
                assert stored.value == self.frozen
            if stored.status == Status.APPROVED:
                assert stored.reviewed_by == world.coordinator

    ValueFlow.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    ValueFlow.TestCase().runTest()
    figures(
        f"value flow: {steps['done'] + steps['refused']} random steps, "
        f"{steps['refused']} refused as the flow demands"
    )
    assert steps["done"] and steps["refused"]
    assert Decimal(0) <= Decimal(IndicatorValue.objects.get(period=period).value)
