from django.db import migrations

# The seed's five risks of joining a partnership.
BUILT_IN = ["reputation", "autonomy", "conflict", "resources", "sustainability"]


def create(apps, schema_editor):
    RiskCategory = apps.get_model("risks", "RiskCategory")
    for code in BUILT_IN:
        RiskCategory.objects.get_or_create(code=code, partnership=None)


def remove(apps, schema_editor):
    apps.get_model("risks", "RiskCategory").objects.filter(code__in=BUILT_IN).delete()


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
