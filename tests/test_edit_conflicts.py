"""An edit never silently undoes someone else's: every record that can be edited from two
places carries a version, and a save based on an older one is refused with 409, both versions
shown and nothing written; saving again after seeing them is the user's choice. The same
through the API (`record_version` in the body or `If-Match`). One check serves all of them
(`lib.views.edit_conflict`, `api.viewsets.RulesMixin.check_record_version`)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from simitra.agreements.testing import make_mou
from simitra.governance.models import Decision, Meeting
from simitra.knowledge.models import Lesson, Practice, SustainabilityPlan
from simitra.knowledge.services import save_knowledge_item
from simitra.planning.models import Milestone
from simitra.planning.testing import make_activity
from simitra.resources.testing import make_pledge
from simitra.results.models import Result
from simitra.results.testing import make_indicator
from simitra.risks.models import Risk, RiskCategory
from simitra.scoping.models import (
    Need,
    ProblemNode,
    ProblemStatement,
    Relationship,
    SolutionOption,
    Stakeholder,
)

pytestmark = pytest.mark.django_db

THEIRS = "Versi yang disimpan lebih dulu"
MINE = "Versi saya sendiri"


@dataclass
class Editable:
    name: str
    make: Callable  # world -> record
    page: Callable  # (world, record) -> the edit page's URL
    field: str  # a text field both users change
    api: str | None = None  # the API's collection, where it has one
    user: str = "coordinator"  # who edits it (an attribute of the world)
    api_key: Callable = lambda record: record.pk
    sent_too: Callable = lambda world: {}  # what a save needs beyond the form as shown


def _risk(world):
    RiskCategory.ensure_builtins()
    return Risk.objects.create(
        partnership=world.partnership,
        category=RiskCategory.objects.get(code="reputation"),
        title="Risiko uji",
        likelihood=3,
        impact=4,
        owner=world.partner_a,
    )


def _meeting(world):
    return Meeting.objects.create(
        partnership=world.partnership,
        title="Rapat Komite",
        starts_at=timezone.now() - dt.timedelta(days=3),
        place="Soe",
    )


def _decision(world):
    return Decision.objects.create(
        partnership=world.partnership,
        text="Kirim laporan",
        owner=world.partner_a,
        due_date=timezone.localdate() + dt.timedelta(days=7),
    )


def _milestone(world):
    return Milestone.objects.create(
        partnership=world.partnership, title="Tonggak uji", due_date=dt.date(2026, 6, 1)
    )


def _result(world):
    return Result.objects.create(partnership=world.partnership, title="Hasil uji")


def _statement(world):
    return ProblemStatement.objects.create(
        partnership=world.partnership, core_problem="Air bersih", statement="Rumusan awal"
    )


def _lesson(world):
    return save_knowledge_item(
        item=Lesson(
            partnership=world.partnership,
            title="Pelajaran uji",
            phase=world.partnership.phase,
            what_happened="Kehadiran menurun.",
            what_was_learned="Belajar dari sesama.",
            recommendation="Siapkan pelatih sebaya.",
        ),
        tag_names=[],
        saved_by=None,
    )


def _practice(world):
    return save_knowledge_item(
        item=Practice(
            partnership=world.partnership,
            title="Praktik uji",
            **{
                field.name: "Isi uji"
                for field in Practice._meta.concrete_fields
                if field.get_internal_type() == "TextField" and field.editable and not field.blank
            },
        ),
        tag_names=[],
        saved_by=None,
    )


def _plan(world):
    return SustainabilityPlan.objects.create(
        partnership=world.partnership,
        what_continues="a",
        carried_by="b",
        funding_after_end="c",
        dependency_avoidance="d",
        exit_criteria="e",
    )


def _section(world):
    return make_mou(world).sections.get(key="purpose")


def _url(name, *args):
    def url(world, record):
        return reverse(name, args=[world.partnership.code, *[arg(record) for arg in args]])

    return url


def _pk(record):
    return record.pk


EDITABLE = [
    Editable(
        "pledge",
        lambda w: make_pledge(w.partner_a),
        _url("resources:pledge_edit", _pk),
        "description",
        "contributions",
    ),
    Editable(
        "activity",
        lambda w: make_activity(w.partnership, responsible=w.partner_a),
        _url("planning:activity_edit", _pk),
        "title",
        "activities",
    ),
    Editable("milestone", _milestone, _url("planning:milestone_edit", _pk), "title"),
    Editable("risk", _risk, _url("risks:risk_edit", _pk), "title", "risks"),
    Editable("meeting", _meeting, _url("governance:meeting_edit", _pk), "title"),
    Editable("decision", _decision, _url("governance:decision_edit", _pk), "text"),
    Editable(
        "agreement", lambda w: make_mou(w), _url("agreements:edit", _pk), "place", "agreements"
    ),
    Editable(
        "agreement section",
        _section,
        _url("agreements:section", lambda s: s.agreement_id, lambda s: s.key),
        "body",
    ),
    Editable("result", _result, _url("results:result_edit", _pk), "title", "results"),
    Editable(
        "indicator",
        lambda w: make_indicator(w.partnership, w.partner_a),
        _url("results:indicator_edit", _pk),
        "title",
        "indicators",
    ),
    Editable("problem statement", _statement, _url("scoping:statement_edit"), "statement"),
    Editable(
        "problem tree element",
        lambda w: ProblemNode.objects.create(
            partnership=w.partnership, kind=ProblemNode.Kind.CAUSE, text="Sebab uji"
        ),
        _url("scoping:node_edit", _pk),
        "text",
    ),
    Editable(
        "need",
        lambda w: Need.objects.create(
            partnership=w.partnership, description="Kebutuhan uji", affected_group="Balita"
        ),
        _url("scoping:need_edit", _pk),
        "description",
        "needs",
        sent_too=lambda w: {"declaration": True},  # asked anew at every save
    ),
    Editable(
        "solution option",
        lambda w: SolutionOption.objects.create(partnership=w.partnership, title="Opsi uji"),
        _url("scoping:option_edit", _pk),
        "title",
    ),
    Editable(
        "stakeholder",
        lambda w: Stakeholder.objects.create(
            partnership=w.partnership, group_name="Nelayan", interest=3, influence=3, approach="x"
        ),
        _url("scoping:stakeholder_edit", _pk),
        "approach",
    ),
    Editable(
        "special relationship",
        lambda w: Relationship.objects.create(
            partnership=w.partnership,
            person=w.partner_user,
            organisation=w.org_b,
            kind=Relationship.Kind.FAMILY,
        ),
        _url("scoping:relationship_edit", _pk),
        "description",
        sent_too=lambda w: {"organisation": w.org_b.name},  # the field takes a name
    ),
    Editable("lesson", _lesson, _url("knowledge:lesson_edit", _pk), "title", "lessons"),
    Editable("practice", _practice, _url("knowledge:practice_edit", _pk), "title", "practices"),
    Editable("sustainability plan", _plan, _url("knowledge:sustainability_edit"), "what_continues"),
    Editable(
        "organisation",
        lambda w: w.partner_a.organisation,
        lambda w, organisation: reverse("organisations:edit", args=[organisation.slug]),
        "description",
        "organisations",
        user="admin",
        api_key=lambda organisation: organisation.slug,
    ),
]


def _form_data(response) -> dict:
    """What the browser sends back: the form as the page showed it."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue  # a browser sends no file back unless one is chosen again
        value = form[name].value()
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            value = [v for v in (value or []) if v not in (None, "")]
        data[name] = "" if value is None else value
    return data


