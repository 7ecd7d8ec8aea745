from django.urls import path

from . import views

app_name = "agreements"

base = "kemitraan/<slug:code>/kesepakatan/"
one = f"{base}<int:agreement_id>/"
urlpatterns = [
    path(base, views.agreement_list, name="list"),
    path(f"{base}baru/", views.agreement_create, name="create"),
    path(f"{base}hubungan/<int:partner_id>/", views.relationship, name="relationship"),
    path(one, views.agreement_detail, name="detail"),
    path(f"{one}ubah/", views.agreement_edit, name="edit"),
    path(f"{one}bagian/<slug:key>/", views.section_edit, name="section"),
    path(f"{one}bagian/<slug:key>/susun-ulang/", views.section_redraft, name="section_redraft"),
    path(f"{one}ajukan/", views.submit, name="submit"),
    path(f"{one}kembali-ke-draf/", views.to_draft, name="to_draft"),
    path(f"{one}setujui/<int:party_id>/", views.approve, name="approve"),
    path(f"{one}tanda-tangan/<int:party_id>/", views.sign, name="sign"),
    path(f"{one}pindaian/<int:party_id>/", views.scan, name="scan"),
    path(f"{one}berlaku/", views.in_force, name="in_force"),
    path(f"{one}amandemen/", views.amend, name="amend"),
    path(f"{one}akhiri/", views.terminate, name="terminate"),
    path(f"{one}hapus/", views.delete, name="delete"),
    path(f"{one}docx/", views.download_docx, name="docx"),
    path(f"{one}pdf/", views.download_pdf, name="pdf"),
    # Public: beside the partnership's page in the knowledge portal.
    path(
        "pengetahuan/kemitraan/<slug:code>/nota-kesepahaman.pdf",
        views.public_mou,
        name="public_mou",
    ),
]
