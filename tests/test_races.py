"""Workflow steps raced by several requests at once take effect once.

Each test releases several requests for the same step together (threads behind a barrier, each
with its own database connection, through the whole request stack: middleware, views, API).
Exactly one wins; the others are refused with 409 and the page's or the API's message, never a
500; the history shows one change. Row locks are PostgreSQL's: on SQLite, whose writers queue
behind one lock, these tests are skipped (CI runs them on PostgreSQL). The number of races and
requests run is shown at the end of the output.
"""

import collections

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from simitra.agreements.models import AgreementParty
from simitra.agreements.services import submit_for_review
from simitra.agreements.testing import SIGNED_ON, approved_mou, make_mou
from simitra.lib.testing import at_once
from simitra.partnerships.models import Partnership, Phase
from simitra.partnerships.testing import build_world
from simitra.planning.testing import make_ready_plan
from simitra.resources.models import Pledge
from simitra.resources.testing import make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.services import submit_value
from simitra.results.testing import make_indicator, make_value

# Skipped by a mark, decided before the test's fixtures: skipped from a fixture, each test would
# still have its database set up and flushed (most of a second each) for nothing.
pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need PostgreSQL's row locks (CI runs them there)",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 4
RACES: collections.Counter = collections.Counter()


@pytest.fixture
def count_race(figures):
    def record(step: str, requests: int) -> None:
        RACES[step] += 1
        figures(f"race: {step}: {requests} requests at once, one change")

    return record


def _clients(user, count=THREADS, api=False):
    clients = []
    for _ in range(count):
        client = APIClient() if api else Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _statuses(responses) -> list[int]:
    return sorted(response.status_code for response in responses)


def test_two_moves_at_once_move_the_partnership_one_step(reference, count_race):
    world = build_world()
    code = world.partnership.code
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    moving = {"from_phase": Phase.SCOPING, "override_reason": "Mitra menyusul."}

    def move(n):
        if n < 2:
            return pages[n].post(reverse("partnerships:advance", args=[code]), moving)
        return apis[n - 2].post(f"/api/v1/partnerships/{code}/advance/", moving, format="json")

    responses = at_once(THREADS, move)
    winners = [r for r in responses if r.status_code in (200, 302)]
    assert len(winners) == 1, _statuses(responses)
    assert all(r.status_code == 409 for r in responses if r not in winners)
    partnership = Partnership.objects.get(pk=world.partnership.pk)
    assert partnership.phase == Phase.SCOPING + 1
    assert partnership.transitions.count() == 1
    count_race("advance a phase", THREADS)


def test_one_party_signed_at_once_is_signed_once(reference, count_race):
    world = build_world()
    world.pledges = make_ready_plan(world)
    mou = approved_mou(world)
    party = mou.parties.first()
    clients = _clients(world.coordinator)
    url = reverse("agreements:sign", args=[world.partnership.code, mou.pk, party.pk])
    signing = {"signatory_name": "Nama", "signatory_title": "Kepala", "signed_on": SIGNED_ON}

    responses = at_once(THREADS, lambda n: clients[n].post(url, signing))
    assert _statuses(responses) == [302] + [409] * (THREADS - 1)
    party = AgreementParty.objects.get(pk=party.pk)
    assert party.is_signed
    assert party.history.filter(signed_on__isnull=False).count() == 1
    count_race("sign for a party", THREADS)


def test_one_party_approved_at_once_is_approved_once(reference, count_race):
    world = build_world()
    world.pledges = make_ready_plan(world)
    mou = make_mou(world)
    submit_for_review(agreement=mou, submitted_by=world.coordinator)
    party = mou.parties.first()
    clients = _clients(world.coordinator, api=True)
    url = f"/api/v1/agreement-parties/{party.pk}/approve/"

    responses = at_once(THREADS, lambda n: clients[n].post(url, format="json"))
    assert _statuses(responses) == [200] + [409] * (THREADS - 1)
    assert all(r.json()["code"] == "workflow_refused" for r in responses if r.status_code == 409)
    party = AgreementParty.objects.get(pk=party.pk)
    assert party.history.filter(approved_at__isnull=False).count() == 1
    count_race("approve for a party", THREADS)


