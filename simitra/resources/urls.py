from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("kemitraan/<slug:code>/kontribusi/", views.contributions, name="contributions"),
    path("kemitraan/<slug:code>/kontribusi/baru/", views.pledge_create, name="pledge_create"),
    path("kemitraan/<slug:code>/kontribusi/<int:pledge_id>/", views.pledge_detail, name="pledge"),
    path(
        "kemitraan/<slug:code>/kontribusi/<int:pledge_id>/ubah/",
        views.pledge_edit,
        name="pledge_edit",
    ),
    path(
        "kemitraan/<slug:code>/kontribusi/<int:pledge_id>/batalkan/",
        views.pledge_cancel,
        name="pledge_cancel",
    ),
    path(
        "kemitraan/<slug:code>/kontribusi/<int:pledge_id>/buka-kembali/",
        views.pledge_reopen,
        name="pledge_reopen",
    ),
    path(
        "kemitraan/<slug:code>/kontribusi/<int:pledge_id>/hapus/",
        views.pledge_delete,
        name="pledge_delete",
    ),
    path(
        "kemitraan/<slug:code>/kontribusi/<int:pledge_id>/penyerahan/baru/",
        views.delivery_create,
        name="delivery_create",
    ),
    path(
        "kemitraan/<slug:code>/penyerahan/<int:delivery_id>/hapus/",
        views.delivery_delete,
        name="delivery_delete",
    ),
    path(
        "kemitraan/<slug:code>/penyerahan/<int:delivery_id>/bukti/",
        views.delivery_evidence,
        name="delivery_evidence",
    ),
]
