from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("baru/", views.partnership_create, name="create"),
    path("undangan/gabung/<str:token>/", views.invitation_join, name="invitation_join"),
    path("pilihan-organisasi/", views.organisation_options, name="organisation_options"),
    path("<slug:code>/", views.partnership_detail, name="detail"),
    path("<slug:code>/ubah/", views.partnership_edit, name="edit"),
    path("<slug:code>/gerbang/", views.partnership_gate, name="gate"),
    path("<slug:code>/maju/", views.partnership_advance, name="advance"),
    path("<slug:code>/mundur/", views.partnership_revert, name="revert"),
    path("<slug:code>/riwayat/", views.partnership_history, name="history"),
    path("<slug:code>/mitra/tambah/", views.partner_add, name="partner_add"),
    path("<slug:code>/mitra/<int:partner_id>/", views.partner_edit, name="partner_edit"),
    path("<slug:code>/mitra/<int:partner_id>/undang/", views.partner_invite, name="partner_invite"),
    path("<slug:code>/undangan/", views.invitation, name="invitation"),
    path(
        "<slug:code>/undangan/<int:partner_id>/jawab/",
        views.invitation_answer,
        name="invitation_answer",
    ),
    path("<slug:code>/koordinator/", views.coordinators, name="coordinators"),
    path(
        "<slug:code>/koordinator/<int:user_id>/hapus/",
        views.coordinator_remove,
        name="coordinator_remove",
    ),
    path("<slug:code>/pemantau/", views.observers, name="observers"),
    path(
        "<slug:code>/pemantau/<int:grant_id>/hapus/", views.observer_remove, name="observer_remove"
    ),
]
