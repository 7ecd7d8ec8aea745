"""Each phase transition numbered in its partnership's history, one per number: two moves
made from the same state cannot both be kept. Existing transitions are numbered in the order
they were made."""

from django.db import migrations, models


def number_transitions(apps, schema_editor):
    PhaseTransition = apps.get_model("partnerships", "PhaseTransition")
    numbers: dict[int, int] = {}
    changed = []
    for transition in PhaseTransition.objects.order_by("partnership_id", "moved_at", "pk"):
        numbers[transition.partnership_id] = numbers.get(transition.partnership_id, 0) + 1
        transition.number = numbers[transition.partnership_id]
        changed.append(transition)
    PhaseTransition.objects.bulk_update(changed, ["number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0008_separate_value_approval_and_invitation")]

    operations = [
        migrations.AddField(
            model_name="phasetransition",
            name="number",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="step"),
        ),
        migrations.RunPython(number_transitions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="phasetransition",
            name="number",
            field=models.PositiveIntegerField(editable=False, verbose_name="step"),
        ),
        migrations.AddConstraint(
            model_name="phasetransition",
            constraint=models.UniqueConstraint(
                fields=("partnership", "number"), name="one_transition_per_step"
            ),
        ),
    ]