def test_an_edit_racing_a_submission_never_undoes_it(reference, count_race):
    world = build_world()
    indicator = make_indicator(world.partnership, world.partner_a, periods=5)
    clients = _clients(world.partner_user, 2, api=True)
    for period in indicator.periods.all():
        value = make_value(period, value="5")
        url = f"/api/v1/indicator-values/{value.pk}/"

        def step(n, url=url):
            if n == 0:
                return clients[0].patch(url, {"value": "7"}, format="json")
            return clients[1].post(f"{url}submit/", format="json")

        edit, submit = at_once(2, step)
        assert submit.status_code == 200, submit.content
        assert edit.status_code in (200, 409), edit.content
        value.refresh_from_db()
        assert value.status == IndicatorValue.Status.SUBMITTED
        # The edit counts if it came first, and is refused (not lost silently) if it came after.
        assert value.value == (7 if edit.status_code == 200 else 5)
        count_race("edit a value while it is submitted", 2)


def test_one_periods_value_created_at_once_is_created_once(reference, count_race):
    world = build_world()
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    indicator = make_indicator(world.partnership, world.partner_a)
    period = indicator.periods.first()
    clients = _clients(world.partner_user)
    url = reverse("results:value_add", args=[world.partnership.code, indicator.pk])

    def create(n):
        return clients[n].post(url, {"period": period.pk, "value": str(10 + n)})

    responses = at_once(THREADS, create)
    statuses = _statuses(responses)
    assert statuses.count(302) == 1 and 500 not in statuses, statuses
    # The others are refused with the form and its message: by the form's own check when the
    # winner's value was saved before they were validated, else by the database (409).
    for response in responses:
        if response.status_code != 302:
            assert response.status_code in (200, 409)
            assert "This period already has a value" in response.content.decode()
    assert IndicatorValue.objects.filter(period=period).count() == 1
    count_race("create a period's value", THREADS)


def test_deliveries_at_once_never_exceed_the_pledge(reference, count_race):
    world = build_world()
    pledge = make_pledge(world.partner_a, value=100_000_000)
    clients = _clients(world.partner_user, 8)
    url = reverse("resources:delivery_create", args=[world.partnership.code, pledge.pk])

    def deliver(n):
        return clients[n].post(
            url,
            {
                "delivered_on": "2025-06-30",
                "amount": "30000000",
                "evidence_url": f"https://bukti.example/{n}.pdf",
            },
        )

    statuses = _statuses(at_once(8, deliver))
    assert statuses == [302] * 3 + [409] * 5
    assert sum(d.amount for d in pledge.deliveries.all()) == 90_000_000
    count_race("deliver against one pledge", 8)


def test_two_edits_of_different_fields_at_once_both_count(reference, count_race):
    world = build_world()
    code = world.partnership.code
    clients = _clients(world.coordinator, 2, api=True)
    url = f"/api/v1/partnerships/{code}/"
    for round_ in range(5):
        changes = [{"title": f"Judul baru {round_}"}, {"summary": f"Ringkasan baru {round_}"}]
        responses = at_once(
            2, lambda n, changes=changes: clients[n].patch(url, changes[n], format="json")
        )
        assert [r.status_code for r in responses] == [200, 200], [r.content for r in responses]
        partnership = Partnership.objects.get(pk=world.partnership.pk)
        assert partnership.title == changes[0]["title"]
        assert partnership.summary == changes[1]["summary"]
        count_race("edit two fields of a partnership", 2)


def _candidate(world):
    from simitra.partnerships.testing import make_organisation, make_partner

    return make_partner(world.partnership, make_organisation("Koperasi Baru"), status="candidate")


