"""Evidence sources: link or uploaded file, checked by content and size, served only through
the access-checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from simitra.scoping.models import Evidence

from .helpers import in_english, make_evidence, make_need, make_node

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    return tmp_path


def url(world, name, *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_the_coordinator_uploads_a_pdf_for_a_cause_and_a_need(world, client_for, private_root):
    cause = make_node(world.partnership, "Sanitasi buruk")
    need = make_need(world.partnership)
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"),
        {
            "title": "Profil Sanitasi",
            "publisher": "Bappeda",
            "year": 2024,
            "figure": "58% tanpa jamban sehat",
            "file": SimpleUploadedFile("profil sanitasi.pdf", PDF),
            "problem_nodes": [cause.pk],
            "needs": [need.pk],
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file_type == "application/pdf" and evidence.file_name == "profil sanitasi.pdf"
    assert "profil" not in evidence.file.name  # stored under a random name
    # Outside MEDIA_ROOT, with no public URL: only the access-checked view serves it.
    assert evidence.file.path.startswith(str(private_root / "private"))
    assert not (private_root / "media").exists()
    with pytest.raises(ValueError):
        evidence.file.url
    assert list(cause.evidence.all()) == [evidence] and list(need.evidence.all()) == [evidence]
    assert evidence.added_by == world.coordinator


def test_a_file_that_is_not_what_it_claims_is_refused(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"),
        {"title": "Laporan", "file": SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00binary")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This kind of file is not accepted" in body
    assert 'value="Laporan"' in body
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(world, client_for, settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 20
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"),
        {"title": "Laporan", "file": SimpleUploadedFile("laporan.pdf", PDF)},
    )
    assert "The file is too large" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_source_needs_a_link_or_a_file(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"), {"title": "Tanpa sumber"}
    )
    assert "Give a link to the source or upload its file." in response.content.decode()
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"), {"title": "Skrip", "url": "javascript:alert(1)"}
    )
    assert "Enter a valid URL." in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_file_is_served_only_to_those_who_see_the_partnership(world, client_for):
    evidence = make_evidence(
        world.partnership,
        url="",
        file=SimpleUploadedFile("x.pdf", PDF),
        file_name="Survei gizi.pdf",
        file_type="application/pdf",
    )
    file_url = url(world, "scoping:evidence_file", evidence.pk)
    response = client_for(world.observer).get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        "attachment" in response["Content-Disposition"]
        and "Survei" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == PDF
    assert client_for(world.outsider).get(file_url).status_code == 404
    assert client_for(None).get(file_url).status_code == 302


def test_the_list_shows_sources_to_readers_and_edits_to_the_coordinator(world, client_for):
    make_evidence(world.partnership, title="Survei Status Gizi", figure="34,1%")
    body = client_for(world.partner_user).get(url(world, "scoping:evidence")).content.decode()
    assert "Survei Status Gizi" in body and "34,1%" in body
    assert url(world, "scoping:evidence_add") not in body
    assert (
        url(world, "scoping:evidence_add")
        in client_for(world.coordinator).get(url(world, "scoping:evidence")).content.decode()
    )


def test_partners_and_outsiders_cannot_change_evidence(world, client_for):
    evidence = make_evidence(world.partnership)
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:evidence_delete", evidence.pk))
        .status_code
        == 403
    )
    assert (
        client_for(world.outsider)
        .post(url(world, "scoping:evidence_delete", evidence.pk))
        .status_code
        == 404
    )
    assert client_for(world.partner_user).get(url(world, "scoping:evidence_add")).status_code == 403
    assert (
        client_for(world.coordinator)
        .post(url(world, "scoping:evidence_delete", evidence.pk))
        .status_code
        == 302
    )
    assert not Evidence.objects.exists()


def test_the_form_says_beforehand_that_a_link_or_a_file_is_required(world, client_for):
    in_english(world.coordinator)
    body = client_for(world.coordinator).get(url(world, "scoping:evidence_add")).content.decode()
    assert "A link or a file is required" in body
    assert "Needed when there is no link." in body


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Give a link to the source or upload its file."),
        ("id", "Berikan tautan ke sumbernya atau unggah berkasnya."),
    ],
)
def test_a_source_without_link_or_file_is_answered_in_words_not_the_constraint(
    world, client_for, language, message
):
    world.coordinator.language = language
    world.coordinator.save(update_fields=["language"])
    response = client_for(world.coordinator).post(
        url(world, "scoping:evidence_add"), {"title": "Tanpa sumber"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.count(message) == 1
    assert "evidence_has_link_or_file" not in body and "Batasan" not in body
    assert not Evidence.objects.exists()


def test_clearing_the_file_of_a_source_without_a_link_gives_one_message(world):
    from django.utils import translation

    from simitra.scoping.forms import EvidenceForm

    evidence = make_evidence(
        world.partnership, url="", file=SimpleUploadedFile("x.pdf", PDF), file_name="x.pdf"
    )
    with translation.override("en"):
        form = EvidenceForm(
            {"title": evidence.title, "url": "", "file-clear": "on"},
            {},
            instance=evidence,
            partnership=world.partnership,
        )
        assert not form.is_valid()
        assert form.non_field_errors() == ["Give a link to the source or upload its file."]


def test_the_model_refuses_in_words_too(world):
    """The admin and any other model form validate through the constraint: its message, not
    its name."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as refusal:
        Evidence(partnership=world.partnership, title="Tanpa sumber").validate_constraints()
    assert refusal.value.messages == ["Berikan tautan ke sumbernya atau unggah berkasnya."]


def test_a_source_with_a_stored_file_opens_for_editing_naming_the_file(world, client_for):
    """The file is private (no URL): the form names it, never links it (was a 500)."""
    client = client_for(world.coordinator)
    client.post(
        url(world, "scoping:evidence_add"),
        {"title": "Profil Sanitasi", "file": SimpleUploadedFile("profil sanitasi.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    response = client.get(url(world, "scoping:evidence_edit", evidence.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "profil sanitasi.pdf" in page
    assert evidence.file.name.rsplit("/", 1)[-1] not in page  # not the stored random name
