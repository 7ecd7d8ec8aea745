from django.urls import path

from . import views

app_name = "webhooks"

P = "kemitraan/<slug:code>/webhook/"

urlpatterns = [
    path(P, views.subscription_list, name="list"),
    path(f"{P}baru/", views.subscription_form, name="add"),
    path(f"{P}<int:pk>/", views.subscription_detail, name="detail"),
    path(f"{P}<int:pk>/ubah/", views.subscription_form, name="edit"),
    path(f"{P}<int:pk>/jeda/", views.pause, name="pause"),
    path(f"{P}<int:pk>/lanjutkan/", views.resume, name="resume"),
    path(f"{P}<int:pk>/hapus/", views.delete, name="delete"),
    path(f"{P}<int:pk>/kirim/<int:delivery>/", views.resend, name="resend"),
]
