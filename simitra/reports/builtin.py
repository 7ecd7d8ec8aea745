"""The built-in report templates (shipped by a data migration; `load_builtin_templates` keeps
them current). Titles are in the template's own language: they are what the report prints."""

# (key, title, audience, language, period kind, [(section kind, title), ...])
BUILTIN_TEMPLATES = [
    (
        "triwulan",
        "Laporan Triwulan",
        "Bappeda (perencanaan daerah)",
        "id",
        "quarter",
        [
            ("cover", "Ringkasan"),
            ("activities", "Kemajuan kegiatan terhadap rencana"),
            ("results", "Capaian indikator"),
            ("beneficiaries", "Penerima manfaat"),
            ("contributions", "Kontribusi para mitra"),
            ("risks", "Risiko"),
            ("governance", "Tata kelola: rapat dan keputusan"),
            ("warnings", "Peringatan dini dan tindak lanjut"),
            ("narrative", "Cerita dari lapangan"),
            ("annex", "Lampiran: daftar bukti"),
        ],
    ),
    (
        "donor-semester",
        "Semester report",
        "Donor",
        "en",
        "semester",
        [
            ("cover", "Summary"),
            ("results", "Results"),
            ("beneficiaries", "Beneficiaries reached"),
            ("contributions", "Contributions pledged and delivered"),
            ("activities", "Activities against the plan"),
            ("risks", "Risks"),
            ("health", "Partnership health"),
            ("narrative", "Narrative"),
            ("annex", "Annex: evidence"),
        ],
    ),
    (
        "csr-tjsl",
        "Laporan Program TJSL",
        "Perusahaan (CSR/TJSL)",
        "id",
        "semester",
        [
            ("cover", "Ringkasan program"),
            ("contributions", "Kontribusi perusahaan dan mitra"),
            ("results", "Capaian program"),
            ("beneficiaries", "Penerima manfaat"),
            ("narrative", "Kontribusi CSR perusahaan"),
            ("risks", "Risiko"),
            ("annex", "Lampiran: daftar bukti"),
        ],
    ),
    (
        "closing",
        "Laporan Penutupan",
        "Semua mitra",
        "id",
        "whole",
        [
            ("cover", "Ringkasan"),
            ("results", "Capaian akhir indikator"),
            ("beneficiaries", "Penerima manfaat"),
            ("contributions", "Kontribusi yang dijanjikan dan diberikan"),
            ("activities", "Kegiatan"),
            ("governance", "Tata kelola"),
            ("health", "Kesehatan kemitraan"),
            ("risks", "Risiko"),
            ("narrative", "Pelajaran dan keberlanjutan"),
            ("annex", "Lampiran: daftar bukti"),
        ],
    ),
]


def load_builtin_templates(ReportTemplate, TemplateSection) -> int:
    """Create or update the built-in templates (models passed in, so a migration can call it)."""
    for key, title, audience, language, period_kind, sections in BUILTIN_TEMPLATES:
        template, _created = ReportTemplate.objects.update_or_create(
            key=key,
            organisation=None,
            defaults={
                "title": title,
                "audience": audience,
                "language": language,
                "period_kind": period_kind,
            },
        )
        template.sections.all().delete()
        TemplateSection.objects.bulk_create(
            TemplateSection(template=template, kind=kind, title=section_title, order=n)
            for n, (kind, section_title) in enumerate(sections, 1)
        )
    return len(BUILTIN_TEMPLATES)
