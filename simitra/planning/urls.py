from django.urls import path

from . import views

app_name = "planning"

base = "kemitraan/<slug:code>/rencana/"
urlpatterns = [
    path(base, views.plan, name="plan"),
    path(f"{base}gantt/", views.gantt, name="gantt"),
    path(f"{base}kegiatan/baru/", views.activity_form, name="activity_create"),
    path(f"{base}kegiatan/<int:activity_id>/", views.activity_form, name="activity_edit"),
    path(f"{base}kegiatan/<int:activity_id>/hapus/", views.activity_delete, name="activity_delete"),
    path(f"{base}tonggak/baru/", views.milestone_form, name="milestone_create"),
    path(f"{base}tonggak/<int:milestone_id>/", views.milestone_form, name="milestone_edit"),
    path(
        f"{base}tonggak/<int:milestone_id>/hapus/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path(f"{base}versi/", views.versions, name="versions"),
    path(f"{base}versi/<int:number>/", views.version_detail, name="version"),
]
