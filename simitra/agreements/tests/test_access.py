import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from simitra.agreements import services
from simitra.agreements.models import Agreement, AgreementParty
from simitra.agreements.testing import approved_mou, make_mou

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def sign_url(world, mou, party):
    return reverse("agreements:sign", args=[world.partnership.code, mou.pk, party.pk])


def sign_data(**changes):
    data = {"signatory_name": "Nama", "signatory_title": "Jabatan", "signed_on": "2025-01-20"}
    data.update(changes)
    return data


def test_a_representative_cannot_sign_for_another_organisation(ready, client_for):
    mou = approved_mou(ready)
    other = mou.parties.get(partner=ready.partner_b)
    client = client_for(ready.partner_user)
    assert client.get(sign_url(ready, mou, other)).status_code == 403
    assert client.post(sign_url(ready, mou, other), sign_data()).status_code == 403
    other.refresh_from_db()
    assert not other.is_signed


def test_a_representative_cannot_approve_for_another_organisation(ready, client_for):
    mou = make_mou(ready)
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    other = mou.parties.get(partner=ready.partner_b)
    response = client_for(ready.partner_user).post(
        reverse("agreements:approve", args=[ready.partnership.code, mou.pk, other.pk])
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.is_approved
    own = mou.parties.get(partner=ready.partner_a)
    client_for(ready.partner_user).post(
        reverse("agreements:approve", args=[ready.partnership.code, mou.pk, own.pk])
    )
    own.refresh_from_db()
    assert own.is_approved and own.approved_by == ready.partner_user


def test_the_observer_and_partners_read_but_do_not_run_the_workflow(ready, client_for):
    mou = make_mou(ready)
    code = ready.partnership.code
    for user in (ready.observer, ready.partner_user):
        client = client_for(user)
        assert client.get(reverse("agreements:detail", args=[code, mou.pk])).status_code == 200
        assert client.get(reverse("agreements:create", args=[code])).status_code == 403
        assert client.post(reverse("agreements:submit", args=[code, mou.pk])).status_code == 403
        assert (
            client.get(reverse("agreements:section", args=[code, mou.pk, "scope"])).status_code
            == 403
        )
    party = mou.parties.get(partner=ready.partner_a)
    assert client_for(ready.observer).get(sign_url(ready, mou, party)).status_code == 403
    mou.refresh_from_db()
    assert mou.is_draft


def test_an_outsider_gets_404_everywhere(ready, client_for):
    mou = approved_mou(ready)
    party = mou.parties.first()
    code = ready.partnership.code
    client = client_for(ready.outsider)
    for url in [
        reverse("agreements:list", args=[code]),
        reverse("agreements:detail", args=[code, mou.pk]),
        reverse("agreements:docx", args=[code, mou.pk]),
        reverse("agreements:pdf", args=[code, mou.pk]),
        reverse("agreements:scan", args=[code, mou.pk, party.pk]),
        sign_url(ready, mou, party),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(sign_url(ready, mou, party), sign_data()).status_code == 404


def test_a_signed_scan_is_an_image_or_pdf_served_only_to_those_inside(ready, client_for):
    mou = approved_mou(ready)
    party = mou.parties.get(partner=ready.partner_a)
    client = client_for(ready.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    bad = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(sign_url(ready, mou, party), sign_data(scan=bad))
    assert response.status_code == 200
    assert "This kind of file is not accepted" in response.content.decode()
    party.refresh_from_db()
    assert not party.is_signed
    scan = SimpleUploadedFile("ttd.png", PNG, content_type="image/png")
    assert client.post(sign_url(ready, mou, party), sign_data(scan=scan)).status_code == 302
    party.refresh_from_db()
    assert party.scan_name == "ttd.png"
    url = reverse("agreements:scan", args=[ready.partnership.code, mou.pk, party.pk])
    served = client_for(ready.observer).get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_a_signed_scan_over_the_size_limit_is_refused(ready, client_for, settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 20
    mou = approved_mou(ready)
    party = mou.parties.get(partner=ready.partner_a)
    scan = SimpleUploadedFile("ttd.png", PNG, content_type="image/png")
    response = client_for(ready.partner_user).post(
        sign_url(ready, mou, party), sign_data(scan=scan)
    )
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    party.refresh_from_db()
    assert not party.is_signed and not party.scan


def test_a_signature_cannot_be_dated_in_the_future(ready, client_for):
    mou = approved_mou(ready)
    party = mou.parties.get(partner=ready.partner_a)
    response = client_for(ready.partner_user).post(
        sign_url(ready, mou, party), sign_data(signed_on="2999-01-01")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["signed_on"]
    assert not AgreementParty.objects.filter(signed_on__isnull=False).exists()


def test_the_coordinator_drafts_an_mou_with_every_confirmed_partner(ready, client_for):
    client = client_for(ready.coordinator)
    url = reverse("agreements:create", args=[ready.partnership.code])
    partial = {"kind": "mou", "title": "", "number": "", "language": "en", "place": "Kupang"}
    response = client.post(url, {**partial, "parties": [ready.partner_a.pk, ready.partner_b.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["parties"]
    assert not Agreement.objects.exists()
    everyone = [p.pk for p in ready.partnership.confirmed_partners()]
    response = client.post(url, {**partial, "parties": everyone})
    assert response.status_code == 302
    mou = Agreement.objects.get()
    assert mou.title == "Memorandum of understanding on Kemitraan Uji"
    assert mou.parties.count() == 3


def test_a_section_is_edited_by_the_coordinator_while_in_draft(ready, client_for):
    mou = make_mou(ready)
    url = reverse("agreements:section", args=[ready.partnership.code, mou.pk, "governance"])
    response = client_for(ready.coordinator).post(url, {"body": "Rapat tiap bulan.\nKonsensus."})
    assert response.status_code == 302
    section = mou.sections.get(key="governance")
    assert section.body == "Rapat tiap bulan.\nKonsensus." and section.edited
