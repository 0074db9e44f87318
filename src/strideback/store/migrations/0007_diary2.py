"""Issue 15: where a person is in the first-start sequence (`domain/onboarding.py`). Existing people get
`new`; one whose diary already holds records counts as set up (`needs_onboarding`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0006_merge_this_release")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="onboarding",
            field=models.CharField(blank=True, default="new", max_length=100),
        ),
    ]
