import pytest
from django.utils import translation

from simitra.agreements import services
from simitra.agreements.models import Agreement, AgreementStatus
from simitra.agreements.testing import SIGNED_ON, approved_mou, make_mou
from simitra.planning.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The reasons are asserted in English (the catalogue translates them to Indonesian)."""
    with translation.override("en"):
        yield


def sign_all(mou, world):
    for party in mou.parties.all():
        services.sign_for_party(
            party=party,
            signatory_name="Nama",
            signatory_title="Jabatan",
            signed_on=SIGNED_ON,
            recorded_by=world.coordinator,
        )
    mou.refresh_from_db()


def test_a_new_mou_is_drafted_from_the_data(ready):
    mou = make_mou(ready)
    sections = {s.key: s.body for s in mou.sections.all()}
    assert len(sections) == 13
    assert "Kemitraan Uji" in sections["purpose"]
    assert "Pemberian makanan tambahan" in sections["scope"]
    assert "PT Mitra Usaha" in sections["roles"]
    assert "Sekretariat Kemitraan" in sections["governance"]
    assert services.completeness_of(mou).complete


def test_the_whole_way_from_draft_to_in_force(ready):
    mou = make_mou(ready)
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    assert mou.status == AgreementStatus.IN_REVIEW
    assert mou.plan_version.number == 1
    assert mou.content_snapshot["parties"]
    parties = list(mou.parties.all())
    for party in parties[:-1]:
        services.approve_for_party(party=party, approved_by=ready.coordinator)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.IN_REVIEW
    services.approve_for_party(party=parties[-1], approved_by=ready.coordinator)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.APPROVED
    sign_all(mou, ready)
    assert mou.status == AgreementStatus.SIGNED
    assert all(p.plan_version_id == mou.plan_version_id for p in mou.parties.all())
    with pytest.raises(services.WorkflowError):
        services.enter_into_force(agreement=mou, effective_date=SIGNED_ON.replace(day=1))
    services.enter_into_force(agreement=mou, effective_date=SIGNED_ON)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.IN_FORCE


def test_sections_are_frozen_outside_draft(ready):
    mou = approved_mou(ready)
    section = mou.sections.get(key="scope")
    with pytest.raises(services.WorkflowError):
        services.save_section(section=section, body="Diubah diam-diam")
    section.refresh_from_db()
    assert section.body != "Diubah diam-diam"


def test_contributions_are_frozen_when_the_agreement_goes_to_review(ready):
    mou = approved_mou(ready)
    ready.pledges["a"].description = "Diubah setelah review"
    ready.pledges["a"].save()
    from simitra.agreements.content import content_of

    descriptions = [c["description"] for c in content_of(mou)["contributions"]]
    assert "Dana CSR" in descriptions and "Diubah setelah review" not in descriptions


def test_a_plan_changed_after_review_blocks_signing_until_reviewed_again(ready):
    mou = approved_mou(ready)
    activity = Activity.objects.get(title="Sekretariat kemitraan")
    activity.deliverable = "Laporan bulanan"
    activity.save()
    from simitra.planning.services import record_plan_version

    record_plan_version(partnership=ready.partnership, made_by=ready.coordinator)
    party = mou.parties.first()
    with pytest.raises(services.AgreementOutOfDate) as refusal:
        services.sign_for_party(
            party=party,
            signatory_name="Nama",
            signatory_title="Jabatan",
            signed_on=SIGNED_ON,
            recorded_by=ready.coordinator,
        )
    assert "The action plan: version 1 then, now 2." in refusal.value.reasons
    services.return_to_draft(agreement=mou)
    assert not mou.parties.filter(approved_at__isnull=False).exists()
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    assert mou.plan_version.number == 2


def test_an_amendment_is_a_new_version_that_replaces_the_old_one(ready):
    mou = approved_mou(ready)
    sign_all(mou, ready)
    services.enter_into_force(agreement=mou, effective_date=SIGNED_ON)
    amendment = services.amend(agreement=mou, created_by=ready.coordinator)
    assert amendment.version == 2 and amendment.amends == mou and amendment.is_draft
    assert amendment.sections.count() == 13 and amendment.parties.count() == 3
    with pytest.raises(services.WorkflowError):
        services.amend(agreement=mou, created_by=ready.coordinator)
    services.submit_for_review(agreement=amendment, submitted_by=ready.coordinator)
    for party in amendment.parties.all():
        services.approve_for_party(party=party, approved_by=ready.coordinator)
    amendment.refresh_from_db()
    sign_all(amendment, ready)
    services.enter_into_force(agreement=amendment, effective_date=SIGNED_ON)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.SUPERSEDED


def test_termination_needs_a_reason(ready):
    mou = approved_mou(ready)
    sign_all(mou, ready)
    with pytest.raises(services.WorkflowError):
        services.terminate(agreement=mou, reason="  ", on=SIGNED_ON)
    services.terminate(agreement=mou, reason="Program dialihkan", on=SIGNED_ON)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.TERMINATED
    assert mou.termination_reason == "Program dialihkan"


def test_changing_the_language_redrafts_sections_not_edited_by_hand(ready):
    mou = make_mou(ready, language="id")
    edited = mou.sections.get(key="disputes")
    services.save_section(section=edited, body="Teks khusus para pihak.")
    mou.language = "en"
    count = services.update_agreement(
        agreement=mou, parties=list(ready.partnership.confirmed_partners()), language_changed=True
    )
    assert count == 12
    assert mou.sections.get(key="disputes").body == "Teks khusus para pihak."
    assert mou.sections.get(key="amendment").body.startswith("Any change to this agreement")


def test_only_drafts_are_deleted(ready):
    mou = approved_mou(ready)
    with pytest.raises(services.WorkflowError):
        services.delete_draft(agreement=mou)
    draft = make_mou(ready)
    services.delete_draft(agreement=draft)
    assert not Agreement.objects.filter(pk=draft.pk).exists()


def test_a_signature_without_an_approval_is_refused_by_the_database(ready):
    from django.db import IntegrityError, transaction

    party = make_mou(ready).parties.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(party).objects.filter(pk=party.pk).update(
            signatory_name="Nama", signatory_title="Kepala", signed_on=SIGNED_ON
        )
    party.refresh_from_db()
    assert not party.is_signed


def test_it_cannot_go_to_review_with_a_placeholder_left(ready):
    mou = make_mou(ready)
    section = mou.sections.get(key="disputes")
    services.save_section(section=section, body="Perselisihan diselesaikan [… nama lembaga].")
    with pytest.raises(services.WorkflowError) as refused:
        services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    assert "placeholder" in str(refused.value) and "still to fill in" in str(refused.value)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.DRAFT and mou.plan_version is None
    services.save_section(section=section, body="Perselisihan diselesaikan secara musyawarah.")
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    assert mou.status == AgreementStatus.IN_REVIEW
