from django.urls import path

from . import views

app_name = "early_warning"

P = "kemitraan/<slug:code>/"

urlpatterns = [
    path(f"{P}peringatan/", views.warning_panel, name="warning"),
    path(
        f"{P}peringatan/<int:pk>/diketahui/",
        views.alert_acknowledge,
        name="alert_acknowledge",
    ),
    path("peringatan/", views.alert_list, name="alerts"),
]