@pytest.fixture
def api_for():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return make


def _stored(record):
    return type(record).objects.get(pk=record.pk)


@pytest.mark.parametrize("editable", EDITABLE, ids=lambda e: e.name)
def test_an_older_form_is_refused_with_both_versions_then_saved_knowingly(
    editable, world, client_for
):
    user = getattr(world, editable.user)
    user.language = "en"
    user.save(update_fields=["language"])
    record = editable.make(world)
    url = editable.page(world, record)
    mine_client, their_client = client_for(user), client_for(user)
    opened = mine_client.get(url)
    assert opened.status_code == 200
    mine = {**_form_data(opened), **editable.sent_too(world)}
    theirs = {**_form_data(their_client.get(url)), **editable.sent_too(world)}

    theirs[editable.field] = THEIRS
    saved = their_client.post(url, theirs)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    assert getattr(_stored(record), editable.field) == THEIRS

    mine[editable.field] = MINE
    refused = mine_client.post(url, mine)
    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Someone else saved this after you opened the form" in body
    assert THEIRS in body and MINE in body  # both versions shown
    shown = refused.context["conflict"]["differences"]
    assert [row["label"] for row in shown] == [refused.context["form"][editable.field].label]
    assert getattr(_stored(record), editable.field) == THEIRS  # nothing written

    again = {**_form_data(refused), **editable.sent_too(world)}  # with the stored version
    assert again[editable.field] == MINE
    assert mine_client.post(url, again).status_code == 302
    assert getattr(_stored(record), editable.field) == MINE


