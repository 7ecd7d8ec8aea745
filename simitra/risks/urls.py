from django.urls import path

from . import views

app_name = "risks"

P = "kemitraan/<slug:code>/risiko/"

urlpatterns = [
    path(P, views.register, name="register"),
    path(f"{P}baru/", views.risk_form, name="risk_add"),
    path(f"{P}alokasi/", views.allocation, name="allocation"),
    path(f"{P}kategori/", views.categories, name="categories"),
    path(f"{P}<int:pk>/", views.risk_detail, name="risk"),
    path(f"{P}<int:pk>/ubah/", views.risk_form, name="risk_edit"),
    path(f"{P}<int:pk>/bagi/", views.risk_shares, name="shares"),
    path(f"{P}<int:pk>/kerugian/", views.loss_add, name="loss_add"),
]
