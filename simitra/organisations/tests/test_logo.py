import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from simitra.partnerships.testing import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db

FORM = {"name": "Yayasan Air Sehat", "sector": "ngo"}


def png(size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def logo_file(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def admin_and_org():
    organisation = make_organisation("Yayasan Air Sehat")
    admin = make_user()
    make_member(admin, organisation, is_admin=True)
    return admin, organisation


def test_an_admin_uploads_a_png_logo(client_for, admin_and_org):
    admin, organisation = admin_and_org
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client_for(admin).post(url, {**FORM, "logo": logo_file(png())})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("organisations/logos/")
    assert organisation.logo.open("rb").read().startswith(b"\x89PNG")
    page = client_for(admin).get(url)  # the form names the stored logo (no URL: private)
    assert page.status_code == 200 and "logo-clear" in page.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            logo_file(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10),
            "Logo bukan gambar PNG atau JPEG yang dapat dibaca.",
        ),
        (
            logo_file(b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 1)),
            "Logo terlalu besar; batasnya 1 MB.",
        ),
        (
            logo_file(b"%PDF-1.4 a document", name="logo.pdf", content_type="application/pdf"),
            "Jenis berkas ini tidak diterima.",
        ),
    ],
    ids=["fake-png", "too-big", "pdf"],
)
def test_a_file_that_is_not_a_small_png_or_jpeg_is_refused(
    client_for, admin_and_org, upload, message
):
    admin, organisation = admin_and_org
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client_for(admin).post(url, {**FORM, "logo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo


def test_the_refusal_is_in_english_too(admin_and_org):
    from django.utils import translation

    from simitra.organisations.forms import OrganisationForm

    _admin, organisation = admin_and_org
    bad = logo_file(b"\x89PNG\r\n\x1a\n" + b"junk" * 10)
    with translation.override("en"):
        form = OrganisationForm(FORM, {"logo": bad}, instance=organisation)
        assert not form.is_valid()
        assert form.errors["logo"] == ["The logo is not a readable PNG or JPEG image."]


def test_an_outsider_cannot_change_another_organisations_logo(client_for, admin_and_org):
    _admin, organisation = admin_and_org
    stranger = make_user()
    make_member(stranger, make_organisation("Lain"), is_admin=True)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client_for(stranger).post(url, {**FORM, "logo": logo_file(png())})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert not organisation.logo
