from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("kemitraan/<slug:code>/laporan/", views.report_list, name="list"),
    path("kemitraan/<slug:code>/laporan/baru/", views.report_create, name="create"),
    path("kemitraan/<slug:code>/laporan/jadwal/", views.schedule_create, name="schedule_create"),
    path(
        "kemitraan/<slug:code>/laporan/jadwal/<int:schedule_id>/berhenti/",
        views.schedule_stop,
        name="schedule_stop",
    ),
    path("kemitraan/<slug:code>/laporan/<int:report_id>/", views.report_detail, name="detail"),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/final/",
        views.report_finalise,
        name="finalise",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/pratinjau/",
        views.report_preview,
        name="preview",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/pembuatan/<int:job_id>/",
        views.render_status,
        name="render_status",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/unduh.<str:extension>",
        views.report_download,
        name="download",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/bagian/<int:section_id>/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/bagian/<int:section_id>/tinjau/",
        views.section_review,
        name="section_review",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/bagian/<int:section_id>/penulis/",
        views.section_assign,
        name="section_assign",
    ),
    path(
        "kemitraan/<slug:code>/laporan/<int:report_id>/publik.pdf",
        views.published_report,
        name="published",
    ),
    path("laporan/portofolio/", views.portfolio_report, name="portfolio"),
    path(
        "laporan/portofolio/unduh.<str:extension>",
        views.portfolio_report_download,
        name="portfolio_download",
    ),
    path("laporan/templat/", views.template_list, name="templates"),
    path("laporan/templat/contoh.docx", views.template_sample, name="template_sample"),
    path("laporan/templat/<int:template_id>/", views.template_edit, name="template_edit"),
    path("laporan/templat/<int:template_id>/salin/", views.template_copy, name="template_copy"),
    path("laporan/templat/<int:template_id>/word/", views.template_upload, name="template_upload"),
]
