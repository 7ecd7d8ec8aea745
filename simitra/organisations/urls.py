from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("baru/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/ubah/", views.organisation_edit, name="edit"),
    path("<slug:slug>/anggota/", views.organisation_members, name="members"),
    path(
        "<slug:slug>/anggota/<int:membership_id>/hapus/",
        views.organisation_member_remove,
        name="member_remove",
    ),
]
