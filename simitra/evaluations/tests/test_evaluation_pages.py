"""Evaluations: who may write and read them, completing them (the facts are then kept), and the
revision actions their recommendations become."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from simitra.agreements.models import Agreement, AgreementStatus
from simitra.early_warning.tests.warning_data import NOW
from simitra.evaluations import services
from simitra.evaluations.models import Evaluation, RevisionAction
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership, Phase
from simitra.partnerships.testing import build_world, make_partner, make_partnership
from simitra.planning.models import Activity, PlanVersion
from simitra.planning.testing import make_ready_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def reviewing(db):
    world = build_world(phase=Phase.REVIEWING)
    make_ready_plan(world)  # two activities ending in 2025 and 2027, plan version 1
    world.version = PlanVersion.objects.get(partnership=world.partnership)
    return world


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def url(world, name, *args):
    return reverse(f"evaluations:{name}", args=[world.partnership.code, *args])


def make_evaluation(world, **fields):
    fields.setdefault("title", "Evaluasi tengah program")
    fields.setdefault("plan_version", world.version)
    return services.save_evaluation(
        evaluation=Evaluation(partnership=world.partnership, **fields), saved_by=world.coordinator
    )


def make_action(evaluation, owner, **fields):
    fields.setdefault("recommendation", "Tambah fasilitator lapangan")
    fields.setdefault("due_date", dt.date(2026, 9, 30))
    return services.save_revision_action(
        action=RevisionAction(evaluation=evaluation, owner=owner, **fields), saved_by=None
    )


FORM = {
    "title": "Evaluasi tengah program 2026",
    "evaluator": "Tim Universitas",
    "evaluated_on": "2026-06-30",
    "impact_narrative": "",
    "findings": "",
}


def test_a_coordinator_starts_an_evaluation_against_the_agreed_plan(reviewing, client_for):
    client = client_for(reviewing.coordinator)
    form = client.get(url(reviewing, "evaluation_create")).content.decode()
    assert f'<option value="{reviewing.version.pk}" selected>' in form
    response = client.post(
        url(reviewing, "evaluation_create"), {**FORM, "plan_version": reviewing.version.pk}
    )
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response.url == evaluation.get_absolute_url()
    assert (evaluation.status, evaluation.plan_version, evaluation.created_by) == (
        "draft",
        reviewing.version,
        reviewing.coordinator,
    )


def test_an_invalid_form_says_why_keeps_what_was_typed_and_saves_nothing(reviewing, client_for):
    client = english(client_for(reviewing.coordinator))
    response = client.post(
        url(reviewing, "evaluation_create"), {**FORM, "title": "", "evaluator": "Tim X"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body and 'value="Tim X"' in body
    other = make_partnership()
    stranger_version = PlanVersion.objects.create(
        partnership=other, number=1, content={}, content_hash="x"
    )
    response = client.post(
        url(reviewing, "evaluation_create"), {**FORM, "plan_version": stranger_version.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who", ["partner_user", "observer"])
def test_partners_and_observers_read_but_cannot_write(reviewing, client_for, who):
    evaluation = make_evaluation(reviewing)
    client = client_for(getattr(reviewing, who))
    assert client.get(evaluation.get_absolute_url()).status_code == 200
    assert client.get(url(reviewing, "evaluations")).status_code == 200
    assert client.get(url(reviewing, "evaluation_create")).status_code == 403
    assert client.post(url(reviewing, "evaluation_create"), FORM).status_code == 403
    assert client.post(url(reviewing, "evaluation_complete", evaluation.pk)).status_code == 403
    assert client.post(url(reviewing, "action_create", evaluation.pk), {}).status_code == 403
    assert Evaluation.objects.count() == 1 and not RevisionAction.objects.exists()


def test_an_outsider_gets_404_and_a_stranger_to_a_published_partnership_403(reviewing, client_for):
    evaluation = make_evaluation(reviewing)
    client = client_for(reviewing.outsider)
    assert client.get(evaluation.get_absolute_url()).status_code == 404
    assert client.get(url(reviewing, "evaluation_create")).status_code == 404
    Partnership.objects.filter(pk=reviewing.partnership.pk).update(
        visibility=Partnership.Visibility.PUBLIC
    )
    assert client.get(evaluation.get_absolute_url()).status_code == 403
    panel = english(client).get(url(reviewing, "evaluations")).content.decode()
    assert "shared only with the partners" in panel and evaluation.title not in panel


def test_the_page_shows_the_facts_beside_the_evaluators_account(reviewing, client_for):
    evaluation = make_evaluation(
        reviewing, impact_narrative="Balita lebih sehat di 12 desa.", findings="Kader kunci."
    )
    body = english(client_for(reviewing.observer)).get(evaluation.get_absolute_url())
    body = body.content.decode()
    assert "What the data says" in body and "What the evaluator found" in body
    assert "0 of 2 activities done" in body
    assert "1 activity is still open past its planned end." in body
    assert "Balita lebih sehat di 12 desa." in body and "Kader kunci." in body
    assert "against plan version 1" in body


def test_completing_needs_the_narrative_and_the_findings(reviewing, client_for):
    evaluation = make_evaluation(reviewing, findings="Kader kunci.")
    client = english(client_for(reviewing.coordinator))
    response = client.post(url(reviewing, "evaluation_complete", evaluation.pk), follow=True)
    assert (
        "Before completing the evaluation, write: impact on the target beneficiaries."
        in response.content.decode()
    )
    evaluation.refresh_from_db()
    assert evaluation.status == "draft" and evaluation.facts is None


def test_a_completed_evaluation_keeps_its_facts_and_no_longer_changes(reviewing, client_for):
    evaluation = make_evaluation(reviewing, impact_narrative="Dampak.", findings="Temuan.")
    client = english(client_for(reviewing.coordinator))
    client.post(url(reviewing, "evaluation_complete", evaluation.pk))
    evaluation.refresh_from_db()
    assert evaluation.status == "completed" and evaluation.completed_at == NOW
    assert evaluation.facts["activities"]["done"] == 0
    Activity.objects.filter(partnership=reviewing.partnership).update(status="done")
    body = client.get(evaluation.get_absolute_url()).content.decode()
    assert "0 of 2 activities done" in body  # as it was when completed
    response = client.post(
        url(reviewing, "evaluation_edit", evaluation.pk), {**FORM, "title": "Diubah"}
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.title == "Evaluasi tengah program"
    again = client.post(url(reviewing, "evaluation_complete", evaluation.pk), follow=True)
    assert "already completed" in again.content.decode()


def test_a_recommendation_becomes_an_action_linked_to_a_plan_version_or_amendment(
    reviewing, client_for
):
    evaluation = make_evaluation(reviewing)
    mou = Agreement.objects.create(
        partnership=reviewing.partnership, kind="mou", title="MoU", status=AgreementStatus.IN_FORCE
    )
    amendment = Agreement.objects.create(
        partnership=reviewing.partnership, kind="mou", title="MoU", version=2, amends=mou
    )
    client = client_for(reviewing.coordinator)
    data = {
        "recommendation": "Perpanjang pendampingan enam bulan",
        "owner": reviewing.partner_a.pk,
        "due_date": "2026-09-30",
        "status": "open",
        "plan_version": reviewing.version.pk,
        "amendment": amendment.pk,
    }
    assert client.post(url(reviewing, "action_create", evaluation.pk), data).status_code == 302
    action = RevisionAction.objects.get()
    assert (action.owner, action.plan_version, action.amendment) == (
        reviewing.partner_a,
        reviewing.version,
        amendment,
    )
    body = english(client).get(evaluation.get_absolute_url()).content.decode()
    assert "Led to plan version 1" in body
    assert "Led to the amendment “MoU” (version 2)" in body
    # The agreement itself is not an amendment: refused, nothing saved.
    response = client.post(
        url(reviewing, "action_create", evaluation.pk), {**data, "amendment": mou.pk}
    )
    assert response.status_code == 200 and RevisionAction.objects.count() == 1


def test_the_service_refuses_links_to_another_partnership(reviewing):
    evaluation = make_evaluation(reviewing)
    other = make_partnership()
    version = PlanVersion.objects.create(partnership=other, number=1, content={}, content_hash="x")
    with pytest.raises(services.ReviewError, match="another partnership"):
        make_action(evaluation, reviewing.partner_a, plan_version=version)
    stranger = make_partner(other, reviewing.org_a)
    with pytest.raises(services.ReviewError, match="partner of this partnership"):
        make_action(evaluation, stranger)


def test_after_completion_recommendations_are_fixed_but_followed_up(reviewing, client_for):
    evaluation = make_evaluation(reviewing, impact_narrative="Dampak.", findings="Temuan.")
    action = make_action(evaluation, reviewing.partner_a)
    services.complete_evaluation(evaluation=evaluation, completed_by=reviewing.coordinator)
    client = client_for(reviewing.coordinator)
    response = client.post(url(reviewing, "action_create", evaluation.pk), {})
    assert response.status_code == 302 and RevisionAction.objects.count() == 1
    edit = url(reviewing, "action_edit", evaluation.pk, action.pk)
    client.post(
        edit,
        {
            "recommendation": "Diganti",
            "owner": reviewing.partner_b.pk,
            "due_date": "2026-12-31",
            "status": "done",
            "plan_version": reviewing.version.pk,
        },
    )
    action.refresh_from_db()
    assert action.recommendation == "Tambah fasilitator lapangan"  # fixed
    assert (action.owner, action.status, action.done_on) == (
        reviewing.partner_b,
        "done",
        NOW.date(),
    )
    assert action.plan_version == reviewing.version


def test_the_owner_follows_up_its_action_and_nobody_else_but_the_coordinator(reviewing, client_for):
    evaluation = make_evaluation(reviewing)
    action = make_action(evaluation, reviewing.partner_a)
    follow_up = url(reviewing, "action_follow_up", evaluation.pk, action.pk)
    data = {"status": "in_progress", "note": "Fasilitator direkrut"}
    for who in ("partner_b_user", "observer"):
        assert client_for(getattr(reviewing, who)).post(follow_up, data).status_code == 403
    assert client_for(reviewing.outsider).post(follow_up, data).status_code == 404
    action.refresh_from_db()
    assert action.status == "open"
    assert client_for(reviewing.partner_user).post(follow_up, data).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.note) == ("in_progress", "Fasilitator direkrut")
    client_for(reviewing.coordinator).post(follow_up, {"status": "done"})
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("done", NOW.date())
    bad = client_for(reviewing.partner_user).post(follow_up, {"status": "lost"}, follow=True)
    action.refresh_from_db()
    assert action.status == "done" and bad.status_code == 200


def test_only_the_owner_sees_the_follow_up_form(reviewing, client_for):
    evaluation = make_evaluation(reviewing)
    make_action(evaluation, reviewing.partner_a)
    assert (
        'name="status"'
        in client_for(reviewing.partner_user).get(evaluation.get_absolute_url()).content.decode()
    )
    assert (
        'name="status"'
        not in client_for(reviewing.partner_b_user)
        .get(evaluation.get_absolute_url())
        .content.decode()
    )


def _get(client, path, **headers):
    assert client.get(path, **headers).status_code == 200


def test_pages_do_not_grow_with_the_number_of_actions_or_evaluations(reviewing, client_for):
    evaluation = make_evaluation(reviewing)
    make_action(evaluation, reviewing.partner_a)
    client = client_for(reviewing.partner_user)
    detail = evaluation.get_absolute_url()
    panel = url(reviewing, "evaluations")
    small = (
        count_queries(_get, client, detail),
        count_queries(_get, client, panel, HTTP_HX_REQUEST="true"),
    )
    for n in range(5):
        make_action(evaluation, reviewing.partner_b if n % 2 else reviewing.partner_a)
        make_evaluation(reviewing, title=f"Evaluasi {n}")
    large = (
        count_queries(_get, client, detail),
        count_queries(_get, client, panel, HTTP_HX_REQUEST="true"),
    )
    assert large == small
