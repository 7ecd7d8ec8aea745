from django.urls import path

from . import views

app_name = "regional"

urlpatterns = [
    path("wilayah/rencana/", views.plans, name="plans"),
    path("wilayah/rencana/templat.xlsx", views.plan_template, name="plan_template"),
    path("wilayah/rencana/impor/", views.plan_import, name="plan_import"),
    path("wilayah/rencana/<int:pk>/", views.region_view, name="region"),
    path("wilayah/rencana/<int:pk>/unduh.xlsx", views.region_export, name="region_export"),
    path("wilayah/rencana/<int:pk>/peta.json", views.region_map_data, name="map_data"),
    path("wilayah/csr/", views.csr, name="csr"),
    path("wilayah/csr/<int:pk>/realisasi/", views.csr_realisation, name="csr_realisation"),
    path("wilayah/<str:code>/csr/", views.csr_public, name="csr_public"),
    path("kemitraan/<str:code>/rencana-daerah/", views.alignment, name="alignment"),
    path(
        "kemitraan/<str:code>/rencana-daerah/<int:pk>/hapus/",
        views.alignment_delete,
        name="alignment_delete",
    ),
]