def test_one_organisation_invited_at_once_is_invited_once(reference, count_race, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    partner = _candidate(world)
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    url = reverse("partnerships:partner_invite", args=[world.partnership.code, partner.pk])

    def invite(n):
        if n < 2:
            return pages[n].post(url, {"addresses": ""})
        return apis[n - 2].post(f"/api/v1/partners/{partner.pk}/invite/", {}, format="json")

    responses = at_once(THREADS, invite)
    winners = [r for r in responses if r.status_code in (200, 302)]
    assert len(winners) == 1, _statuses(responses)
    assert all(r.status_code == 409 for r in responses if r not in winners)
    partner.refresh_from_db()
    assert partner.status == "invited"
    assert partner.history.filter(status="invited").count() == 1
    count_race("invite an organisation", THREADS)


def test_one_invitation_answered_at_once_is_answered_once(reference, count_race, settings):
    from simitra.partnerships.services import invite_partner
    from simitra.partnerships.testing import make_member, make_user

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    partner = _candidate(world)
    member = make_user("anggota_baru")
    make_member(member, partner.organisation)
    invite_partner(partner=partner, invited_by=world.coordinator)
    clients = _clients(member)
    url = reverse("partnerships:invitation_answer", args=[world.partnership.code, partner.pk])
    prefix = f"p{partner.pk}"

    def answer(n):
        # All accept (a double click, two colleagues at once): a declined organisation would
        # no longer see the private partnership, and the others' answers would read 404.
        return clients[n].post(url, {f"{prefix}-decision": "accept", f"{prefix}-reason": f"{n}"})

    responses = at_once(THREADS, answer)
    assert _statuses(responses) == [302] + [409] * (THREADS - 1)
    partner.refresh_from_db()
    assert partner.status == "confirmed" and partner.answered_by == member
    assert partner.history.filter(answered_at__isnull=False).count() == 1
    count_race("answer an invitation", THREADS)


def _one_winner(responses, winning=(200, 302)):
    winners = [r for r in responses if r.status_code in winning]
    assert len(winners) == 1, _statuses(responses)
    assert all(r.status_code == 409 for r in responses if r not in winners), _statuses(responses)
    return winners[0]


def test_two_moves_back_at_once_move_the_partnership_once(reference, count_race):
    world = build_world(phase=Phase.MANAGING)
    clients = _clients(world.coordinator)
    url = reverse("partnerships:revert", args=[world.partnership.code])
    back = {"from_phase": Phase.MANAGING, "to_phase": Phase.SCOPING, "reason": "Revisi."}

    _one_winner(at_once(THREADS, lambda n: clients[n].post(url, back)))
    partnership = Partnership.objects.get(pk=world.partnership.pk)
    assert partnership.phase == Phase.SCOPING
    assert partnership.transitions.count() == 1
    count_race("move a phase back", THREADS)


def test_a_value_submitted_at_once_is_submitted_once(reference, count_race):
    world = build_world()
    indicator = make_indicator(world.partnership, world.partner_a)
    value = make_value(indicator.periods.first(), value="5")
    pages = _clients(world.partner_user, 2)
    apis = _clients(world.partner_user, 2, api=True)
    url = reverse("results:value_submit", args=[world.partnership.code, value.pk])

    def submit(n):
        if n < 2:
            return pages[n].post(url)
        return apis[n - 2].post(f"/api/v1/indicator-values/{value.pk}/submit/", format="json")

    _one_winner(at_once(THREADS, submit))
    assert value.history.filter(status=IndicatorValue.Status.SUBMITTED).count() == 1
    count_race("submit a value", THREADS)


def test_a_period_closed_while_its_value_is_submitted_never_holds_a_waiting_value(
    reference, count_race
):
    world = build_world()
    indicator = make_indicator(world.partnership, world.partner_a)
    period = indicator.periods.first()
    value = make_value(period, value="5")
    code = world.partnership.code
    closers = _clients(world.coordinator, 2)
    submitters = _clients(world.partner_user, 2)
    close = reverse("results:period_close", args=[code, period.pk])
    submit = reverse("results:value_submit", args=[code, value.pk])

    def step(n):
        return closers[n].post(close) if n < 2 else submitters[n - 2].post(submit)

    # Either the value is submitted first (and the period, holding a value waiting for review,
    # is not closed) or the period is closed first (and the value is not submitted): one step.
    _one_winner(at_once(THREADS, step))
    period.refresh_from_db()
    value.refresh_from_db()
    assert period.is_closed != (value.status == IndicatorValue.Status.SUBMITTED)
    count_race("close a period while its value is submitted", THREADS)


@pytest.mark.parametrize("step", ["approve", "return"])
def test_a_submitted_value_reviewed_at_once_is_reviewed_once(reference, count_race, step):
    world = build_world()
    indicator = make_indicator(world.partnership, world.partner_a)
    value = make_value(indicator.periods.first(), value="5")
    submit_value(value=value, submitted_by=world.partner_user)
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    code = world.partnership.code
    page_url = reverse(f"results:value_{step}", args=[code, value.pk])
    api_url = f"/api/v1/indicator-values/{value.pk}/{step}/"
    body = {"reason": "Bukti kurang."} if step == "return" else {}

    def review(n):
        if n < 2:
            return pages[n].post(page_url, body)
        return apis[n - 2].post(api_url, body, format="json")

    _one_winner(at_once(THREADS, review))
    final = IndicatorValue.Status.APPROVED if step == "approve" else IndicatorValue.Status.RETURNED
    assert value.history.filter(status=final).count() == 1
    count_race(f"{step} a value", THREADS)


def test_one_candidate_decided_at_once_is_decided_once(reference, count_race):
    world = build_world()
    partner = _candidate(world)
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    url = reverse("scoping:candidate_decide", args=[world.partnership.code, partner.pk])
    deciding = {"decision": "reject", "reason": "Tidak memenuhi."}

    def decide(n):
        if n < 2:
            return pages[n].post(url, deciding)
        return apis[n - 2].post(f"/api/v1/candidates/{partner.pk}/decide/", deciding, format="json")

    _one_winner(at_once(THREADS, decide))
    partner.refresh_from_db()
    assert partner.status == "rejected"
    assert partner.history.filter(status="rejected").count() == 1
    count_race("decide a candidate", THREADS)


def test_one_health_round_closed_at_once_is_closed_once(reference, count_race):
    from simitra.health.services import open_round

    world = build_world(phase=Phase.MANAGING)
    health_round = open_round(
        partnership=world.partnership, opened_by=world.coordinator, title="Putaran 1"
    )
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    url = reverse("health:round_close", args=[world.partnership.code, health_round.pk])

    def close(n):
        if n < 2:
            return pages[n].post(url)
        return apis[n - 2].post(f"/api/v1/health-rounds/{health_round.pk}/close/", format="json")

    _one_winner(at_once(THREADS, close))
    assert health_round.history.filter(closed_at__isnull=False).count() == 1
    count_race("close a health-check round", THREADS)


def test_one_evaluation_completed_at_once_is_completed_once(reference, count_race):
    from simitra.evaluations.models import Evaluation
    from simitra.evaluations.services import save_evaluation

    world = build_world(phase=Phase.REVIEWING)
    make_ready_plan(world)
    evaluation = save_evaluation(
        evaluation=Evaluation(
            partnership=world.partnership,
            title="Evaluasi",
            impact_narrative="Dampak.",
            findings="Temuan.",
        ),
        saved_by=world.coordinator,
    )
    clients = _clients(world.coordinator)
    url = reverse("evaluations:evaluation_complete", args=[world.partnership.code, evaluation.pk])

    _one_winner(at_once(THREADS, lambda n: clients[n].post(url)))
    assert evaluation.history.filter(status=Evaluation.Status.COMPLETED).count() == 1
    count_race("complete an evaluation", THREADS)


def test_one_partnership_closed_at_once_is_closed_once(reference, count_race):
    world = build_world()
    clients = _clients(world.coordinator)
    url = reverse("knowledge:close", args=[world.partnership.code])
    ending = {"outcome": "terminated", "reason": "Dana berhenti."}

    _one_winner(at_once(THREADS, lambda n: clients[n].post(url, ending)))
    partnership = Partnership.objects.get(pk=world.partnership.pk)
    assert partnership.status == Partnership.Status.TERMINATED
    assert partnership.transitions.filter(outcome="terminated").count() == 1
    count_race("close a partnership", THREADS)


def test_one_agreement_sent_for_review_at_once_is_sent_once(reference, count_race):
    from simitra.agreements.models import AgreementStatus
    from simitra.planning.models import PlanVersion

    world = build_world()
    world.pledges = make_ready_plan(world)
    mou = make_mou(world)
    pages = _clients(world.coordinator, 2)
    apis = _clients(world.coordinator, 2, api=True)
    url = reverse("agreements:submit", args=[world.partnership.code, mou.pk])

    def submit(n):
        if n < 2:
            return pages[n].post(url)
        return apis[n - 2].post(f"/api/v1/agreements/{mou.pk}/submit/", format="json")

    _one_winner(at_once(THREADS, submit))
    assert mou.history.filter(status=AgreementStatus.IN_REVIEW).count() == 1
    assert PlanVersion.objects.filter(partnership=world.partnership).count() == 1
    count_race("send an agreement for review", THREADS)


@pytest.mark.parametrize("step", ["to_draft", "in_force", "terminate", "amend"])
def test_an_agreements_step_taken_at_once_is_taken_once(reference, count_race, step):
    from simitra.agreements.models import Agreement, AgreementStatus
    from simitra.agreements.testing import signed_mou

    world = build_world()
    world.pledges = make_ready_plan(world)
    mou = approved_mou(world) if step == "to_draft" else signed_mou(world)
    clients = _clients(world.coordinator)
    url = reverse(f"agreements:{step}", args=[world.partnership.code, mou.pk])
    before = mou.history.count()
    body = {
        "to_draft": {},
        "in_force": {"effective_date": SIGNED_ON},
        "terminate": {"reason": "Berakhir.", "on": SIGNED_ON},
        "amend": {},
    }[step]

    _one_winner(at_once(THREADS, lambda n: clients[n].post(url, body)))
    if step == "amend":
        assert Agreement.objects.filter(amends=mou).count() == 1
    else:
        status = {
            "to_draft": AgreementStatus.DRAFT,
            "in_force": AgreementStatus.IN_FORCE,
            "terminate": AgreementStatus.TERMINATED,
        }[step]
        assert mou.history.count() == before + 1
        assert mou.history.first().status == status
    count_race(f"agreement: {step}", THREADS)


def test_one_webhook_delivery_run_by_several_workers_at_once_is_sent_once(
    reference, count_race, settings
):
    import uuid

    from django.utils import timezone

    from simitra.webhooks.models import Delivery, Subscription
    from simitra.webhooks.services import deliver
    from simitra.webhooks.tests.conftest import Receiver

    settings.SIMITRA_WEBHOOK_ALLOW_PRIVATE = True
    world = build_world()
    receiver = Receiver()
    try:
        subscription = Subscription.objects.create(
            partnership=world.partnership,
            owner=world.coordinator,
            url=receiver.url,
            event_types=["partnership.phase_changed"],
        )
        delivery = Delivery.objects.create(
            subscription=subscription,
            event_id=uuid.uuid4(),
            event_type="partnership.phase_changed",
            record_kind="partnership",
            record_pk=world.partnership.pk,
            occurred_at=timezone.now(),
        )
        results = at_once(THREADS, lambda n: deliver(delivery.pk))
    finally:
        receiver.close()
    assert sorted(results) == ["delivered"] + ["skipped"] * (THREADS - 1)
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    count_race("run one webhook delivery", THREADS)


def _seen_form(client, url) -> dict:
    """The edit form as the page showed it, to post back."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in (None, "")]
        data[name] = "" if value is None else value
    return data


def test_two_saves_of_a_pledge_from_one_version_save_one(reference, count_race):
    """Two users opened the same contribution's form and save at once: one is saved, the other
    is refused (409, both versions) and wrote nothing, on the page and through the API."""
    world = build_world()
    pledge = make_pledge(world.partner_a)
    url = reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk])
    pages = _clients(world.coordinator, 2)
    forms = [_seen_form(page, url) for page in pages]
    for n, form in enumerate(forms):
        form["description"] = f"Versi {n}"

    responses = at_once(2, lambda n: pages[n].post(url, forms[n]))
    assert _statuses(responses) == [302, 409]
    winner = next(n for n, r in enumerate(responses) if r.status_code == 302)
    assert Pledge.objects.get(pk=pledge.pk).description == f"Versi {winner}"
    assert Pledge.history.filter(id=pledge.pk).count() == 2  # created, then saved once
    count_race("save a pledge's form opened twice", 2)

    apis = _clients(world.coordinator, 2, api=True)
    api_url = f"/api/v1/contributions/{pledge.pk}/"
    seen = apis[0].get(api_url).json()["record_version"]

    def save(n):
        sent = {"description": f"API {n}", "record_version": seen}
        return apis[n].patch(api_url, sent, format="json")

    responses = at_once(2, save)
    assert _statuses(responses) == [200, 409]
    refused = next(r for r in responses if r.status_code == 409).json()
    assert refused["code"] == "conflict" and refused["stored"]["record_version"] != seen
    winner = next(n for n, r in enumerate(responses) if r.status_code == 200)
    assert Pledge.objects.get(pk=pledge.pk).description == f"API {winner}"
    count_race("change a pledge through the API from one version", 2)


def test_the_nightly_notifications_run_by_several_workers_at_once_send_once(reference, count_race):
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from simitra.notifications.ladder import nightly
    from simitra.notifications.models import Kind, Notification, Reminder

    world = build_world()
    today = timezone.localdate()
    make_pledge(world.partner_a, value=1_000, due_date=today + dt.timedelta(days=7))
    Notification.objects.bulk_create(
        Notification(
            recipient=world.coordinator,
            kind=Kind.RISK_RAISED,
            partnership=world.partnership,
            params={"title": f"R{n}"},
        )
        for n in range(5)
    )
    mail.outbox = []
    at_once(THREADS, lambda n: nightly())
    assert Reminder.objects.count() == 1  # the "before" step, once
    assert Notification.objects.filter(kind=Kind.PLEDGE_DUE).count() == 1
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([world.coordinator.email, world.partner_user.email])
    count_race("nightly notifications", THREADS)


def test_a_csr_report_reminder_run_by_several_workers_at_once_is_sent_once(reference, count_race):
    from decimal import Decimal

    from django.utils import timezone

    from simitra.notifications.ladder import run_ladder
    from simitra.notifications.models import Kind, Notification, Reminder
    from simitra.reference.models import Region
    from simitra.regional.models import CsrCommitment

    world = build_world()  # world.org_a is a company; world.partner_user works for it
    CsrCommitment.objects.create(
        organisation=world.org_a,
        region=Region.objects.get(code="53.02"),
        year=2026,
        amount=Decimal("1000"),
        report_due=timezone.localdate(),
    )
    at_once(THREADS, lambda n: run_ladder())
    assert Reminder.objects.filter(item="csr").count() == 1  # the "due" step, once
    told = Notification.objects.filter(kind=Kind.CSR_REPORT_DUE)
    assert [n.recipient for n in told] == [world.partner_user]
    count_race("nightly CSR report reminders", THREADS)


def test_one_outbox_entry_sent_at_once_is_recorded_once(reference, count_race):
    """A device that resends an entry while the first send is still on its way (a weak
    connection, a double tap): every send gets the first answer, one delivery is recorded."""
    world = build_world()
    pledge = make_pledge(world.partner_a, value=100_000_000)
    clients = _clients(world.partner_user)
    entry = {
        "key": "5f0c1d9e-race-0000-0000-000000000001",
        "partnership": world.partnership.code,
        "pledge": pledge.pk,
        "delivered_on": "2025-06-30",
        "amount": "10000000",
        "evidence_url": "https://bukti.example/1.pdf",
    }

    def send(n):
        return clients[n].post(reverse("field:send", args=["delivery"]), entry)

    responses = at_once(THREADS, send)
    assert _statuses(responses) == [200] * THREADS
    assert len({response.json()["id"] for response in responses}) == 1
    assert sorted(response.json()["replayed"] for response in responses) == [False] + [True] * 3
    assert pledge.deliveries.count() == 1
    count_race("send one outbox entry", THREADS)


def _decision_progress_race(world):
    import datetime as dt

    from django.utils import timezone

    from simitra.governance.models import Decision
    from simitra.lib.forms import version_of

    decision = Decision.objects.create(
        partnership=world.partnership,
        text="Menyusun jadwal posyandu bersama",
        owner=world.partner_a,
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    entry = {
        "partnership": world.partnership.code,
        "decision": decision.pk,
        "status": "done",
        "done_on": timezone.localdate().isoformat(),
        "seen_version": version_of(decision),
    }
    return decision, entry


def test_one_decision_progress_sent_at_once_changes_it_once(reference, count_race):
    """The same progress entry sent four times at once (a resend while the first is on its
    way): every send gets the first answer, the decision changes once."""
    world = build_world()
    decision, entry = _decision_progress_race(world)
    entry["key"] = "5f0c1d9e-race-0000-0000-000000000002"
    clients = _clients(world.partner_user)

    def send(n):
        return clients[n].post(reverse("field:send", args=["decision"]), entry)

    responses = at_once(THREADS, send)
    assert _statuses(responses) == [200] * THREADS
    assert sorted(response.json()["replayed"] for response in responses) == [False] + [True] * 3
    assert decision.history.filter(status="done").count() == 1
    count_race("send one decision's progress", THREADS)


def test_progress_from_one_version_sent_at_once_changes_the_decision_once(reference, count_race):
    """Four entries (four keys: four devices, or a page and three devices) from the version
    the lists carried: one changes the decision, the others are refused (409) as stale."""
    world = build_world()
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    decision, entry = _decision_progress_race(world)
    clients = _clients(world.partner_user)

    def send(n):
        data = {**entry, "key": f"5f0c1d9e-race-0000-0000-00000000010{n}"}
        return clients[n].post(reverse("field:send", args=["decision"]), data)

    responses = at_once(THREADS, send)
    assert _statuses(responses) == [200] + [409] * 3, _statuses(responses)
    for response in responses:
        if response.status_code == 409:
            assert response.json()["message"].startswith("Someone changed this decision")
    assert decision.history.count() == 2  # created, then done once
    count_race("progress of one decision from one version", THREADS)


def test_one_persons_attendance_sent_at_once_is_recorded_once(reference, count_race):
    """The same person's attendance sent from four devices at once (four keys): one is
    recorded; the others are refused, by the form's check or under the meeting's lock."""
    import datetime as dt

    from django.utils import timezone

    from simitra.governance.models import Attendance, Meeting

    world = build_world()
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    meeting = Meeting.objects.create(
        partnership=world.partnership,
        title="Rapat Komite",
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="Soe",
    )
    clients = _clients(world.partner_user)

    def send(n):
        data = {
            "key": f"5f0c1d9e-race-0000-0000-00000000020{n}",
            "partnership": world.partnership.code,
            "meeting": meeting.pk,
            "partner": world.partner_a.pk,
            "person": "Ani Lestari",
            "status": "present",
        }
        return clients[n].post(reverse("field:send", args=["attendance"]), data)

    responses = at_once(THREADS, send)
    statuses = _statuses(responses)
    assert statuses.count(200) == 1 and 500 not in statuses, statuses
    for response in responses:
        if response.status_code != 200:
            assert response.status_code in (400, 409)
            assert response.json()["message"] == "This person's attendance is already recorded."
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    count_race("record one person's attendance", THREADS)
