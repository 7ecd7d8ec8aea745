# The governance models moved to the governance app (its migration 0001 takes them over).
# Only Django's record of the models changes here: the tables and their rows stay as they are,
# under their first names.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0004_private_files'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Those that point at others first, so no model in the state is left pointing at
            # one already gone.
            state_operations=[
                migrations.DeleteModel(name='HistoricalAttendance'),
                migrations.DeleteModel(name='HistoricalBodyMember'),
                migrations.DeleteModel(name='HistoricalDecision'),
                migrations.DeleteModel(name='HistoricalGovernanceBody'),
                migrations.DeleteModel(name='HistoricalMeeting'),
                migrations.DeleteModel(name='HistoricalMeetingDocument'),
                migrations.DeleteModel(name='Attendance'),
                migrations.DeleteModel(name='MeetingDocument'),
                migrations.DeleteModel(name='Decision'),
                migrations.DeleteModel(name='BodyMember'),
                migrations.DeleteModel(name='Meeting'),
                migrations.DeleteModel(name='GovernanceBody'),
            ],
            database_operations=[],
        ),
    ]
