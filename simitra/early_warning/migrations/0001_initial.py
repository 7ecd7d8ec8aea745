"""The early warning's tables, moved here from the `reviews` app with their rows and history.

The models keep the tables they had in `reviews` (`db_table`, and `HistoricalRecords(table_name=…)`
for their history; the index, constraint and many-to-many table names derive from those), so
this migration meets two kinds of database and needs nothing else from the one who migrates:

- fresh: `CreateModelOrAdopt` creates each table, as `CreateModel` would;
- migrated by the old `reviews` migrations (0001_initial, 0002_evaluations_warnings_alerts): the
  tables are there with their rows, and each is adopted as it is (checked to have every column
  of the model state, which repeats the old migrations' final state); nothing is created or
  copied.

`MoveContentTypes` then moves the models' content types from `reviews` to `early_warning`,
keeping their ids, so the permissions granted on them, the admin log and any generic reference
still point at them. Unapplying keeps the tables and moves the content types back, so the old
code finds its data again. See `simitra/lib/migrations.py`; tested against a database built by
the old migrations, on SQLite and PostgreSQL, in `tests/test_reviews_split_migrations.py`.
"""

import django.db.models.deletion
import simitra.lib.migrations
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('partnerships', '0004_private_files'),
    ]

    operations = [
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalAlert',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('signal', models.CharField(choices=[('activities_overdue', 'Overdue activities'), ('indicators_behind', 'Indicators behind their path'), ('pledges_past_due', 'Contributions past due'), ('health_low', 'Low health'), ('health_falling', 'Falling health'), ('health_divergent', 'Partners disagree'), ('risks_unmitigated', 'High risks without mitigation'), ('risks_unreviewed', 'High risks not reviewed'), ('governance_quiet', 'Governance gone quiet'), ('decisions_overdue', 'Decisions overdue'), ('partners_silent', 'Silent partners')], max_length=24, verbose_name='signal')),
                ('severity', models.CharField(choices=[('amber', 'Amber'), ('red', 'Red')], max_length=6, verbose_name='severity')),
                ('value', models.FloatField(blank=True, null=True, verbose_name='value')),
                ('details', models.JSONField(default=dict)),
                ('raised_at', models.DateTimeField(verbose_name='raised')),
                ('escalated_at', models.DateTimeField(blank=True, null=True, verbose_name='turned red')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved')),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='acknowledged')),
                ('notified_severity', models.CharField(blank=True, choices=[('amber', 'Amber'), ('red', 'Red')], max_length=6)),
                ('notified_at', models.DateTimeField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('acknowledged_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='acknowledged by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership', verbose_name='partnership')),
            ],
            options={
                'verbose_name': 'historical alert',
                'verbose_name_plural': 'historical alerts',
                'db_table': 'reviews_historicalalert',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='PartnershipWarning',
            fields=[
                ('partnership', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='warning_state', serialize=False, to='partnerships.partnership', verbose_name='partnership')),
                ('level', models.CharField(choices=[('red', 'Red'), ('amber', 'Amber'), ('green', 'Green'), ('unknown', 'Not assessed')], max_length=8, verbose_name='level')),
                ('rank', models.PositiveSmallIntegerField(default=0)),
                ('red_count', models.PositiveSmallIntegerField(default=0)),
                ('amber_count', models.PositiveSmallIntegerField(default=0)),
                ('signals', models.JSONField(default=list)),
                ('fingerprint', models.CharField(max_length=64)),
                ('health_mean', models.FloatField(blank=True, null=True)),
                ('health_previous', models.FloatField(blank=True, null=True)),
                ('computed_at', models.DateTimeField(verbose_name='computed')),
                ('changed_at', models.DateTimeField(verbose_name='level or signals last changed')),
            ],
            options={
                'verbose_name': 'early-warning state',
                'verbose_name_plural': 'early-warning states',
                'db_table': 'reviews_partnershipwarning',
                'indexes': [models.Index(fields=['-rank', '-red_count', '-amber_count'], name='reviews_par_rank_b97dd0_idx')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='Alert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signal', models.CharField(choices=[('activities_overdue', 'Overdue activities'), ('indicators_behind', 'Indicators behind their path'), ('pledges_past_due', 'Contributions past due'), ('health_low', 'Low health'), ('health_falling', 'Falling health'), ('health_divergent', 'Partners disagree'), ('risks_unmitigated', 'High risks without mitigation'), ('risks_unreviewed', 'High risks not reviewed'), ('governance_quiet', 'Governance gone quiet'), ('decisions_overdue', 'Decisions overdue'), ('partners_silent', 'Silent partners')], max_length=24, verbose_name='signal')),
                ('severity', models.CharField(choices=[('amber', 'Amber'), ('red', 'Red')], max_length=6, verbose_name='severity')),
                ('value', models.FloatField(blank=True, null=True, verbose_name='value')),
                ('details', models.JSONField(default=dict)),
                ('raised_at', models.DateTimeField(verbose_name='raised')),
                ('escalated_at', models.DateTimeField(blank=True, null=True, verbose_name='turned red')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved')),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='acknowledged')),
                ('notified_severity', models.CharField(blank=True, choices=[('amber', 'Amber'), ('red', 'Red')], max_length=6)),
                ('notified_at', models.DateTimeField(blank=True, null=True)),
                ('acknowledged_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='acknowledged by')),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to='partnerships.partnership', verbose_name='partnership')),
            ],
            options={
                'verbose_name': 'alert',
                'verbose_name_plural': 'alerts',
                'db_table': 'reviews_alert',
                'ordering': ['-raised_at', '-pk'],
                'indexes': [models.Index(fields=['partnership', 'resolved_at'], name='reviews_ale_partner_78238d_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('resolved_at__isnull', True)), fields=('partnership', 'signal'), name='one_open_alert_per_signal')],
            },
        ),
        simitra.lib.migrations.MoveContentTypes(
            from_app_label='reviews',
        ),
    ]
