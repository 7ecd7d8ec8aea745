"""The evaluations' tables, moved here from the `reviews` app with their rows and history.

The models keep the tables they had in `reviews` (`db_table`, and `HistoricalRecords(table_name=…)`
for their history; the index, constraint and many-to-many table names derive from those), so
this migration meets two kinds of database and needs nothing else from the one who migrates:

- fresh: `CreateModelOrAdopt` creates each table, as `CreateModel` would;
- migrated by the old `reviews` migrations (0001_initial, 0002_evaluations_warnings_alerts): the
  tables are there with their rows, and each is adopted as it is (checked to have every column
  of the model state, which repeats the old migrations' final state); nothing is created or
  copied.

`MoveContentTypes` then moves the models' content types from `reviews` to `evaluations`,
keeping their ids, so the permissions granted on them, the admin log and any generic reference
still point at them. Unapplying keeps the tables and moves the content types back, so the old
code finds its data again. See `simitra/lib/migrations.py`; tested against a database built by
the old migrations, on SQLite and PostgreSQL, in `tests/test_reviews_split_migrations.py`.
"""

import django.db.models.deletion
import django.utils.timezone
import simitra.lib.migrations
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agreements', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('partnerships', '0004_private_files'),
        ('planning', '0001_initial'),
    ]

    operations = [
        simitra.lib.migrations.CreateModelOrAdopt(
            name='Evaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('evaluator', models.CharField(blank=True, help_text='Who evaluated: a person, a team or an independent evaluator.', max_length=200, verbose_name='evaluator')),
                ('evaluated_on', models.DateField(default=django.utils.timezone.localdate, help_text='The day the facts are counted to (activities due, periods ended, …).', verbose_name='facts as of')),
                ('impact_narrative', models.TextField(blank=True, help_text='What changed for the people the partnership serves, and how you know.', verbose_name='impact on the target beneficiaries')),
                ('findings', models.TextField(blank=True, help_text='What worked, what did not, and why.', verbose_name='findings')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('completed', 'Completed')], default='draft', max_length=10, verbose_name='status')),
                ('facts', models.JSONField(blank=True, editable=False, null=True, verbose_name='facts when completed')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='partnerships.partnership', verbose_name='partnership')),
                ('plan_version', models.ForeignKey(blank=True, help_text='The plan version the partnership is evaluated against.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='planning.planversion', verbose_name='initial plan')),
            ],
            options={
                'verbose_name': 'evaluation',
                'verbose_name_plural': 'evaluations',
                'db_table': 'reviews_evaluation',
                'ordering': ['-evaluated_on', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('completed_at__isnull', True), ('status', 'completed'), _negated=True), name='evaluation_completed_has_date'), models.CheckConstraint(condition=models.Q(models.Q(('impact_narrative', ''), ('status', 'completed'), _negated=True), models.Q(('findings', ''), ('status', 'completed'), _negated=True)), name='evaluation_completed_has_narrative_and_findings')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalEvaluation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('evaluator', models.CharField(blank=True, help_text='Who evaluated: a person, a team or an independent evaluator.', max_length=200, verbose_name='evaluator')),
                ('evaluated_on', models.DateField(default=django.utils.timezone.localdate, help_text='The day the facts are counted to (activities due, periods ended, …).', verbose_name='facts as of')),
                ('impact_narrative', models.TextField(blank=True, help_text='What changed for the people the partnership serves, and how you know.', verbose_name='impact on the target beneficiaries')),
                ('findings', models.TextField(blank=True, help_text='What worked, what did not, and why.', verbose_name='findings')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('completed', 'Completed')], default='draft', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('completed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership', verbose_name='partnership')),
                ('plan_version', models.ForeignKey(blank=True, db_constraint=False, help_text='The plan version the partnership is evaluated against.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='planning.planversion', verbose_name='initial plan')),
            ],
            options={
                'verbose_name': 'historical evaluation',
                'verbose_name_plural': 'historical evaluations',
                'db_table': 'reviews_historicalevaluation',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalRevisionAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('recommendation', models.TextField(max_length=2000, verbose_name='recommendation')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=12, verbose_name='status')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('amendment', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='led to agreement amendment')),
                ('evaluation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evaluations.evaluation', verbose_name='evaluation')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, help_text='The partner that carries the action out.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partner', verbose_name='owner')),
                ('plan_version', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='planning.planversion', verbose_name='led to plan version')),
            ],
            options={
                'verbose_name': 'historical revision action',
                'verbose_name_plural': 'historical revision actions',
                'db_table': 'reviews_historicalrevisionaction',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='RevisionAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recommendation', models.TextField(max_length=2000, verbose_name='recommendation')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=12, verbose_name='status')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('amendment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revision_actions', to='agreements.agreement', verbose_name='led to agreement amendment')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='evaluations.evaluation', verbose_name='evaluation')),
                ('owner', models.ForeignKey(help_text='The partner that carries the action out.', on_delete=django.db.models.deletion.PROTECT, related_name='revision_actions', to='partnerships.partner', verbose_name='owner')),
                ('plan_version', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revision_actions', to='planning.planversion', verbose_name='led to plan version')),
            ],
            options={
                'verbose_name': 'revision action',
                'verbose_name_plural': 'revision actions',
                'db_table': 'reviews_revisionaction',
                'ordering': ['due_date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('done_on__isnull', True), ('status', 'done'), _negated=True), name='revision_action_done_has_date')],
            },
        ),
        simitra.lib.migrations.MoveContentTypes(
            from_app_label='reviews',
        ),
    ]
