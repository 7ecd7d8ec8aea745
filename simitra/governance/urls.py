from django.urls import path

from . import views

app_name = "governance"

P = "kemitraan/<slug:code>/"

urlpatterns = [
    path(f"{P}tata-kelola/", views.panel, name="panel"),
    path(f"{P}tata-kelola/badan/baru/", views.body_form, name="body_add"),
    path(f"{P}tata-kelola/badan/<int:pk>/", views.body_detail, name="body"),
    path(f"{P}tata-kelola/badan/<int:pk>/ubah/", views.body_form, name="body_edit"),
    path(f"{P}tata-kelola/anggota/<int:pk>/hapus/", views.member_remove, name="member_remove"),
    path(f"{P}rapat/", views.meeting_list, name="meetings"),
    path(f"{P}rapat/baru/", views.meeting_form, name="meeting_add"),
    path(f"{P}rapat/kalender.ics", views.meeting_calendar, name="calendar"),
    path(f"{P}rapat/<int:pk>/", views.meeting_detail, name="meeting"),
    path(f"{P}rapat/<int:pk>/ubah/", views.meeting_form, name="meeting_edit"),
    path(f"{P}rapat/<int:pk>/hadir/", views.attendance_add, name="attendance_add"),
    path(
        f"{P}rapat/<int:pk>/hadir/anggota/",
        views.attendance_members,
        name="attendance_members",
    ),
    path(f"{P}rapat/<int:pk>/dokumen/", views.document_add, name="document_add"),
    path(f"{P}rapat/dokumen/<int:pk>/", views.document_download, name="document"),
    path(f"{P}keputusan/", views.decision_list, name="decisions"),
    path(f"{P}keputusan/baru/", views.decision_form, name="decision_add"),
    path(f"{P}keputusan/<int:pk>/ubah/", views.decision_form, name="decision_edit"),
    path(f"{P}keputusan/<int:pk>/kemajuan/", views.decision_progress, name="decision_progress"),
]
