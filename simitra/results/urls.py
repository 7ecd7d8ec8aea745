from django.urls import path

from . import views

app_name = "results"

P = "kemitraan/<slug:code>/"

urlpatterns = [
    path(f"{P}hasil/", views.results_page, name="page"),
    path(f"{P}hasil/hasil-baru/", views.result_form, name="result_add"),
    path(f"{P}hasil/hasil/<int:pk>/ubah/", views.result_form, name="result_edit"),
    path(f"{P}hasil/indikator/baru/", views.indicator_form, name="indicator_add"),
    path(f"{P}hasil/indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path(f"{P}hasil/indikator/<int:pk>/ubah/", views.indicator_form, name="indicator_edit"),
    path(f"{P}hasil/indikator/<int:pk>/periode/", views.periods, name="periods"),
    path(f"{P}hasil/periode/<int:pk>/tutup/", views.period_close, name="period_close"),
    path(f"{P}hasil/periode/<int:pk>/buka/", views.period_reopen, name="period_reopen"),
    path(
        f"{P}hasil/indikator/<int:indicator_pk>/nilai/baru/",
        views.value_form,
        name="value_add",
    ),
    path(f"{P}hasil/nilai/<int:pk>/ubah/", views.value_form, name="value_edit"),
    path(f"{P}hasil/nilai/<int:pk>/ajukan/", views.value_submit, name="value_submit"),
    path(f"{P}hasil/nilai/<int:pk>/setujui/", views.value_approve, name="value_approve"),
    path(f"{P}hasil/nilai/<int:pk>/kembalikan/", views.value_return, name="value_return"),
    path(f"{P}hasil/nilai/<int:pk>/bukti/", views.value_evidence, name="value_evidence"),
    path(f"{P}hasil/kesepakatan/", views.agreement, name="agreement"),
    path(f"{P}hasil/kesepakatan/setujui/", views.agreement_approve, name="agreement_approve"),
    path(f"{P}hasil/disagregasi/", views.dimensions, name="dimensions"),
    path(f"{P}penerima-manfaat/", views.beneficiaries, name="beneficiaries"),
    path(f"{P}penerima-manfaat/baru/", views.beneficiary_form, name="beneficiary_add"),
    path(f"{P}penerima-manfaat/<int:pk>/ubah/", views.beneficiary_form, name="beneficiary_edit"),
]
