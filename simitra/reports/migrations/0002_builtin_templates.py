from django.db import migrations


def load(apps, schema_editor):
    from simitra.reports.builtin import load_builtin_templates

    load_builtin_templates(apps.get_model("reports", "ReportTemplate"), apps.get_model("reports", "TemplateSection"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
