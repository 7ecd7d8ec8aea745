"""Candidates rejected before partners could be "rejected" were stored as withdrawn partners;
they become rejected, so they leave the list of partners (a partner that left after being
confirmed stays withdrawn)."""

from django.db import migrations


def mark_rejected(apps, schema_editor):
    Candidacy = apps.get_model("scoping", "Candidacy")
    Partner = apps.get_model("partnerships", "Partner")
    Partner.objects.filter(
        status="withdrawn",
        pk__in=Candidacy.objects.filter(decision="rejected").values("partner_id"),
    ).update(status="rejected")


def mark_withdrawn(apps, schema_editor):
    apps.get_model("partnerships", "Partner").objects.filter(status="rejected").update(
        status="withdrawn"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scoping", "0001_initial"),
        ("partnerships", "0007_partner_rejected"),
    ]

    operations = [
        migrations.RunPython(mark_rejected, mark_withdrawn, elidable=True),
    ]
