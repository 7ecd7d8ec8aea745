from django.urls import path

from . import views

app_name = "knowledge"

P = "kemitraan/<slug:code>/"

urlpatterns = [
    # The partnership's sustaining tab.
    path(P + "keberlanjutan/", views.sustainability, name="sustainability"),
    path(P + "keberlanjutan/ubah/", views.sustainability_edit, name="sustainability_edit"),
    path(P + "pelajaran/", views.lessons, name="lessons"),
    path(P + "pelajaran/baru/", views.lesson_create, name="lesson_create"),
    path(P + "pelajaran/<int:pk>/ubah/", views.lesson_edit, name="lesson_edit"),
    path(P + "pelajaran/<int:pk>/hapus/", views.lesson_delete, name="lesson_delete"),
    path(P + "praktik/", views.practices, name="practices"),
    path(P + "praktik/baru/", views.practice_create, name="practice_create"),
    path(P + "praktik/<int:pk>/ubah/", views.practice_edit, name="practice_edit"),
    path(P + "praktik/<int:pk>/hapus/", views.practice_delete, name="practice_delete"),
    path(P + "penutupan/", views.closing, name="closing"),
    path(P + "penutupan/akhiri/", views.close, name="close"),
    # The public knowledge portal: no login.
    path("pengetahuan/", views.portal, name="portal"),
    path("pengetahuan/peta.json", views.portal_map_data, name="portal_map_data"),
    path(
        "pengetahuan/kemitraan/<slug:code>/",
        views.public_partnership,
        name="partnership_public",
    ),
    path("pengetahuan/praktik/<slug:slug>/", views.public_practice, name="practice_public"),
    path("pengetahuan/praktik/<slug:slug>/pdf/", views.practice_pdf, name="practice_pdf"),
    path("pengetahuan/pelajaran/<slug:slug>/", views.public_lesson, name="lesson_public"),
]
