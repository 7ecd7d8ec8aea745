"""The health check's tables, moved here from the `reviews` app with their rows and history.

The models keep the tables they had in `reviews` (`db_table`, and `HistoricalRecords(table_name=…)`
for their history; the index, constraint and many-to-many table names derive from those), so
this migration meets two kinds of database and needs nothing else from the one who migrates:

- fresh: `CreateModelOrAdopt` creates each table, as `CreateModel` would;
- migrated by the old `reviews` migrations (0001_initial, 0002_evaluations_warnings_alerts): the
  tables are there with their rows, and each is adopted as it is (checked to have every column
  of the model state, which repeats the old migrations' final state); nothing is created or
  copied.

`MoveContentTypes` then moves the models' content types from `reviews` to `health`,
keeping their ids, so the permissions granted on them, the admin log and any generic reference
still point at them. Unapplying keeps the tables and moves the content types back, so the old
code finds its data again. See `simitra/lib/migrations.py`; tested against a database built by
the old migrations, on SQLite and PostgreSQL, in `tests/test_reviews_split_migrations.py`.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
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
            name='HealthCheckRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=120, verbose_name='title')),
                ('introduction', models.TextField(blank=True, help_text='A few words to the partners: why this round, what happens with the results.', verbose_name='introduction')),
                ('anonymous', models.BooleanField(default=False, help_text='Nobody sees which partner answered what: only results over all partners are shown, after the round is closed and only when enough partners answered.', verbose_name='anonymous to other partners')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='answer by')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='opened')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                ('completed', models.BooleanField(default=False, editable=False, verbose_name='completed')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('expected_partners', models.ManyToManyField(blank=True, help_text='The partners confirmed when the round was closed.', related_name='+', to='partnerships.partner', verbose_name='partners expected to answer')),
                ('opened_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='health_rounds', to='partnerships.partnership', verbose_name='partnership')),
            ],
            options={
                'verbose_name': 'health-check round',
                'verbose_name_plural': 'health-check rounds',
                'db_table': 'reviews_healthcheckround',
                'ordering': ['-opened_at', '-pk'],
                'indexes': [models.Index(fields=['partnership', 'completed'], name='reviews_hea_partner_d63076_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True)), fields=('partnership',), name='one_open_health_round_per_partnership'), models.CheckConstraint(condition=models.Q(('closed_at__isnull', True), ('completed', True), _negated=True), name='health_round_completed_only_when_closed')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HealthQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dimension', models.CharField(blank=True, choices=[('equity', 'Equity'), ('transparency', 'Transparency'), ('mutual_benefit', 'Mutual benefit'), ('co_created', 'Co-created initiative'), ('balanced_contribution', 'Balanced contribution'), ('shared_risk', 'Shared risk'), ('communication', 'Communication'), ('trust', 'Trust'), ('governance', 'Governance'), ('value', 'Value for my organisation')], max_length=30, verbose_name='dimension')),
                ('text', models.TextField(blank=True, max_length=500, verbose_name='question')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='health.healthcheckround')),
            ],
            options={
                'verbose_name': 'health-check question',
                'verbose_name_plural': 'health-check questions',
                'db_table': 'reviews_healthquestion',
                'ordering': ['order', 'pk'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('dimension', ''), _negated=True), fields=('round', 'dimension'), name='one_builtin_dimension_per_round'), models.CheckConstraint(condition=models.Q(('dimension', ''), ('text', ''), _negated=True), name='health_question_has_text')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HealthResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='submitted')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='health_responses', to='partnerships.partner')),
                ('respondent', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='health.healthcheckround')),
            ],
            options={
                'verbose_name': 'health-check response',
                'verbose_name_plural': 'health-check responses',
                'db_table': 'reviews_healthresponse',
                'ordering': ['submitted_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('round', 'partner', 'respondent'), name='one_response_per_person')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HealthAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='score')),
                ('comment', models.TextField(blank=True, max_length=2000, verbose_name='comment')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='health.healthquestion')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='health.healthresponse')),
            ],
            options={
                'verbose_name': 'health-check answer',
                'verbose_name_plural': 'health-check answers',
                'db_table': 'reviews_healthanswer',
                'constraints': [models.UniqueConstraint(fields=('response', 'question'), name='one_answer_per_question'), models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='health_score_from_1_to_5')],
            },
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalHealthAnswer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='score')),
                ('comment', models.TextField(blank=True, max_length=2000, verbose_name='comment')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='health.healthquestion')),
                ('response', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='health.healthresponse')),
            ],
            options={
                'verbose_name': 'historical health-check answer',
                'verbose_name_plural': 'historical health-check answers',
                'db_table': 'reviews_historicalhealthanswer',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalHealthCheckRound',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=120, verbose_name='title')),
                ('introduction', models.TextField(blank=True, help_text='A few words to the partners: why this round, what happens with the results.', verbose_name='introduction')),
                ('anonymous', models.BooleanField(default=False, help_text='Nobody sees which partner answered what: only results over all partners are shown, after the round is closed and only when enough partners answered.', verbose_name='anonymous to other partners')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='answer by')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='opened')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                ('completed', models.BooleanField(default=False, editable=False, verbose_name='completed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('closed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opened_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership', verbose_name='partnership')),
            ],
            options={
                'verbose_name': 'historical health-check round',
                'verbose_name_plural': 'historical health-check rounds',
                'db_table': 'reviews_historicalhealthcheckround',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalHealthQuestion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('dimension', models.CharField(blank=True, choices=[('equity', 'Equity'), ('transparency', 'Transparency'), ('mutual_benefit', 'Mutual benefit'), ('co_created', 'Co-created initiative'), ('balanced_contribution', 'Balanced contribution'), ('shared_risk', 'Shared risk'), ('communication', 'Communication'), ('trust', 'Trust'), ('governance', 'Governance'), ('value', 'Value for my organisation')], max_length=30, verbose_name='dimension')),
                ('text', models.TextField(blank=True, max_length=500, verbose_name='question')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='health.healthcheckround')),
            ],
            options={
                'verbose_name': 'historical health-check question',
                'verbose_name_plural': 'historical health-check questions',
                'db_table': 'reviews_historicalhealthquestion',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.CreateModelOrAdopt(
            name='HistoricalHealthResponse',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, verbose_name='submitted')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partner')),
                ('respondent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='health.healthcheckround')),
            ],
            options={
                'verbose_name': 'historical health-check response',
                'verbose_name_plural': 'historical health-check responses',
                'db_table': 'reviews_historicalhealthresponse',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        simitra.lib.migrations.MoveContentTypes(
            from_app_label='reviews',
        ),
    ]
