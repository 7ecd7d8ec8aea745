from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifikasi/", views.notification_list, name="list"),
    path("notifikasi/pengaturan/", views.preferences, name="preferences"),
    path("notifikasi/baca-semua/", views.mark_all_read, name="read_all"),
    path("notifikasi/<int:pk>/baca/", views.mark_read, name="read"),
    path("notifikasi/<int:pk>/buka/", views.open_notification, name="open"),
]