@pytest.mark.parametrize("editable", EDITABLE[:1], ids=lambda e: e.name)
def test_the_conflict_page_speaks_indonesian(editable, world, client_for):
    record = editable.make(world)
    url = editable.page(world, record)
    first, second = client_for(world.coordinator), client_for(world.coordinator)
    mine, theirs = _form_data(first.get(url)), _form_data(second.get(url))
    theirs[editable.field] = THEIRS
    second.post(url, theirs)
    mine[editable.field] = MINE
    body = first.post(url, mine).content.decode()
    assert "Orang lain menyimpan data ini setelah Anda membuka formulir" in body
    assert "Tersimpan sementara itu" in body


def test_a_form_saved_twice_in_turn_by_its_own_user_is_not_refused(world, client_for):
    pledge = make_pledge(world.partner_a)
    url = reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk])
    client = client_for(world.coordinator)
    for text in ("Pertama", "Kedua"):
        data = _form_data(client.get(url))
        data["description"] = text
        assert client.post(url, data).status_code == 302
    assert _stored(pledge).description == "Kedua"


def test_a_state_change_since_the_form_was_opened_refuses_the_save(world, client_for):
    """Cancelling a contribution changes no field of its form, yet an edit opened before must
    not write back what it saw (the status): refused, and the page says what changed is
    elsewhere."""
    from simitra.resources import services

    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    pledge = make_pledge(world.partner_a)
    url = reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk])
    client = client_for(world.coordinator)
    data = _form_data(client.get(url))
    services.cancel_pledge(pledge=_stored(pledge), reason="Batal")
    refused = client.post(url, data)
    assert refused.status_code == 409
    assert "what changed is elsewhere in the record" in refused.content.decode()
    assert _stored(pledge).status == "cancelled"


API = [editable for editable in EDITABLE if editable.api]


def _api_url(editable, record):
    return f"/api/v1/{editable.api}/{editable.api_key(record)}/"


