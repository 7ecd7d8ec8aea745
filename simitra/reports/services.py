"""The report's workflow: make it from a template, write and review its narrative, finalise it."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.notifications.models import Kind
from simitra.notifications.services import notify, representatives_of
from simitra.partnerships import events

from . import documents
from .content import report_content
from .models import (
    RENDERED_DOCUMENTS,
    NarrativeVersion,
    Report,
    ReportSection,
    ReportTemplate,
    SectionKind,
    TemplateSection,
)


class ReportRefused(Exception):
    """A step the report's state does not allow; the message says why."""


@transaction.atomic
def create_report(
    *,
    partnership,
    template: ReportTemplate,
    period_start,
    period_end,
    user,
    title="",
    schedule=None,
    due_date=None,
):
    report = Report.objects.create(
        schedule=schedule,
        due_date=due_date,
        partnership=partnership,
        template=template,
        title=title or template.title,
        language=template.language,
        period_start=period_start,
        period_end=period_end,
        created_by=user,
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, kind=s.kind, title=s.title, order=s.order)
        for s in template.sections.all()
    )
    return report


@transaction.atomic
def copy_template(*, template: ReportTemplate, organisation, title: str) -> ReportTemplate:
    """An organisation's own copy of a template, with the same sections (and Word file)."""
    copy = ReportTemplate.objects.create(
        organisation=organisation,
        title=title,
        audience=template.audience,
        language=template.language,
        period_kind=template.period_kind,
        docx=template.docx.name if template.docx else "",
        docx_name=template.docx_name,
    )
    TemplateSection.objects.bulk_create(
        TemplateSection(template=copy, kind=s.kind, title=s.title, order=s.order)
        for s in template.sections.all()
    )
    return copy


def _locked_draft(report: Report) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.is_final:
        raise ReportRefused(_("The report is final: nothing in it changes any more."))
    return locked


@transaction.atomic
def assign_section(*, section: ReportSection, partner) -> ReportSection:
    _locked_draft(section.report)
    section.assigned_to = partner
    section.save(update_fields=["assigned_to", "updated_at"])
    if partner is not None:
        notify(
            users=representatives_of([partner.organisation_id]),
            kind=Kind.NARRATIVE_REQUESTED,
            partnership=section.report.partnership,
            url=reverse(
                "reports:detail", args=[section.report.partnership.code, section.report.pk]
            ),
            params={"section": section.title, "report": section.report.title},
        )
    return section


@transaction.atomic
def save_narrative(*, section: ReportSection, text: str, user, submit: bool) -> ReportSection:
    """Keep what the partner typed as a new version; submitting puts it to the coordinator."""
    _locked_draft(section.report)
    section = ReportSection.objects.select_for_update().get(pk=section.pk)
    if section.status == ReportSection.Status.APPROVED:
        raise ReportRefused(_("This section is approved: ask the coordinator to return it first."))
    last = section.versions.aggregate(n=Max("number"))["n"] or 0
    NarrativeVersion.objects.create(section=section, number=last + 1, text=text, written_by=user)
    section.text = text
    section.status = ReportSection.Status.SUBMITTED if submit else ReportSection.Status.DRAFT
    section.save(update_fields=["text", "status", "updated_at"])
    return section


@transaction.atomic
def review_narrative(*, section: ReportSection, approve: bool, reason: str = "") -> ReportSection:
    _locked_draft(section.report)
    section = ReportSection.objects.select_for_update().get(pk=section.pk)
    if section.status != ReportSection.Status.SUBMITTED:
        raise ReportRefused(_("Only a submitted section can be approved or returned."))
    if not approve and not reason.strip():
        raise ReportRefused(_("Say why the section goes back."))
    section.status = ReportSection.Status.APPROVED if approve else ReportSection.Status.RETURNED
    section.return_reason = "" if approve else reason.strip()
    section.save(update_fields=["status", "return_reason", "updated_at"])
    return section


def finalise_checks(report: Report) -> list[str]:
    """What stops the report from being finalised (empty: it may be)."""
    failed = []
    for section in report.sections.all():
        if section.kind != SectionKind.NARRATIVE:
            continue
        if section.status == ReportSection.Status.RETURNED:
            failed.append(_("“%(title)s” was returned to its writer.") % {"title": section.title})
        elif section.status != ReportSection.Status.APPROVED:
            failed.append(
                _("“%(title)s” is not approved yet (%(status)s).")
                % {"title": section.title, "status": section.get_status_display()}
            )
    if not report.sections.exists():
        failed.append(_("The report has no section."))
    return failed


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


DOCUMENTS = RENDERED_DOCUMENTS


def render_files(content: dict, template: bytes | None, progress=None) -> dict[str, bytes]:
    """The report's PDF, DOCX and Excel files from `content`, in memory (nothing is stored
    until all three are written). `progress(step, done)` is told before each document, `done`
    counting the sections gathered and the documents written so far."""
    tell = progress or _silent
    sections = len(content["sections"])
    renderers = {
        "pdf": lambda: documents.render_pdf(content),
        "docx": lambda: documents.render_docx(content, template),
        "xlsx": lambda: documents.render_xlsx(content),
    }
    files = {}
    for written, extension in enumerate(DOCUMENTS):
        tell(extension, sections + written)
        files[extension] = renderers[extension]()
    tell("saving", sections + len(DOCUMENTS))
    return files


def _silent(step: str, done: int) -> None:
    return None


def store_files(record, files: dict[str, bytes], name_of) -> None:
    """Save the rendered files on `record`'s file fields (not the record itself); should one
    fail, those already written are removed, so no half set of files stays behind."""
    written = []
    try:
        for extension, data in files.items():
            field = getattr(record, extension)
            field.save(name_of(extension), ContentFile(data), save=False)
            written.append(field)
    except Exception:
        for field in written:
            field.delete(save=False)
        raise


def finalise_report(*, report: Report, user, progress=None) -> Report:
    """Freeze the report once: its content as of now, the files rendered from it with their
    SHA-256. A second finalisation (also one racing this one) is refused. The row lock is held
    from the checks to the stored files; `progress(step, done)` is told each step (see
    `rendering.Progress`, which writes it where the waiting page can read it)."""
    tell = progress or _silent
    with transaction.atomic():
        tell("checking", 0)
        locked = _locked_draft(report)
        failed = finalise_checks(locked)
        if failed:
            raise ReportRefused(" ".join(failed))
        now = timezone.now()
        content = report_content(
            locked, today=timezone.localdate(now), progress=lambda n: tell("sections", n)
        )
        files = render_files(content, word_template(locked), tell)
        store_files(locked, files, lambda extension: documents.file_name(locked, extension))
        try:
            for extension, data in files.items():
                setattr(locked, f"{extension}_sha256", _sha256(data))
            locked.snapshot = content
            locked.snapshot_at = now
            locked.finalised_at = now
            locked.finalised_by = user
            locked.status = Report.Status.FINAL
            locked.save()
        except Exception:
            for extension in files:
                getattr(locked, extension).delete(save=False)
            raise
        events.emit(
            events.EventType.REPORT_FINALISED,
            partnership_id=locked.partnership_id,
            record_kind="report",
            record_pk=locked.pk,
        )
    return locked


def word_template(report: Report) -> bytes | None:
    """The organisation's own Word file of the report's template, if it has one."""
    if not (report.template and report.template.docx):
        return None
    with report.template.docx.open("rb") as file:
        return file.read()


def content_of(report: Report) -> dict:
    """The frozen content of a final report, the live one of a draft."""
    return report.snapshot if report.is_final else report_content(report)
