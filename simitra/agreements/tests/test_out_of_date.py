"""The MoU's text follows the data until it goes to review; after that a change of the data it
was built from makes it out of date: the page says what changed, and approving or signing is
refused (409, `agreement_out_of_date` on the API) without any change of state."""

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.agreements import services
from simitra.agreements.content import changes_since
from simitra.agreements.models import AgreementStatus
from simitra.agreements.testing import approved_mou, make_mou, signed_mou
from simitra.planning.models import Activity
from simitra.planning.services import record_plan_version

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "signatory_name": "Budi Santoso",
    "signatory_title": "Direktur",
    "signed_on": "2025-01-20",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def change_the_plan(world, deliverable="Laporan bulanan"):
    """A change of the plan as the pages make it: saved, and recorded as a new version."""
    activity = Activity.objects.get(title="Sekretariat kemitraan")
    activity.deliverable = deliverable
    activity.save()
    return record_plan_version(partnership=world.partnership, made_by=world.coordinator)


def bodies(mou) -> dict:
    return {s.key: s.body for s in mou.sections.all()}


def english_client(client_for, user):
    client = client_for(user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def detail(mou):
    return reverse("agreements:detail", args=[mou.partnership.code, mou.pk])


def test_returning_to_draft_and_submitting_again_refreshes_the_plan_version_in_the_text(ready):
    mou = approved_mou(ready, language="en")
    assert "(version 1)" in bodies(mou)["scope"] and "(version 1)" in bodies(mou)["plan"]
    change_the_plan(ready)
    services.return_to_draft(agreement=mou)
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    mou.refresh_from_db()
    assert mou.plan_version.number == 2
    text = bodies(mou)
    for key in ("scope", "plan"):
        assert "(version 2)" in text[key] and "(version 1)" not in text[key]


def test_a_draft_shows_the_current_data_and_keeps_what_was_edited_by_hand(ready, client_for):
    mou = make_mou(ready, language="en")
    services.save_section(section=mou.sections.get(key="scope"), body="Ruang lingkup khusus.")
    change_the_plan(ready)
    body = english_client(client_for, ready.observer).get(detail(mou)).content.decode()
    assert "The action plan (version 2) has 2 activities" in body
    text = bodies(mou)
    assert "(version 2)" in text["plan"]
    assert text["scope"] == "Ruang lingkup khusus."


def test_sending_for_review_warns_about_the_sections_edited_by_hand(ready, client_for):
    mou = make_mou(ready, language="en")
    services.save_section(section=mou.sections.get(key="scope"), body="Ruang lingkup khusus.")
    client = english_client(client_for, ready.coordinator)
    response = client.post(
        reverse("agreements:submit", args=[ready.partnership.code, mou.pk]), follow=True
    )
    body = response.content.decode()
    assert "except the sections edited by hand: Scope" in body


def test_an_approved_mou_whose_plan_changed_is_out_of_date_and_says_what_changed(ready, client_for):
    mou = approved_mou(ready, language="en")
    client = english_client(client_for, ready.observer)
    assert "Out of date" not in client.get(detail(mou)).content.decode()
    change_the_plan(ready)
    body = client.get(detail(mou)).content.decode()
    assert "Out of date: the data this agreement was built from has changed" in body
    assert "The action plan: version 1 then, now 2." in body
    # The text stays what the parties approved.
    assert "(version 1)" in bodies(mou)["plan"]


def test_signing_an_out_of_date_mou_is_refused_on_the_page(ready, client_for):
    mou = approved_mou(ready, language="en")
    ready.pledges["a"].description = "Dana CSR tahap dua"
    ready.pledges["a"].save()
    party = mou.parties.get(partner=ready.partner_a)
    client = english_client(client_for, ready.partner_user)
    url = reverse("agreements:sign", args=[ready.partnership.code, mou.pk, party.pk])
    assert "Out of date" in client.get(url).content.decode()
    response = client.post(url, SIGNATURE)
    assert response.status_code == 409
    body = response.content.decode()
    assert "This agreement is out of date" in body
    assert f"The contributions of {ready.partner_a.organisation.name}." in body
    party.refresh_from_db()
    assert not party.is_signed and party.signatory_name == ""
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.APPROVED


def test_back_to_draft_it_is_up_to_date_and_can_be_approved_again(ready):
    mou = approved_mou(ready)
    change_the_plan(ready)
    assert services.out_of_date_changes(mou)
    services.return_to_draft(agreement=mou)
    assert services.out_of_date_changes(mou) == []
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    assert services.out_of_date_changes(mou) == []
    for party in mou.parties.all():
        services.approve_for_party(party=party, approved_by=ready.coordinator)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.APPROVED


def test_a_signed_mou_whose_data_changed_calls_for_an_amendment(ready, client_for):
    mou = signed_mou(ready, language="en")
    change_the_plan(ready)
    client = english_client(client_for, ready.observer)
    body = client.get(detail(mou)).content.decode()
    assert "has changed since it was reviewed and signed. Start an amendment" in body
    services.amend(agreement=mou, created_by=ready.coordinator)
    body = client.get(detail(mou)).content.decode()
    assert "The amendment under way brings it up to date." in body
    assert "Start an amendment to bring it up to date." not in body


def test_a_changed_problem_statement_makes_it_out_of_date(ready):
    from simitra.scoping.tests.helpers import make_problem

    problem = make_problem(ready.partnership)
    mou = approved_mou(ready)
    assert services.out_of_date_changes(mou) == []
    problem.statement = "Prevalensi naik lagi."
    problem.save()
    assert services.out_of_date_changes(mou) == ["The background: the problem statement."]


def test_content_frozen_before_the_background_existed_is_not_reported_as_changed():
    then = {"plan": {"version": 3}, "partnership": {"summary": "S"}, "parties": []}
    now = {
        "plan": {"version": 3},
        "partnership": {"summary": "S"},
        "parties": [],
        "problem": {"core_problem": "P", "statement": "", "evidence": []},
    }
    assert changes_since(then, now) == []
    now["partnership"]["title"] = "Baru"
    assert changes_since(then, now) == ["The partnership's title."]