@pytest.mark.parametrize("editable", API, ids=lambda e: e.name)
def test_the_api_refuses_a_change_based_on_an_older_version(editable, world, api_for):
    record = editable.make(world)
    url = _api_url(editable, record)
    client = api_for(getattr(world, editable.user))
    read = client.get(url)
    assert read.status_code == 200
    seen = read.json()["record_version"]
    assert seen and read["ETag"] == f'"{seen}"'

    # Someone else saves first (without naming a version: still allowed, as before versions).
    extra = editable.sent_too(world)
    theirs = client.patch(url, {editable.field: THEIRS, **extra}, format="json")
    assert theirs.status_code == 200, theirs.json()
    newer = theirs.json()["record_version"]
    assert newer != seen and theirs["ETag"] == f'"{newer}"'

    sent = {editable.field: MINE, "record_version": seen, **extra}
    refused = client.patch(url, sent, format="json")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "conflict" and body["status"] == 409 and body["fields"] == {}
    assert body["stored"][editable.field] == THEIRS
    assert body["stored"]["record_version"] == newer
    assert body["sent"] == {editable.field: MINE, **extra}
    assert getattr(_stored(record), editable.field) == THEIRS  # nothing written

    by_header = client.patch(
        url, {editable.field: MINE, **extra}, format="json", HTTP_IF_MATCH=f'"{seen}"'
    )
    assert by_header.status_code == 409

    fresh = client.patch(
        url, {editable.field: MINE, "record_version": newer, **extra}, format="json"
    )
    assert fresh.status_code == 200, fresh.json()
    assert getattr(_stored(record), editable.field) == MINE


def test_the_api_version_of_a_partnership_works_the_same(world, api_for):
    url = f"/api/v1/partnerships/{world.partnership.code}/"
    client = api_for(world.coordinator)
    seen = client.get(url).json()["record_version"]
    assert client.patch(url, {"summary": THEIRS}, format="json").status_code == 200
    refused = client.patch(url, {"title": MINE}, format="json", HTTP_IF_MATCH=seen)
    assert refused.status_code == 409
    assert refused.json()["stored"]["summary"] == THEIRS
    latest = refused.json()["stored"]["record_version"]
    assert (
        client.patch(url, {"title": MINE}, format="json", HTTP_IF_MATCH=latest).status_code == 200
    )


def test_if_match_any_and_a_version_in_the_body_first(world, api_for):
    pledge = make_pledge(world.partner_a)
    url = f"/api/v1/contributions/{pledge.pk}/"
    client = api_for(world.coordinator)
    current = client.get(url).json()["record_version"]
    assert (
        client.patch(url, {"description": "A"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    )
    latest = client.get(url).json()["record_version"]
    # The body's version counts over the header's.
    response = client.patch(
        url, {"description": "B", "record_version": latest}, format="json", HTTP_IF_MATCH=current
    )
    assert response.status_code == 200


def test_a_refused_change_is_refused_for_an_outsider_first(world, api_for):
    """An outsider learns nothing from a version: 404 before any comparison."""
    pledge = make_pledge(world.partner_a)
    url = f"/api/v1/contributions/{pledge.pk}/"
    response = api_for(world.outsider).patch(
        url, {"description": "x", "record_version": "old"}, format="json"
    )
    assert response.status_code == 404


def test_a_draft_sent_for_review_while_its_edit_was_saved_is_not_changed(reference, world):
    """The pages check the agreement's state when the form is posted; the edit's save checks it
    again under the agreement's row lock, which review takes too: a draft sent for review in
    between is refused (the page answers 409 with the reason), never changed."""
    from simitra.agreements import services
    from simitra.agreements.models import Agreement
    from simitra.planning.testing import make_ready_plan

    world.pledges = make_ready_plan(world)
    mou = make_mou(world)
    read_as_draft = Agreement.objects.get(pk=mou.pk)
    section = read_as_draft.sections.get(key="purpose")
    section.agreement = read_as_draft
    services.submit_for_review(agreement=mou, submitted_by=world.coordinator)

    with pytest.raises(services.WorkflowError):
        services.save_section(section=section, body=MINE)
    read_as_draft.place = MINE
    with pytest.raises(services.WorkflowError):
        services.update_agreement(agreement=read_as_draft, parties=[], language_changed=False)
    mou.refresh_from_db()
    assert mou.place != MINE and mou.parties.exists()
    assert MINE not in mou.sections.get(key="purpose").body
