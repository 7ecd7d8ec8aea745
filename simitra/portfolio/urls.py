from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portofolio/", views.portfolio, name="portfolio"),
    path("portofolio/unduh.csv", views.portfolio_export, name="portfolio_export"),
    path("portofolio/peta.json", views.portfolio_map_data, name="map_data"),
]
