from django.urls import path

from .views import needs, people, problem, selection

app_name = "scoping"

P = "kemitraan/<slug:code>/"

urlpatterns = [
    # Phase 1
    path(f"{P}masalah/", problem.problem, name="problem"),
    path(f"{P}masalah/rumusan/", problem.statement_edit, name="statement_edit"),
    path(f"{P}masalah/unsur/tambah/", problem.node_edit, name="node_add"),
    path(f"{P}masalah/unsur/<int:node_id>/", problem.node_edit, name="node_edit"),
    path(f"{P}masalah/unsur/<int:node_id>/hapus/", problem.node_delete, name="node_delete"),
    path(f"{P}bukti/", problem.evidence_list, name="evidence"),
    path(f"{P}bukti/tambah/", problem.evidence_edit, name="evidence_add"),
    path(f"{P}bukti/<int:evidence_id>/", problem.evidence_edit, name="evidence_edit"),
    path(f"{P}bukti/<int:evidence_id>/hapus/", problem.evidence_delete, name="evidence_delete"),
    path(f"{P}bukti/<int:evidence_id>/berkas/", problem.evidence_file, name="evidence_file"),
    path(f"{P}kebutuhan/", needs.needs, name="needs"),
    path(f"{P}kebutuhan/tambah/", needs.need_edit, name="need_add"),
    path(f"{P}kebutuhan/<int:need_id>/", needs.need_edit, name="need_edit"),
    path(f"{P}kebutuhan/<int:need_id>/hapus/", needs.need_delete, name="need_delete"),
    path(f"{P}opsi-solusi/", needs.options, name="options"),
    path(f"{P}opsi-solusi/tambah/", needs.option_edit, name="option_add"),
    path(f"{P}opsi-solusi/<int:option_id>/", needs.option_edit, name="option_edit"),
    path(f"{P}opsi-solusi/<int:option_id>/hapus/", needs.option_delete, name="option_delete"),
    path(f"{P}kesesuaian/", needs.suitability_view, name="suitability"),
    path(f"{P}kesesuaian/jawab/", needs.suitability_edit, name="suitability_edit"),
    path(f"{P}ko-kreasi/", needs.cocreation, name="cocreation"),
    # Phase 2
    path(f"{P}calon-mitra/", selection.candidates, name="candidates"),
    path(f"{P}calon-mitra/cari/", selection.candidate_search, name="search"),
    path(f"{P}calon-mitra/tambah/", selection.candidate_add, name="candidate_add"),
    path(f"{P}calon-mitra/<int:partner_id>/", selection.candidate_detail, name="candidate"),
    path(
        f"{P}calon-mitra/<int:partner_id>/deklarasi/",
        selection.candidate_declare,
        name="candidate_declare",
    ),
    path(
        f"{P}calon-mitra/<int:partner_id>/nilai/", selection.candidate_score, name="candidate_score"
    ),
    path(
        f"{P}calon-mitra/<int:partner_id>/keputusan/",
        selection.candidate_decide,
        name="candidate_decide",
    ),
    path(f"{P}hubungan-khusus/", selection.relationships, name="relationships"),
    path(f"{P}hubungan-khusus/tambah/", selection.relationship_edit, name="relationship_add"),
    path(
        f"{P}hubungan-khusus/<int:relationship_id>/",
        selection.relationship_edit,
        name="relationship_edit",
    ),
    path(
        f"{P}hubungan-khusus/<int:relationship_id>/hapus/",
        selection.relationship_delete,
        name="relationship_delete",
    ),
    path(f"{P}pemangku-kepentingan/", people.stakeholders, name="stakeholders"),
    path(f"{P}pemangku-kepentingan/tambah/", people.stakeholder_edit, name="stakeholder_add"),
    path(
        f"{P}pemangku-kepentingan/<int:stakeholder_id>/",
        people.stakeholder_edit,
        name="stakeholder_edit",
    ),
    path(
        f"{P}pemangku-kepentingan/<int:stakeholder_id>/hapus/",
        people.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path(f"{P}peran/", people.roles, name="roles"),
    path(f"{P}peran/tambah/", people.role_add, name="role_add"),
    path(f"{P}peran/<int:role_id>/ubah/", people.role_change, name="role_change"),
    path(f"{P}peran/<int:role_id>/akhiri/", people.role_end, name="role_end"),
]
