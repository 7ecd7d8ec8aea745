from django.urls import path

from . import views

app_name = "evaluations"

P = "kemitraan/<slug:code>/"
EVALUATION = f"{P}evaluasi/<int:pk>/"

urlpatterns = [
    path(f"{P}evaluasi/", views.evaluation_list, name="evaluations"),
    path(f"{P}evaluasi/baru/", views.evaluation_form, name="evaluation_create"),
    path(EVALUATION, views.evaluation_detail, name="evaluation"),
    path(EVALUATION + "ubah/", views.evaluation_form, name="evaluation_edit"),
    path(EVALUATION + "selesai/", views.evaluation_complete, name="evaluation_complete"),
    path(EVALUATION + "tindakan/baru/", views.action_form, name="action_create"),
    path(
        EVALUATION + "tindakan/<int:action_id>/ubah/",
        views.action_form,
        name="action_edit",
    ),
    path(
        EVALUATION + "tindakan/<int:action_id>/tindak-lanjut/",
        views.action_follow_up,
        name="action_follow_up",
    ),
]
