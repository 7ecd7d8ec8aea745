import datetime as dt

import pytest

from simitra.reports import services
from simitra.reports.builtin import load_builtin_templates
from simitra.reports.models import ReportTemplate, TemplateSection


@pytest.fixture
def builtin(db):
    """The built-in templates (the tests build their database without the data migration)."""
    load_builtin_templates(ReportTemplate, TemplateSection)
    return {t.key: t for t in ReportTemplate.objects.filter(organisation=None)}


@pytest.fixture
def report(world, builtin):
    """A quarterly draft of the test partnership, its narrative assigned to partner A."""
    made = services.create_report(
        partnership=world.partnership,
        template=builtin["triwulan"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 3, 31),
        user=world.coordinator,
    )
    made.sections.filter(kind="narrative").update(assigned_to=world.partner_a)
    return made


def narrative(report):
    return report.sections.get(kind="narrative")


@pytest.fixture
def immediate_tasks(settings):
    """The task queue runs each task as it is queued (in the request that queues it)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
