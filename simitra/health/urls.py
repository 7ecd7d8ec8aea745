from django.urls import path

from . import views

app_name = "health"

P = "kemitraan/<slug:code>/"
ROUND = f"{P}cek-kesehatan/<int:pk>/"

urlpatterns = [
    path(f"{P}cek-kesehatan/", views.panel, name="panel"),
    path(f"{P}cek-kesehatan/baru/", views.round_open, name="round_open"),
    path(ROUND, views.round_detail, name="round"),
    path(ROUND + "ubah/", views.round_edit, name="round_edit"),
    path(ROUND + "jawab/", views.answer, name="answer"),
    path(ROUND + "pertanyaan/", views.question_add, name="question_add"),
    path(
        ROUND + "pertanyaan/<int:question_id>/hapus/",
        views.question_remove,
        name="question_remove",
    ),
    path(ROUND + "tutup/", views.round_close, name="round_close"),
    path(ROUND + "hasil.csv", views.export, name="export"),
]
