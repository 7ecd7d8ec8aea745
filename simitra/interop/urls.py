from django.urls import path

from . import views

app_name = "interop"

urlpatterns = [
    path("data/", views.hub, name="hub"),
    path("data/iati/ekspor/", views.iati_export, name="iati_export"),
    path("data/iati/impor/", views.iati_import, name="iati_import"),
    path("data/excel/templat/<slug:sheet>/", views.excel_template, name="excel_template"),
    path("data/excel/impor/", views.excel_import, name="excel_import"),
    path("data/excel/ekspor/<slug:sheet>/", views.excel_export, name="excel_export"),
    path("data/tugas/", views.job_list, name="jobs"),
    path("data/tugas/<uuid:job_id>/", views.job_detail, name="job"),
    path("data/tugas/<uuid:job_id>/unduh/", views.job_download, name="job_download"),
    path("kemitraan/<slug:code>/iati/", views.partnership_iati, name="partnership_iati"),
    path(
        "kemitraan/<slug:code>/iati.xml",
        views.partnership_iati_download,
        name="partnership_iati_download",
    ),
]
