from django.urls import path

from . import views

app_name = "field"

urlpatterns = [
    path("lapangan/", views.tasks, name="tasks"),
    path("lapangan/data.json", views.reference, name="reference"),
    path("lapangan/kirim/<str:kind>/", views.send, name="send"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
]
