# Issue 11 (safety-plan): check-ins record when they were entered; each activity source keeps the
# record it gave (a merge never overwrites one); plan inputs carry a clinician's caps.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0003_imported_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkin",
            name="recorded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="activitysource",
            name="record",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="planevent",
            name="caps",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
