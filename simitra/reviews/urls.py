from django.urls import path

from . import evaluation_views, portfolio_views, views, warning_views

app_name = "reviews"

P = "kemitraan/<slug:code>/"
ROUND = f"{P}cek-kesehatan/<int:pk>/"
EVALUATION = f"{P}evaluasi/<int:pk>/"

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
    # Evaluations and revision actions
    path(f"{P}evaluasi/", evaluation_views.evaluation_list, name="evaluations"),
    path(f"{P}evaluasi/baru/", evaluation_views.evaluation_form, name="evaluation_create"),
    path(EVALUATION, evaluation_views.evaluation_detail, name="evaluation"),
    path(EVALUATION + "ubah/", evaluation_views.evaluation_form, name="evaluation_edit"),
    path(EVALUATION + "selesai/", evaluation_views.evaluation_complete, name="evaluation_complete"),
    path(EVALUATION + "tindakan/baru/", evaluation_views.action_form, name="action_create"),
    path(
        EVALUATION + "tindakan/<int:action_id>/ubah/",
        evaluation_views.action_form,
        name="action_edit",
    ),
    path(
        EVALUATION + "tindakan/<int:action_id>/tindak-lanjut/",
        evaluation_views.action_follow_up,
        name="action_follow_up",
    ),
    # Early warning and alerts
    path(f"{P}peringatan/", warning_views.warning_panel, name="warning"),
    path(
        f"{P}peringatan/<int:pk>/diketahui/",
        warning_views.alert_acknowledge,
        name="alert_acknowledge",
    ),
    path("peringatan/", warning_views.alert_list, name="alerts"),
    # The portfolio
    path("portofolio/", portfolio_views.portfolio, name="portfolio"),
    path("portofolio/unduh.csv", portfolio_views.portfolio_export, name="portfolio_export"),
]
